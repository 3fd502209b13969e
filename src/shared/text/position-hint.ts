// Where a claim's words probably went in a new revision. Paragraphs that survived word for word
// (even if moved) carry their offsets with them; an edited paragraph follows the shift of the last
// surviving paragraph before it, or else is placed by the unchanged head and tail of the story. The hint only breaks ties and picks where to look
// first, so cheap beats exact.
import { paragraphs } from './canonical'

function headTailHint(oldText: string, newText: string): (offset: number) => number {
  const shortest = Math.min(oldText.length, newText.length)
  let head = 0
  while (head < shortest && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++
  let tail = 0
  while (
    tail < shortest - head &&
    oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)
  )
    tail++
  const oldMiddle = oldText.length - tail - head
  const newMiddle = newText.length - tail - head
  return (offset) => {
    if (offset < head) return offset
    if (offset >= oldText.length - tail) return offset + newText.length - oldText.length
    return head + Math.round(((offset - head) / Math.max(1, oldMiddle)) * newMiddle)
  }
}

export interface ParagraphMap {
  /** Where an old offset probably is in the new text (only a hint: it breaks ties, picks where to look first). */
  hint: (oldOffset: number) => number
  /**
   * Where the old words at `start..end` are in the new text when their paragraph is there word for
   * word and is the only paragraph so worded in each text (so the words are certainly the same words,
   * moved with it), else null.
   */
  carried: (start: number, end: number) => number | null
}

export function mapParagraphs(oldText: string, newText: string): ParagraphMap {
  const fallback = headTailHint(oldText, newText)
  // Starts of each distinct new paragraph, with a cursor to the first one not yet taken: linear
  // however often a paragraph repeats (100,000 identical paragraphs must not cost 100,000²).
  const newStarts = new Map<string, { starts: number[]; taken: number }>()
  for (const p of paragraphs(newText)) {
    const key = newText.slice(p.start, p.end)
    const entry = newStarts.get(key)
    if (entry) entry.starts.push(p.start)
    else newStarts.set(key, { starts: [p.start], taken: 0 })
  }
  // Each old paragraph is matched to the first unused identical paragraph in the new text.
  const oldCounts = new Map<string, number>()
  const old = paragraphs(oldText).map((p) => {
    const key = oldText.slice(p.start, p.end)
    oldCounts.set(key, (oldCounts.get(key) ?? 0) + 1)
    const entry = newStarts.get(key)
    const to = entry && entry.taken < entry.starts.length ? (entry.starts[entry.taken++] ?? null) : null
    return { ...p, key, to, unique: entry?.starts.length === 1 }
  })
  // An edited paragraph most likely sits right after the paragraph that came before it, so it
  // follows that paragraph's shift; the head-and-tail estimate drifts by kilobytes in a long story.
  let shift: number | null = null
  const shifts = old.map((p) => {
    if (p.to !== null) shift = p.to - p.start
    return shift
  })
  /** The old paragraph holding `offset`, or -1. */
  const at = (offset: number): number => {
    let lo = 0
    let hi = old.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const p = old[mid]!
      if (offset < p.start) hi = mid - 1
      else if (offset >= p.end) lo = mid + 1
      else return mid
    }
    return -1
  }
  return {
    hint: (offset) => {
      const i = at(offset)
      const p = old[i]
      if (p === undefined) return fallback(offset)
      if (p.to !== null) return p.to + (offset - p.start)
      const before = shifts[i]
      return before === null || before === undefined
        ? fallback(offset)
        : Math.max(0, Math.min(newText.length, offset + before))
    },
    carried: (start, end) => {
      const p = old[at(start)]
      if (p === undefined || p.to === null || end > p.end || !p.unique || oldCounts.get(p.key) !== 1) return null
      return p.to + (start - p.start)
    }
  }
}
