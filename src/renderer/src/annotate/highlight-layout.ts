// Splits a paragraph into runs of text covered by the same set of claims. Claims may overlap or
// nest, and DOM elements cannot cross, so the text is cut at every claim boundary and each run is
// rendered as one flat span that knows every claim covering it.

export interface ClaimSpan {
  id: string
  start: number
  end: number
}

export interface Segment {
  start: number
  end: number
  /** Claims covering this run, outermost (longest) first, so the last one is the innermost. */
  ids: string[]
  /** Claims whose own first character is this run's first character (where their marker goes). */
  starts: string[]
}

const byNesting = (a: ClaimSpan, b: ClaimSpan): number =>
  b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Lays out the text from `from` to `to` (a paragraph's offsets in the story) under `spans`. */
export function layoutParagraph(from: number, to: number, spans: readonly ClaimSpan[]): Segment[] {
  const inside = spans.filter((s) => s.start < to && s.end > from && s.end > s.start)
  const cuts = new Set<number>([from, to])
  for (const s of inside) {
    cuts.add(Math.max(from, s.start))
    cuts.add(Math.min(to, s.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const ordered = [...inside].sort(byNesting)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number
    const end = points[i + 1] as number
    const covering = ordered.filter((s) => s.start <= start && s.end >= end)
    segments.push({
      start,
      end,
      ids: covering.map((s) => s.id),
      starts: covering.filter((s) => s.start === start).map((s) => s.id)
    })
  }
  return segments
}

/** The first index in [0, length) where `past(i)` holds (it holds from some index on), or length. */
function firstWhere(length: number, past: (i: number) => boolean): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (past(mid)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * Hands each paragraph the spans that touch it, in order of their starts; a span across a paragraph break goes
 * to both. Each paragraph looks only at the spans that can touch it (found by binary search on the starts and on
 * the furthest end so far), so a story of a thousand claims and a hundred paragraphs costs a thousand steps, not
 * a hundred thousand.
 */
export function spansByParagraph(
  paragraphs: readonly { start: number; end: number }[],
  spans: readonly ClaimSpan[]
): ClaimSpan[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  /** reach[i]: the furthest end of sorted[0..i]; it never decreases. */
  const reach: number[] = []
  let furthest = Number.NEGATIVE_INFINITY
  for (const s of sorted) reach.push((furthest = Math.max(furthest, s.end)))
  return paragraphs.map((p) => {
    // Spans from `from` on may end inside or after the paragraph; spans from `to` on start after it.
    const from = firstWhere(sorted.length, (i) => (reach[i] as number) > p.start)
    const to = firstWhere(sorted.length, (i) => (sorted[i] as ClaimSpan).start >= p.end)
    const out: ClaimSpan[] = []
    for (let i = from; i < to; i++) {
      const s = sorted[i] as ClaimSpan
      if (s.end > p.start) out.push(s)
    }
    return out
  })
}
