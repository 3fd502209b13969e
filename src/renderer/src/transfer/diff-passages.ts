// Turns a word diff of two revisions into the passages that changed, each with a little unchanged
// text either side for context, so a long story with two edits shows two short passages.
import type { Change } from 'diff'

export interface Passage {
  /** Unchanged text before the first change, cut to the context length ("…" when cut). */
  before: string
  /** The changes and the short unchanged runs between them, in order. */
  parts: { kind: 'same' | 'added' | 'removed'; text: string }[]
  after: string
}

const kindOf = (c: Change): 'same' | 'added' | 'removed' => (c.added ? 'added' : c.removed ? 'removed' : 'same')

/** Groups changes closer than twice `context` characters into one passage. */
export function changedPassages(changes: readonly Change[], context = 160): Passage[] {
  const out: Passage[] = []
  let current: Passage | null = null
  changes.forEach((change, i) => {
    const kind = kindOf(change)
    if (kind !== 'same') {
      if (!current) {
        const previous = changes[i - 1]
        const text = previous && kindOf(previous) === 'same' ? previous.value : ''
        current = { before: text.length > context ? `…${text.slice(-context)}` : text, parts: [], after: '' }
        out.push(current)
      }
      current.parts.push({ kind, text: change.value })
      return
    }
    if (!current) return
    const hasMoreChanges = changes.slice(i + 1).some((c) => kindOf(c) !== 'same')
    if (hasMoreChanges && change.value.length <= context * 2) {
      current.parts.push({ kind: 'same', text: change.value })
      return
    }
    current.after = change.value.length > context ? `${change.value.slice(0, context)}…` : change.value
    current = null
  })
  return out
}
