// The headline or the story text, as paragraphs with every claim in it highlighted. Runs of text
// carry their offsets in that part (data-start/data-end) so selections map back to it
// (annotate/selection.ts); each claim gets a marker at its first word with its number and status icon,
// so colour is never the only signal. The headline is one paragraph, rendered as the article's heading.
import { Heading } from '@radix-ui/themes'
import { memo, useMemo } from 'react'
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

export function Article({ part, text, claims, selectedId, rootRef, onPick }: ArticleProps): React.JSX.Element {
  const paragraphs = useMemo(
    () => (part === 'headline' ? [{ start: 0, end: text.length }] : paragraphsOf(text)),
    [part, text]
  )
  const perParagraph = useMemo(() => spansByParagraph(paragraphs, claims), [paragraphs, claims])

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
      data-testid={part === 'headline' ? 'headline' : 'article'}
    >
      {paragraphs.map((p, i) => {
        const list = perParagraph[i] as ArticleClaim[]
        const selected = selectedId !== null && list.some((c) => c.id === selectedId) ? selectedId : null
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
