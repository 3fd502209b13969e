// Faint marks over the article for suggested claims (with a short reason; one click marks, the
// cross dismisses) and for sentences that match an earlier check. Drawn as a layer over the text,
// placed from the rendered runs, and re-placed as the article scrolls or changes size.
import { Cross2Icon, PlusIcon } from '@radix-ui/react-icons'
import { useCallback, useEffect, useLayoutEffect, useState } from 'react'
import type { SentenceMatch, Suggestion } from '../../../shared/contract'
import { useLibraryContext } from '../app/library-context'
import { offsetsToRange } from './dom-range'
import type { StoryMemory } from './use-story-memory'
import './memory.css'

interface Placed {
  key: string
  kind: 'suggestion' | 'match'
  top: number
  left: number
  lines: { top: number; left: number; width: number; height: number }[]
  suggestion?: Suggestion
  match?: SentenceMatch
}

interface Props {
  memory: StoryMemory
  articleRef: React.RefObject<HTMLDivElement | null>
  scrollRef: React.RefObject<HTMLDivElement | null>
  /** Changes whenever the article re-renders, so marks are placed again. */
  version: unknown
  onMark(range: { start: number; end: number }): void
}

/** A mark's height in the margin (fixed in memory.css) plus the gap kept between two marks. */
const MARK_STEP = 22

/** Marks in reading order, each moved down just enough not to sit on the one above it (two
 *  suggestions on one line, or on lines closer than a mark is tall). */
function apart(items: Placed[]): Placed[] {
  let below = -Infinity
  return [...items]
    .sort((a, b) => a.top - b.top)
    .map((item) => {
      const top = Math.max(item.top, below)
      below = top + MARK_STEP
      return top === item.top ? item : { ...item, top }
    })
}

export function MemoryMarks({ memory, articleRef, scrollRef, version, onMark }: Props): React.JSX.Element | null {
  const lib = useLibraryContext()
  const [placed, setPlaced] = useState<Placed[]>([])
  /** No room left of the text (a panel is open): the marks sit in the margin without their reason. */
  const [compact, setCompact] = useState(false)
  const { suggestions, matches } = memory

  const place = useCallback(() => {
    const root = articleRef.current
    const scroller = scrollRef.current
    // Nothing to place (the usual case): no measuring, so an article change costs no extra layout here.
    if (!root || !scroller || (matches.length === 0 && suggestions.length === 0))
      return setPlaced((p) => (p.length === 0 ? p : []))
    const box = scroller.getBoundingClientRect()
    const rootBox = root.getBoundingClientRect()
    const at = (r: DOMRect) => ({
      top: r.top - box.top + scroller.scrollTop,
      left: r.left - box.left + scroller.scrollLeft,
      width: r.width,
      height: r.height
    })
    const room = rootBox.left - box.left - 40
    const narrow = room < 170
    setCompact(narrow)
    const markLeft = rootBox.left - box.left + scroller.scrollLeft + (narrow ? -2 : -40)
    const items: Placed[] = []
    const add = (key: string, kind: Placed['kind'], start: number, end: number, extra: Partial<Placed>) => {
      const range = offsetsToRange(root, start, end)
      const rects = range ? Array.from(range.getClientRects()).filter((r) => r.width > 0) : []
      const first = rects[0]
      if (!first) return
      items.push({ key, kind, top: at(first).top, left: markLeft, lines: rects.map(at), ...extra })
    }
    for (const m of matches) add(`m${m.start}`, 'match', m.start, m.end, { match: m })
    for (const s of suggestions) add(`s${s.key}`, 'suggestion', s.start, s.end, { suggestion: s })
    setPlaced(apart(items))
  }, [articleRef, scrollRef, suggestions, matches])

  useLayoutEffect(place, [place, version])
  useEffect(() => {
    const scroller = scrollRef.current
    if (!scroller) return
    let frame = 0
    const again = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(place)
    }
    const observer = new ResizeObserver(again)
    observer.observe(scroller)
    scroller.addEventListener('scroll', again, { passive: true })
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      scroller.removeEventListener('scroll', again)
    }
  }, [scrollRef, place])

  if (placed.length === 0) return null
  return (
    <div className={compact ? 'memory-layer compact' : 'memory-layer'} aria-label="Suggestions and earlier checks">
      {placed.map((p) =>
        p.lines.map((line, i) => (
          <div key={`${p.key}-${i}`} className={`memory-line memory-${p.kind}`} style={line} aria-hidden />
        ))
      )}
      {placed.map((p) =>
        p.suggestion ? (
          <div
            key={p.key}
            className="memory-mark memory-suggestion-mark"
            style={{ top: p.top, left: p.left }}
            data-suggestion={p.suggestion.start}
          >
            <button
              type="button"
              className="memory-add"
              aria-label={`Mark suggested claim (${p.suggestion.reason})`}
              title={`Worth checking: ${p.suggestion.reason}. Click to mark as a claim.`}
              onClick={() => p.suggestion && onMark(p.suggestion)}
            >
              <PlusIcon />
            </button>
            <span className="memory-reason">{p.suggestion.reason}</span>
            <button
              type="button"
              className="memory-dismiss"
              aria-label="Dismiss suggestion"
              title="Dismiss: do not suggest this sentence again"
              onClick={() => p.suggestion && void memory.dismiss(p.suggestion)}
            >
              <Cross2Icon />
            </button>
          </div>
        ) : p.match ? (
          <div
            key={p.key}
            className="memory-mark memory-match-mark"
            style={{ top: p.top, left: p.left }}
            data-match={p.match.start}
            title={`Checked before in “${p.match.match.storyTitle}”: ${p.match.match.verdict ? lib.verdictLabel(p.match.match.verdict) : 'no verdict'}`}
          >
            <span className="memory-reason">
              Checked before · {p.match.match.verdict ? lib.verdictLabel(p.match.match.verdict) : 'no verdict'}
            </span>
          </div>
        ) : null
      )}
    </div>
  )
}
