// A tagged template for HTML that escapes every interpolated value unless it is already SafeHtml,
// so a renderer cannot forget to escape user text: forgetting means double-escaping, not injection.
import { escapeHtml } from './escape'

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

export type HtmlPart = SafeHtml | string | number | null | undefined | false | readonly HtmlPart[]

function render(part: HtmlPart): string {
  if (part instanceof SafeHtml) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  if (part === null || part === undefined || part === false) return ''
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlPart) + (strings[i + 1] ?? '')
  return new SafeHtml(out)
}

/** Trusted markup written in this module tree (the stylesheet), never user text. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup)
