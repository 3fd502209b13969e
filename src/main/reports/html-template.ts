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

/**
 * Characters that can change the order of the text around them: right-to-left letters and digits
 * (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms, the
 * right-to-left blocks of the supplementary planes) and the explicit bidi controls.
 */
const reordering =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud802-\ud803\ud83a-\ud83b][\udc00-\udfff]/

/**
 * User text isolated from the text around it as `<bdi>` would isolate it, without an element:
 * text that could reorder its neighbours (a right-to-left letter or a bidi control) goes between
 * FSI and PDI (its direction is that of its first strong letter, and nothing in it reaches past
 * it); other text cannot reorder anything, since every piece that could is isolated, and is
 * printed as it is. Each element or isolate splits the line into one more run to lay out, paint and
 * tag in the PDF's structure, so a claim's parts use this (docs/architecture.md, what a PDF costs).
 * Stray isolate controls in the text are balanced (an opener left open is closed, a closer with no
 * opener gets one), so unlike `<bdi>` no text can end the isolate early or leave one open.
 */
export function isolated(text: string): SafeHtml {
  if (!reordering.test(text)) return html`${text}`
  let open = 0
  let unopened = 0
  for (const c of text)
    if (c === '\u2066' || c === '\u2067' || c === '\u2068') open++
    else if (c === '\u2069') {
      if (open > 0) open--
      else unopened++
    }
  return html`\u2068${'\u2068'.repeat(unopened)}${text}${'\u2069'.repeat(open)}\u2069`
}
