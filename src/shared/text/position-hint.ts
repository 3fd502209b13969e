// Where a claim's words probably went in a new revision. Paragraphs that survived word for word
// (even if moved) carry their offsets with them; inside an edited paragraph the offset is placed
// by the unchanged head and tail of the story. The hint only breaks ties and picks where to look
// first, so cheap beats exact.
import { paragraphs } from './canonical'

function headTailHint(oldText: string, newText: string): (offset: number) => number {
  const shortest = Math.min(oldText.length, newText.length)
  let head = 0
  while (head < shortest && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++
  let tail = 0
  while (tail < shortest - head && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++
  const oldMiddle = oldText.length - tail - head
  const newMiddle = newText.length - tail - head
  return (offset) => {
    if (offset < head) return offset
    if (offset >= oldText.length - tail) return offset + newText.length - oldText.length
    return head + Math.round(((offset - head) / Math.max(1, oldMiddle)) * newMiddle)
  }
}

export function positionHint(oldText: string, newText: string): (oldOffset: number) => number {
  const fallback = headTailHint(oldText, newText)
  const newStarts = new Map<string, number[]>()
  for (const p of paragraphs(newText)) {
    const key = newText.slice(p.start, p.end)
    newStarts.set(key, [...(newStarts.get(key) ?? []), p.start])
  }
  // Each old paragraph is matched to the first unused identical paragraph in the new text.
  const old = paragraphs(oldText).map((p) => {
    const candidates = newStarts.get(oldText.slice(p.start, p.end))
    return { ...p, to: candidates?.shift() ?? null }
  })
  return (offset) => {
    let lo = 0
    let hi = old.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const p = old[mid]!
      if (offset < p.start) hi = mid - 1
      else if (offset >= p.end) lo = mid + 1
      else return p.to === null ? fallback(offset) : p.to + (offset - p.start)
    }
    return fallback(offset)
  }
}
