// The keyboard's way to choose words in the story: with the story text focused, Alt+↓ / Alt+↑ move
// a sentence cursor, Alt+Shift+→ / ← take in or let go of a word, Alt+Shift+↓ takes in the next
// sentence, and Enter marks what the cursor holds. The cursor is the document selection itself, so
// it looks like (and works with) a mouse selection; a live region reads out what it holds.
import { useCallback, useMemo, useState } from 'react'
import { sentences as sentencesOf, type Span } from '../../../shared/text/segment'
import type { TextRange } from '../../../shared/text/range'

/** Sets the document selection to story offsets [start, end) in the rendered article. */
export function selectOffsets(root: Element, range: TextRange): boolean {
  const runs = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'))
  const at = (offset: number, isEnd: boolean): [Node, number] | null => {
    const run = runs.find((r) => Number(r.dataset.start) <= offset && (isEnd ? offset <= Number(r.dataset.end) : offset < Number(r.dataset.end)))
    return run?.firstChild ? [run.firstChild, offset - Number(run.dataset.start)] : null
  }
  const start = at(range.start, false)
  const end = at(range.end, true)
  if (!start || !end) return false
  const dom = document.createRange()
  dom.setStart(...start)
  dom.setEnd(...end)
  const selection = document.getSelection()
  selection?.removeAllRanges()
  selection?.addRange(dom)
  ;(start[0].parentElement as HTMLElement).scrollIntoView({ block: 'nearest' })
  return true
}

/** The end of the next word after `end` (or null at the end of the story). */
function nextWordEnd(text: string, end: number, limit: number): number | null {
  const m = /\s*\S+/y
  m.lastIndex = end
  const found = m.exec(text)
  return found && end + found[0].length <= limit ? end + found[0].length : null
}

/** The end of the word before the last one in [start, end), or null when one word is left. */
function previousWordEnd(text: string, start: number, end: number): number | null {
  const inside = text.slice(start, end).replace(/\s*\S+\s*$/, '')
  return inside.trim() ? start + inside.length : null
}

export interface CursorKeys {
  announcement: string
  onKeyDown(e: React.KeyboardEvent): void
}

export function useSentenceCursor(
  text: string,
  articleRef: React.RefObject<HTMLElement | null>,
  current: () => TextRange | null,
  mark: (range: TextRange) => void,
  describe: (range: TextRange) => string
): CursorKeys {
  const all = useMemo<Span[]>(() => sentencesOf(text), [text])
  const [announcement, setAnnouncement] = useState('')

  const show = useCallback(
    (range: TextRange) => {
      const root = articleRef.current
      if (!root || !selectOffsets(root, range)) return
      const words = text.slice(range.start, range.end)
      setAnnouncement(`${words.length > 200 ? `${words.slice(0, 200)}…` : words} ${describe(range)}`.trim())
    },
    [articleRef, text, describe]
  )

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) return
      const cursor = current()
      if (e.key === 'Enter' && !e.altKey && !e.shiftKey) {
        if (e.target !== e.currentTarget || !cursor) return
        e.preventDefault()
        mark(cursor)
        return
      }
      if (!e.altKey || !e.key.startsWith('Arrow')) return
      let next: TextRange | null = null
      if (!e.shiftKey && e.key === 'ArrowDown') next = cursor ? (all.find((s) => s.start >= cursor.end) ?? null) : (all[0] ?? null)
      else if (!e.shiftKey && e.key === 'ArrowUp') next = cursor ? ([...all].reverse().find((s) => s.end <= cursor.start) ?? null) : (all[0] ?? null)
      else if (e.shiftKey && cursor) {
        if (e.key === 'ArrowRight') {
          const end = nextWordEnd(text, cursor.end, text.length)
          next = end === null ? null : { start: cursor.start, end }
        } else if (e.key === 'ArrowLeft') {
          const end = previousWordEnd(text, cursor.start, cursor.end)
          next = end === null ? null : { start: cursor.start, end }
        } else if (e.key === 'ArrowDown') {
          const following = all.find((s) => s.start >= cursor.end)
          next = following ? { start: cursor.start, end: following.end } : null
        }
      }
      e.preventDefault()
      if (next) show(next)
    },
    [all, current, mark, show, text]
  )

  return { announcement, onKeyDown }
}
