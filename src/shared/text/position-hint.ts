// Where a claim's words probably moved to: an offset in the unchanged head of the story stays put,
// one in the unchanged tail shifts by the change in length, and one inside the edited middle is
// placed proportionally. It only breaks ties between equally good matches, so cheap beats exact.

export function positionHint(oldText: string, newText: string): (oldOffset: number) => number {
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
