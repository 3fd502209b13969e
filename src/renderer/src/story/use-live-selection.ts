// Follows the reader's text selection in the article: its story offsets, and where to float the
// Mark button above it inside the scrolling column.
import { useEffect, useState } from 'react'
import type { TextRange } from '../../../shared/text/range'
import { selectionOffsets } from '../desk/selection'

export interface LiveSelection {
  range: TextRange
  top: number
  left: number
}

export function useLiveSelection(articleRef: React.RefObject<HTMLElement | null>, scrollRef: React.RefObject<HTMLElement | null>): LiveSelection | null {
  const [live, setLive] = useState<LiveSelection | null>(null)
  useEffect(() => {
    const onChange = (): void => {
      const root = articleRef.current
      const container = scrollRef.current
      const selection = document.getSelection()
      const range = root ? selectionOffsets(root, selection) : null
      if (!range || !container || !selection) return setLive(null)
      const rect = selection.getRangeAt(0).getBoundingClientRect()
      const box = container.getBoundingClientRect()
      setLive({ range, top: rect.top - box.top + container.scrollTop - 40, left: Math.max(8, rect.left - box.left + rect.width / 2 - 70) })
    }
    document.addEventListener('selectionchange', onChange)
    return () => document.removeEventListener('selectionchange', onChange)
  }, [articleRef, scrollRef])
  return live
}
