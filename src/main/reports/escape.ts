// Escaping user text for each output format, kept in one place so every renderer uses the same rules.

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c)
}

/**
 * Escapes text so CommonMark/GFM renders it literally. Inline syntax is escaped everywhere; block
 * syntax (`#`, `>`, list markers, `1.`) only where it would start a line, so ordinary prose with
 * hyphens and full stops stays readable in the raw file.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>|~!&$]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
}

/** Markdown text on one line (table cells, headings, list items): line breaks become spaces. */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' ').trim())
}

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection": leading =, +, -, @, tab, CR).
 * Anchored without `$` on purpose: papaparse's built-in `/^[=+\-@\t\r].*$/` misses multi-line cells.
 */
export const formulaTrigger = /^[=+\-@\t\r]/

/**
 * JSON text that is also safe inside an HTML <script type="application/ld+json"> block: `</` and
 * `<!--` cannot end the script early. `\/` is a valid JSON escape, so parsers see the same string.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/<\//g, '<\\/').replace(/<!--/g, '\\u003c!--')
}

/** Only http(s) URLs become links; anything else (javascript:, data:, file:) is shown as text. */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
