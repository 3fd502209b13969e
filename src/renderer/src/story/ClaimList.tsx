// The claims beside the text, in story order, with filters, counts and the story's progress.
import { ExclamationTriangleIcon, LinkBreak2Icon, ReaderIcon, UpdateIcon } from '@radix-ui/react-icons'
import { Text } from '@radix-ui/themes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { Claim, Evidence } from '../../../shared/model'
import { afterPaint } from '../app/after-paint'
import { measureRow } from '../app/measure-row'
import { flexClass, textProps } from '../app/theme-classes'
import { claimLabel, needsRecheck } from '../../../shared/rules/claims'
import { useLibraryContext } from '../app/library-context'
import { LastContact } from './LastContact'
import { StatusIcon } from '../app/labels'
import { ProgressBar } from '../app/ProgressBar'
import { countByStatus, countByStatusId, isFiltered, type ClaimFilter } from '../annotate/claim-filters'
import { ClaimFilters } from './ClaimFilters'

interface ClaimListProps {
  claims: readonly Claim[]
  shown: readonly Claim[]
  evidence: readonly Evidence[]
  filter: ClaimFilter
  /** Changes some of the filter's fields. */
  onFilter(change: Partial<ClaimFilter>): void
  selectedId: string | null
  onSelect(id: string, open: boolean): void
  searchRef: React.RefObject<HTMLInputElement | null>
  /** Claims flagged "sync conflict" with the desk. */
  conflicted: ReadonlySet<string>
  /** Whether the library is on a desk (the conflict filter shows only then, or while a conflict is left). */
  synced: boolean
}

export function ClaimList({
  claims,
  shown,
  evidence,
  filter,
  onFilter,
  selectedId,
  onSelect,
  searchRef,
  conflicted,
  synced
}: ClaimListProps): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const evidenceCount = new Map<string, number>()
  for (const e of evidence) evidenceCount.set(e.claimId, (evidenceCount.get(e.claimId) ?? 0) + 1)
  const orphans = claims.filter((c) => c.orphaned).length
  // Only the claims in view are in the page: a story can carry thousands. Measured rows re-render the
  // list with the next render, not synchronously inside the commit that measured them; a row is measured by the
  // ResizeObserver once laid out (measureRow), so a new claim's row or the panel opening forces no layout in a commit.
  // The app is not built with the React Compiler, so the virtualizer's unmemoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey: (i) => shown[i]?.id ?? i,
    useFlushSync: false,
    measureElement: measureRow
  })
  const selectedIndex = selectedId ? shown.findIndex((c) => c.id === selectedId) : -1
  const rechecks = claims.filter(needsRecheck).length
  const counts = useMemo(() => countByStatus(claims), [claims])
  const statusCounts = useMemo(() => countByStatusId(claims), [claims])

  // The selected claim is scrolled into view when it is not there already. Asked from the
  // virtualiser's own measurements: scrolling would read the page's layout, and a claim marked
  // above the selected one moves its index without taking it out of view. The scroll waits for the
  // frame to be painted: begun in the commit, it forced a layout before a new claim's highlight could show.
  useEffect(() => {
    if (selectedIndex < 0) return
    const item = virtual.measurementsCache[selectedIndex]
    const top = virtual.scrollOffset ?? 0
    const height = virtual.scrollRect?.height ?? 0
    if (item && height > 0 && item.start >= top && item.end <= top + height) return
    return afterPaint(() => virtual.scrollToIndex(selectedIndex, { align: 'auto' }))
  }, [selectedIndex, virtual])

  return (
    <aside className="claim-list" aria-label="Claims in this story">
      <div className="claim-list-head">
        {/* Plain elements with Radix Themes' classes (theme-classes.ts): drawn at every open. */}
        <div className={flexClass({ justify: 'between', align: 'baseline' })}>
          <p {...textProps('2', undefined, undefined, 'bold')}>Claims</p>
          <span {...textProps('1', 'gray')} data-testid="claim-count">
            {isFiltered(filter) ? `${shown.length} of ${claims.length}` : `${claims.length}`}{' '}
            {claims.length === 1 ? 'claim' : 'claims'}
          </span>
        </div>
        <ProgressBar counts={counts} />
        <ClaimFilters
          filter={filter}
          onFilter={onFilter}
          searchRef={searchRef}
          counts={statusCounts}
          orphans={orphans}
          rechecks={rechecks}
          conflicts={conflicted.size}
          showConflicts={synced}
        />
      </div>
      <div ref={scrollRef} className="claim-items">
        <ol className="claim-items-list" aria-label="Claims" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const c = shown[item.index] as Claim
            const count = evidenceCount.get(c.id) ?? 0
            return (
              <li
                key={c.id}
                ref={virtual.measureElement}
                data-index={item.index}
                aria-posinset={item.index + 1}
                aria-setsize={shown.length}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ClaimRow
                  claim={c}
                  evidence={count}
                  selected={c.id === selectedId}
                  conflicted={conflicted.has(c.id)}
                  onSelect={onSelect}
                />
              </li>
            )
          })}
        </ol>
      </div>
      {shown.length === 0 && (
        <Text as="p" size="2" color="gray" className="claim-list-empty">
          {claims.length
            ? 'No claim matches these filters.'
            : 'No claims yet. Select words in the story and press M, or click the + beside a sentence to mark all of it.'}
        </Text>
      )}
    </aside>
  )
}

