// The headline or the story text, as paragraphs with every claim in it highlighted. Runs of text
// carry their offsets in that part (data-start/data-end) so selections map back to it
// (annotate/selection.ts); each claim gets a marker at its first word with its number and status icon,
// so colour is never the only signal. The headline is one paragraph, rendered as the article's heading.
// In a long story only the paragraphs in or near the view draw their highlights (useNearParagraphs).
import { Heading } from '@radix-ui/themes'
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { ClaimStatus, StoryPart } from '../../../shared/model'
import { paragraphs as paragraphsOf } from '../../../shared/text/canonical'
import { layoutParagraph, spansByParagraph, type ClaimSpan } from '../annotate/highlight-layout'
import { StatusIcon } from '../app/labels'

export interface ArticleClaim extends ClaimSpan {
  status: ClaimStatus | 'pending'
  /** The claim's stable label, C7. */
  number: string
  label: string
  recheck: boolean
}

interface ArticleProps {
  part: StoryPart
  text: string
  claims: readonly ArticleClaim[]
  selectedId: string | null
  rootRef: React.RefObject<HTMLDivElement | null>
  onPick(ids: string[]): void
}

/**
 * From this many claims in a part, only the paragraphs in or near the view draw their highlights; the others are
 * their plain text (the same runs with their offsets, so selecting and marking there works as anywhere). Opening a
 * story of a thousand claims then builds a screenful of marks, not a thousand markers and their icons.
 */
export const NEAR_ONLY_FROM = 200
/** How far beyond the view, above and below, paragraphs draw their highlights: a screen's height each way. */
const NEAR_MARGIN = '100% 0px'
/** Until the observer has first said what is near: the paragraphs starting in the story's first characters. */
const FIRST_SCREEN_CHARS = 6000

/** The data-from of the `.para` child of `root` holding `node`, or NaN. */
const paragraphAt = (root: HTMLElement, node: Node): number => {
  const element = node instanceof Element ? node : node.parentElement
  const para = element?.closest('.para')
  return para && para.parentElement === root ? Number((para as HTMLElement).dataset.from) : Number.NaN
}

/**
 * The starts of the paragraphs (children `.para` of `root`, data-from) within a screen of the scrolling view,
 * or null when every paragraph is to draw its highlights (`on` false). Follows scrolling, resizing and new text.
 * A paragraph holding the editor's selection keeps what it draws until the selection leaves it: drawing or
 * undrawing it replaces the text nodes the selection is in, and the selection would be lost (say the editor
 * selects words, scrolls, and comes back to press M).
 */
function useNearParagraphs(
  rootRef: React.RefObject<HTMLDivElement | null>,
  paragraphs: readonly { start: number }[],
  on: boolean
): ReadonlySet<number> | null {
  const [near, setNear] = useState<ReadonlySet<number>>(
    () => new Set(paragraphs.filter((p) => p.start < FIRST_SCREEN_CHARS).map((p) => p.start))
  )
  const drawn = useRef(near)
  useEffect(() => {
    const root = rootRef.current
    if (!on || !root) return
    const seen = new Set<number>()
    const update = (): void => {
      const selection = document.getSelection()
      const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null
      const first = range ? paragraphAt(root, range.startContainer) : Number.NaN
      const last = range ? paragraphAt(root, range.endContainer) : Number.NaN
      // The selection's paragraphs, from its first to its last; an end outside this part runs to the part's edge.
      const inPart = !Number.isNaN(first) || !Number.isNaN(last)
      const from = Number.isNaN(first) ? Number.NEGATIVE_INFINITY : first
      const to = Number.isNaN(last) ? Number.POSITIVE_INFINITY : last
      const held = (at: number): boolean => inPart && from <= at && at <= to
      const before = drawn.current
      const next = new Set<number>()
      for (const at of seen) if (!held(at) || before.has(at)) next.add(at)
      for (const at of before) if (held(at)) next.add(at)
      if (next.size === before.size && [...next].every((at) => before.has(at))) return
      drawn.current = next
      setNear(next)
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const at = Number((entry.target as HTMLElement).dataset.from)
          if (entry.isIntersecting) seen.add(at)
          else seen.delete(at)
        }
        update()
      },
      { root: root.closest('.article-scroll'), rootMargin: NEAR_MARGIN }
    )
    for (const p of Array.from(root.querySelectorAll(':scope > .para'))) observer.observe(p)
    document.addEventListener('selectionchange', update)
    return () => {
      observer.disconnect()
      document.removeEventListener('selectionchange', update)
    }
  }, [rootRef, paragraphs, on])
  return on ? near : null
}

const NO_CLAIMS: readonly ArticleClaim[] = []

