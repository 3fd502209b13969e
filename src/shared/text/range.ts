// A stretch of story text as character offsets, and the one rule for its edges: a claim starts and
// ends on words, so whitespace at either end is dropped. Main applies it when it saves a claim, the
// renderer for its pending highlight, and anchoring after a fuzzy match.

export interface TextRange {
  start: number
  end: number
}

/** The range without whitespace at either end; null when nothing but whitespace is left. */
export function trimRange(text: string, range: TextRange): TextRange | null {
  let { start, end } = range
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return start < end ? { start, end } : null
}