interface ClaimRowProps {
  claim: Claim
  /** How many pieces of evidence it has. */
  evidence: number
  selected: boolean
  conflicted: boolean
  onSelect(id: string, open: boolean): void
}

/** One claim in the list: re-renders only when its own claim or what it shows of it changes (a mark redraws one row). */
const ClaimRow = memo(function ClaimRow({
  claim: c,
  evidence: count,
  selected,
  conflicted,
  onSelect
}: ClaimRowProps): React.JSX.Element {
  const lib = useLibraryContext()
  return (
    <button
      type="button"
      className="claim-item"
      data-claim-id={c.id}
      data-status={c.status}
      aria-current={selected || undefined}
      onClick={() => onSelect(c.id, true)}
    >
      {/* Plain elements, not Radix components: a story can list hundreds of claims. */}
      <span className="claim-item-meta">
        <span className="claim-number">{claimLabel(c.number)}</span>
        <span className="chip" data-status={c.status}>
          <StatusIcon status={c.status} />
          {lib.statusLabel(c.status)}
        </span>
        {c.verdict && (
          <span className="chip chip-verdict" data-verdict={c.verdict}>
            {lib.verdictLabel(c.verdict)}
          </span>
        )}
        {c.orphaned && (
          <span className="chip chip-orphan">
            <LinkBreak2Icon aria-hidden /> Orphaned
          </span>
        )}
        {conflicted && (
          <span className="chip chip-conflict">
            <ExclamationTriangleIcon aria-hidden /> Sync conflict
          </span>
        )}
        {needsRecheck(c) && (
          <span className="chip chip-recheck">
            <UpdateIcon aria-hidden /> Needs re-check
          </span>
        )}
        <span className="claim-item-end">
          <span title={`${count} piece${count === 1 ? '' : 's'} of evidence`}>
            <ReaderIcon aria-hidden /> {count}
            <span className="sr-only"> evidence</span>
          </span>
          {c.assignee && (
            <span className="initials" title={`Assigned to ${lib.personName(c.assignee)}`}>
              {lib.people.get(c.assignee)?.initials || '?'}
              <span className="sr-only">, assigned to {lib.personName(c.assignee)}</span>
            </span>
          )}
        </span>
      </span>
      <span className="claim-quote">{c.restatement || c.anchor.quote.exact}</span>
      {c.status === 'waiting' && <LastContact claim={c} />}
    </button>
  )
})