export function Article({ part, text, claims, selectedId, rootRef, onPick }: ArticleProps): React.JSX.Element {
  const paragraphs = useMemo(
    () => (part === 'headline' ? [{ start: 0, end: text.length }] : paragraphsOf(text)),
    [part, text]
  )
  const perParagraph = useMemo(() => spansByParagraph(paragraphs, claims), [paragraphs, claims])
  const near = useNearParagraphs(rootRef, paragraphs, claims.length >= NEAR_ONLY_FROM)

  const onClick = (e: React.MouseEvent): void => {
    const selection = document.getSelection()
    if (selection && !selection.isCollapsed) return
    const target = (e.target as Element).closest('[data-claims],[data-marker]')
    if (!target) return
    const ids = target.getAttribute('data-marker') ?? target.getAttribute('data-claims') ?? ''
    onPick(ids.split(' ').filter((id) => id && !id.startsWith('pending-')))
  }

  // The claim markers are buttons: Tab reaches each claim from the text, Enter or Space opens it.
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const marker = (e.target as Element).closest('[data-marker]')
    if (!marker || (e.key !== 'Enter' && e.key !== ' ')) return
    e.preventDefault()
    e.stopPropagation()
    onPick([marker.getAttribute('data-marker') ?? ''].filter((id) => id && !id.startsWith('pending-')))
  }

  return (
    <div
      ref={rootRef}
      className={part === 'headline' ? 'article-headline' : 'article-text'}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-part={part}
      data-highlights={near === null ? 'all' : 'near'}
      data-testid={part === 'headline' ? 'headline' : 'article'}
    >
      {paragraphs.map((p, i) => {
        const all = perParagraph[i] as ArticleClaim[]
        const selected = selectedId !== null && all.some((c) => c.id === selectedId) ? selectedId : null
        // A paragraph away from the view draws its highlights all the same when it holds the selected claim (j/k
        // scroll to it) or one being saved (words selected there and marked).
        const drawn = near === null || near.has(p.start) || selected !== null || all.some((c) => c.status === 'pending')
        const list = drawn ? all : NO_CLAIMS
        return (
          <Paragraph
            key={`${p.start}`}
            heading={part === 'headline'}
            text={text}
            start={p.start}
            end={p.end}
            claims={list}
            selectedId={selected}
            signature={signatureOf(list, selected)}
          />
        )
      })}
    </div>
  )
}

const signatureOf = (list: readonly ArticleClaim[], selected: string | null): string =>
  `${selected ?? ''}|${list.map((c) => `${c.id}:${c.start}:${c.end}:${c.status}:${c.number}:${c.label}:${c.recheck}`).join(',')}`

interface ParagraphProps {
  /** The headline: the article's heading rather than a paragraph. */
  heading: boolean
  text: string
  start: number
  end: number
  claims: readonly ArticleClaim[]
  selectedId: string | null
  signature: string
}

/** Re-renders only when its own claims change, so marking one claim repaints one paragraph. */
const Paragraph = memo(
  function Paragraph({ heading, text, start, end, claims, selectedId }: ParagraphProps): React.JSX.Element {
    const byId = new Map(claims.map((c) => [c.id, c]))
    const segments = layoutParagraph(start, end, claims)
    const runs = segments.map((seg) => {
      const words = text.slice(seg.start, seg.end)
      const markers = seg.starts.map((id) => {
        const claim = byId.get(id) as ArticleClaim
        return (
          <span
            key={`m${id}`}
            className="claim-marker"
            data-at={seg.start}
            data-marker={id}
            data-status={claim.status}
            data-selected={id === selectedId || undefined}
            data-recheck={claim.recheck || undefined}
            role={claim.status === 'pending' ? 'img' : 'button'}
            tabIndex={claim.status === 'pending' ? undefined : 0}
            aria-label={
              claim.status === 'pending'
                ? 'Saving a new claim'
                : `${claim.number}: ${claim.label}${claim.recheck ? ', needs re-check' : ''}. Open it`
            }
          >
            {claim.status !== 'pending' && <StatusIcon status={claim.status} />}
            <span aria-hidden>{claim.status === 'pending' ? '…' : claim.number}</span>
          </span>
        )
      })
      if (seg.ids.length === 0) {
        return (
          <span key={seg.start} data-start={seg.start} data-end={seg.end}>
            {words}
          </span>
        )
      }
      const innermost = byId.get(seg.ids[seg.ids.length - 1] as string) as ArticleClaim
      return [
        ...markers,
        <mark
          key={seg.start}
          className="hl"
          data-start={seg.start}
          data-end={seg.end}
          data-claims={seg.ids.join(' ')}
          data-status={innermost.status}
          data-recheck={seg.ids.some((id) => byId.get(id)?.recheck) || undefined}
          data-depth={Math.min(seg.ids.length, 3)}
          data-selected={(selectedId !== null && seg.ids.includes(selectedId)) || undefined}
        >
          {words}
        </mark>
      ]
    })
    return (
      <div className="para" data-from={start} data-to={end}>
        <div className="para-margin" data-at={start} />
        {heading ? (
          <Heading as="h2" size="6" className="article-title para-text">
            {runs}
          </Heading>
        ) : (
          <p className="para-text">{runs}</p>
        )}
      </div>
    )
  },
  (a, b) =>
    a.signature === b.signature &&
    a.start === b.start &&
    a.end === b.end &&
    a.text === b.text &&
    a.heading === b.heading
)
