// Follows the reader's text selection in the headline or the article: its offsets in that part, and
// where to float the Mark button above it inside the scrolling column.
import { useEffect, useState } from 'react'
import type { PartRange } from '../../../shared/text/parts'
import { selectionInParts, type PartRoots } from '../annotate/selection'

export interface LiveSelection {
  range: PartRange
  top: number
  left: number
}

export function useLiveSelection(
  roots: () => PartRoots,
  scrollRef: React.RefObject<HTMLElement | null>
): LiveSelection | null {
  const [live, setLive] = useState<LiveSelection | null>(null)
  useEffect(() => {
    const onChange = (): void => {
      const container = scrollRef.current
      const selection = document.getSelection()
      const range = selectionInParts(roots(), selection)
      if (!range || !container || !selection) return setLive(null)
      const rect = selection.getRangeAt(0).getBoundingClientRect()
      const box = container.getBoundingClientRect()
      setLive({
        range,
        top: rect.top - box.top + container.scrollTop - 40,
        left: Math.max(8, rect.left - box.left + rect.width / 2 - 70)
      })
    }
    document.addEventListener('selectionchange', onChange)
    return () => document.removeEventListener('selectionchange', onChange)
  }, [roots, scrollRef])
  return live
}
