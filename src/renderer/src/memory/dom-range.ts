// The DOM range of story offsets [start, end) in the rendered article (the reverse of annotate/selection.ts):
// every run of story text is an element with data-start/data-end holding one text node.
export function offsetsToRange(root: Element, start: number, end: number): Range | null {
  const range = root.ownerDocument.createRange()
  let started = false
  for (const seg of Array.from(root.querySelectorAll('[data-start][data-end]'))) {
    const from = Number(seg.getAttribute('data-start'))
    const to = Number(seg.getAttribute('data-end'))
    const node = seg.firstChild
    if (!node || node.nodeType !== Node.TEXT_NODE) continue
    if (!started && start >= from && start < to) {
      range.setStart(node, start - from)
      started = true
    }
    if (started && end > from && end <= to) {
      range.setEnd(node, end - from)
      return range
    }
  }
  return null
}
