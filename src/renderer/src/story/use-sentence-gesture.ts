// The deliberate way to mark a whole sentence with the mouse: hovering the story shows a "+" in the
// margin beside the first line of the sentence under the pointer (the headline is a sentence too);
// only a click on that "+" marks it. (A stray click in the gutter does nothing.) The sentence under the pointer
// is kept in a store (app/value-store.ts): moving the mouse re-renders the "+", not the story view.
import { useCallback, useEffect, useRef, useState } from 'react'
import { ValueStore } from '../app/value-store'
import { storyParts } from '../../../shared/model/values'
import type { Story, StoryPart } from '../../../shared/model'
import { partText, sameRange, type PartRange } from '../../../shared/text/parts'
import { sentenceIn } from '../../../shared/text/segment'
import { offsetAtPoint } from '../annotate/selection'

export interface SentenceTarget {
  range: PartRange
  /** Where the "+" sits inside the scrolling column. */
  top: number
  left: number
}

/** The paragraph element holding offset `offset` of the text rendered in `root`, from its data-from / data-to. */
export function paragraphOf(root: Element, offset: number): HTMLElement | null {
  for (const p of Array.from(root.querySelectorAll<HTMLElement>('.para'))) {
    if (offset >= Number(p.dataset.from) && offset < Number(p.dataset.to)) return p
  }
  return null
}

/** Where to float the "+" for `range` (in the text rendered in `root`): beside the line its first character is on. */
export function targetFor(root: Element, container: Element, range: PartRange): SentenceTarget | null {
  const para = paragraphOf(root, range.start)
  const run = Array.from(para?.querySelectorAll<HTMLElement>('[data-start]') ?? []).find(
    (r) => Number(r.dataset.start) <= range.start && range.start < Number(r.dataset.end)
  )
  const node = run?.firstChild
  if (!para || !run || !node) return null
  const dom = document.createRange()
  const at = range.start - Number(run.dataset.start)
  dom.setStart(node, at)
  dom.setEnd(node, Math.min(at + 1, node.textContent?.length ?? at))
  const rect = dom.getBoundingClientRect()
  const box = container.getBoundingClientRect()
  const paraBox = para.getBoundingClientRect()
  return {
    range,
    top: rect.top - box.top + container.scrollTop + rect.height / 2 - 11,
    left: paraBox.left - box.left + container.scrollLeft + 6
  }
}

const partOf = (el: Element | null | undefined): StoryPart | undefined =>
  storyParts.find((p) => p === el?.getAttribute('data-part'))

export function useSentenceGesture(
  story: Pick<Story, 'title' | 'text'>,
  scrollRef: React.RefObject<HTMLElement | null>
) {
  const [hover] = useState(() => new ValueStore<SentenceTarget | null>(null))
  const setHover = useCallback((next: SentenceTarget | null) => hover.set(next), [hover])
  const frame = useRef(0)
  useEffect(() => () => cancelAnimationFrame(frame.current), [])

  const onMouseMove = useCallback(
    (e: React.MouseEvent) => {
      const target = e.target as Element
      if (target.closest('.sentence-mark')) return
      const { clientX, clientY } = e
      cancelAnimationFrame(frame.current)
      frame.current = requestAnimationFrame(() => {
        const root = target.closest('[data-part]')
        const part = partOf(root)
        const container = scrollRef.current
        const para = target.closest<HTMLElement>('.para')
        const words = para?.querySelector('.para-text')
        if (!root || !part || !container || !para || !words) return setHover(null)
        const text = partText(story, part)
        const overText = words.contains(target)
        const offset = offsetAtPoint(root, overText ? clientX : words.getBoundingClientRect().left + 1, clientY)
        const paragraph = { start: Number(para.dataset.from), end: Number(para.dataset.to) }
        const sentence = offset === null ? null : sentenceIn(text, paragraph, Math.min(offset, paragraph.end - 1))
        if (!sentence) return setHover(null)
        const range = { part, start: sentence.start, end: sentence.end }
        const current = hover.get()
        setHover(current && sameRange(current.range, range) ? current : targetFor(root, container, range))
      })
    },
    [story, scrollRef, hover, setHover]
  )

  const onMouseLeave = useCallback(() => {
    cancelAnimationFrame(frame.current)
    setHover(null)
  }, [setHover])

  return { hover, onMouseMove, onMouseLeave }
}
