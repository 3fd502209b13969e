// Escaping user text for each output format, kept in one place so every renderer uses the same rules.

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c)
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
