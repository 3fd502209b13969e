// Canonical story text: the one form every import produces and every anchor points into.
// Paragraphs are separated by exactly one blank line and hold no line breaks of their own, so a
// character offset means the same thing whichever file or page the words came from.

/** Characters that carry no words: control codes (except newlines and tabs) and zero-width marks. */
// eslint-disable-next-line no-control-regex -- stripping control codes is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u200C\u200E\u200F\u2060\uFEFF]/g
/** Every kind of horizontal space, including no-break and narrow spaces, becomes a plain space. */
const SPACES = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g

/** A line opening with a bullet is a list item: its own paragraph, whatever the line before it. */
const BULLET_LINE = /\n[ \t\u00A0]*(?=[•◦▪‣●■–*-][ \t\u00A0])/g

export function canonicalText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029/g, (m) => (m === '\u2029' ? '\n\n' : '\n'))
    .replace(INVISIBLE, '')
    .replace(BULLET_LINE, '\n\n')
    .split(/\n[ \t\u00A0]*\n\s*/)
    .map((paragraph) =>
      paragraph
        .replace(/\s*\n\s*/g, ' ')
        .replace(SPACES, ' ')
        .trim()
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n')
}

/** The paragraphs of canonical text with their offsets, in order. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  let start = 0
  while (start <= text.length) {
    const next = text.indexOf('\n\n', start)
    const end = next === -1 ? text.length : next
    if (end > start) out.push({ start, end })
    if (next === -1) break
    start = next + 2
  }
  return out
}
