// The keyboard's way to choose words in the story: with the story text focused, Alt+↓ / Alt+↑ move
// a sentence cursor (the headline first, then the story's sentences), Alt+Shift+→ / ← take in or let
// go of a word, Alt+Shift+↓ takes in the next sentence, and Enter marks what the cursor holds. The
// cursor is the document selection itself, so it looks like (and works with) a mouse selection; a
// live region reads out what it holds.
import { useCallback, useMemo, useState } from 'react'
import { storyParts } from '../../../shared/model/values'
import type { Story } from '../../../shared/model'
import { partText, type PartRange } from '../../../shared/text/parts'
import type { TextRange } from '../../../shared/text/range'
import { sentences as sentencesOf } from '../../../shared/text/segment'
import type { PartRoots } from '../annotate/selection'

/** Sets the document selection to offsets [start, end) of the text rendered in `root`. */
export function selectOffsets(root: Element, range: TextRange): boolean {
  const runs = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'))
  const at = (offset: number, isEnd: boolean): [Node, number] | null => {
    const run = runs.find(
      (r) =>
        Number(r.dataset.start) <= offset && (isEnd ? offset <= Number(r.dataset.end) : offset < Number(r.dataset.end))
    )
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

/** The end of the next word after `end` (or null at the end of the text). */
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
  story: Pick<Story, 'title' | 'text'>,
  roots: () => PartRoots,
  current: () => PartRange | null,
  mark: (range: PartRange) => void,
  describe: (range: PartRange) => string
): CursorKeys {
  /**
   * Every sentence in reading order: the headline's, then the story text's. Segmented the first time the cursor
   * moves, not when the story opens: a 10,000-word story's sentences cost tens of milliseconds, and most opens
   * never use the cursor.
   */
  const sentences = useMemo(() => {
    let all: PartRange[] | null = null
    return (): PartRange[] =>
      (all ??= storyParts.flatMap((part) =>
        sentencesOf(partText(story, part)).map((s) => ({ part, start: s.start, end: s.end }))
      ))
  }, [story])
  const [announcement, setAnnouncement] = useState('')

  const show = useCallback(
    (range: PartRange) => {
      const root = roots()[range.part]
      if (!root || !selectOffsets(root, range)) return
      const words = partText(story, range.part).slice(range.start, range.end)
      const where = range.part === 'headline' ? 'Headline: ' : ''
      setAnnouncement(`${where}${words.length > 200 ? `${words.slice(0, 200)}…` : words} ${describe(range)}`.trim())
    },
    [roots, story, describe]
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
      const all = sentences()
      // Reading order: the headline's sentences, then the text's.
      const rank = (s: PartRange) => storyParts.indexOf(s.part)
      const after = (c: PartRange) =>
        all.find((s) => rank(s) > rank(c) || (s.part === c.part && s.start >= c.end)) ?? null
      const before = (c: PartRange) =>
        [...all].reverse().find((s) => rank(s) < rank(c) || (s.part === c.part && s.end <= c.start)) ?? null
      let next: PartRange | null = null
      if (!e.shiftKey && e.key === 'ArrowDown') next = cursor ? after(cursor) : (all[0] ?? null)
      else if (!e.shiftKey && e.key === 'ArrowUp') next = cursor ? before(cursor) : (all[0] ?? null)
      else if (e.shiftKey && cursor) {
        const text = partText(story, cursor.part)
        if (e.key === 'ArrowRight') {
          const end = nextWordEnd(text, cursor.end, text.length)
          next = end === null ? null : { ...cursor, end }
        } else if (e.key === 'ArrowLeft') {
          const end = previousWordEnd(text, cursor.start, cursor.end)
          next = end === null ? null : { ...cursor, end }
        } else if (e.key === 'ArrowDown') {
          // Taking in the next sentence stays in the cursor's part: a claim is in the headline or the text.
          const following = after(cursor)
          next = following && following.part === cursor.part ? { ...cursor, end: following.end } : null
        }
      }
      e.preventDefault()
      if (next) show(next)
    },
    [sentences, current, mark, show, story]
  )

  return { announcement, onKeyDown }
}
