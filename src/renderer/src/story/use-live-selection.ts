// Follows the reader's text selection in the headline or the article: its offsets in that part, and
// where to float the Mark button above it inside the scrolling column. Kept in a store (app/value-store.ts),
// not in the story view's state: selecting words, and letting go of them when they are marked, re-renders
// the Mark button and the claim panel's "Re-attach", not the whole story.
import { useEffect, useState } from 'react'
import type { PartRange } from '../../../shared/text/parts'
import { selectionInParts, type PartRoots } from '../annotate/selection'
import { ValueStore } from '../app/value-store'

export interface LiveSelection {
  range: PartRange
  top: number
  left: number
}

export type LiveSelectionStore = ValueStore<LiveSelection | null>

export function useLiveSelection(
  roots: () => PartRoots,
  scrollRef: React.RefObject<HTMLElement | null>
): LiveSelectionStore {
  const [live] = useState<LiveSelectionStore>(() => new ValueStore<LiveSelection | null>(null))
  useEffect(() => {
    const onChange = (): void => {
      const container = scrollRef.current
      const selection = document.getSelection()
      const range = selectionInParts(roots(), selection)
      if (!range || !container || !selection) return live.set(null)
      const rect = selection.getRangeAt(0).getBoundingClientRect()
      const box = container.getBoundingClientRect()
      live.set({
        range,
        top: rect.top - box.top + container.scrollTop - 40,
        left: Math.max(8, rect.left - box.left + rect.width / 2 - 70)
      })
    }
    document.addEventListener('selectionchange', onChange)
    // The text above the selection can change height with the selection standing (a long story's paragraphs draw
    // their highlights as they come near the view, story/Article.tsx): the button then follows the words.
    const resized = new ResizeObserver(onChange)
    for (const root of Object.values(roots())) if (root) resized.observe(root)
    return () => {
      document.removeEventListener('selectionchange', onChange)
      resized.disconnect()
    }
  }, [roots, scrollRef, live])
  return live
}
