// The claims beside the text, in story order, with filters, counts and the story's progress.
import { ExclamationTriangleIcon, LinkBreak2Icon, MagnifyingGlassIcon, ReaderIcon, UpdateIcon } from '@radix-ui/react-icons'
import { Button, Checkbox, Flex, Select, Text, TextField } from '@radix-ui/themes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { claimStatuses, claimTypes, verdicts, type Claim, type Evidence } from '../../../shared/model'
import { claimLabel, needsRecheck } from '../../../shared/rules/claims'
import { useDesk } from '../app/desk-context'
import { EnumSelect } from '../app/EnumSelect'
import { LastContact } from './LastContact'
import { PersonItems } from '../app/PersonItems'
import { StatusIcon, typeLabels } from '../app/labels'
import { ProgressBar } from '../app/ProgressBar'
import { countByStatus, isFiltered, noFilter, type ClaimFilter } from '../desk/claim-filters'

const statusChoices: readonly ClaimFilter['status'][] = ['all', ...claimStatuses]
const verdictChoices: readonly ClaimFilter['verdict'][] = ['all', 'none', ...verdicts]
const typeChoices: readonly ClaimFilter['type'][] = ['all', ...claimTypes]

interface ClaimListProps {
  claims: readonly Claim[]
  shown: readonly Claim[]
  evidence: readonly Evidence[]
  filter: ClaimFilter
  onFilter(filter: ClaimFilter): void
  selectedId: string | null
  onSelect(id: string, open: boolean): void
  searchRef: React.RefObject<HTMLInputElement | null>
  /** Claims flagged "sync conflict" with the desk. */
  conflicted: ReadonlySet<string>
  /** Whether the library is on a desk (the conflict filter shows only then, or while a conflict is left). */
  synced: boolean
}

export function ClaimList({ claims, shown, evidence, filter, onFilter, selectedId, onSelect, searchRef, conflicted, synced }: ClaimListProps): React.JSX.Element {
  const desk = useDesk()
  const scrollRef = useRef<HTMLDivElement>(null)
  const evidenceCount = new Map<string, number>()
  for (const e of evidence) evidenceCount.set(e.claimId, (evidenceCount.get(e.claimId) ?? 0) + 1)
  const orphans = claims.filter((c) => c.orphaned).length
  // Only the claims in view are in the page: a story can carry thousands.
  // The app is not built with the React Compiler, so the virtualizer's unmemoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => 64, overscan: 8, getItemKey: (i) => shown[i]?.id ?? i })
  const selectedIndex = selectedId ? shown.findIndex((c) => c.id === selectedId) : -1
  const rechecks = claims.filter(needsRecheck).length

  useEffect(() => {
    if (selectedIndex >= 0) virtual.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtual])

  return (
    <aside className="claim-list" aria-label="Claims in this story">
      <div className="claim-list-head">
        <Flex justify="between" align="baseline">
          <Text as="p" size="2" weight="bold">
            Claims
          </Text>
          <Text size="1" color="gray" data-testid="claim-count">
            {isFiltered(filter) ? `${shown.length} of ${claims.length}` : `${claims.length}`} {claims.length === 1 ? 'claim' : 'claims'}
          </Text>
        </Flex>
        <ProgressBar counts={countByStatus(claims)} />
        <TextField.Root ref={searchRef} size="1" placeholder="Search claims  /" aria-label="Search claims" value={filter.query} onChange={(e) => onFilter({ ...filter, query: e.target.value })}>
          <TextField.Slot>
            <MagnifyingGlassIcon />
          </TextField.Slot>
        </TextField.Root>
        <div className="filter-grid">
          <EnumSelect
            size="1"
            label="Filter by status"
            value={filter.status}
            options={statusChoices}
            optionLabel={(s) => (s === 'all' ? 'Any status' : `${desk.statusLabel(s)} (${claims.filter((c) => c.status === s).length})`)}
            onChange={(status) => onFilter({ ...filter, status })}
          />
          <EnumSelect
            size="1"
            label="Filter by verdict"
            value={filter.verdict}
            options={verdictChoices}
            optionLabel={(v) => (v === 'all' ? 'Any verdict' : v === 'none' ? 'No verdict yet' : desk.verdictLabel(v))}
            onChange={(verdict) => onFilter({ ...filter, verdict })}
          />
          <EnumSelect
            size="1"
            label="Filter by type"
            value={filter.type}
            options={typeChoices}
            optionLabel={(t) => (t === 'all' ? 'Any type' : typeLabels[t])}
            onChange={(type) => onFilter({ ...filter, type })}
          />
          <Select.Root size="1" value={filter.assignee} onValueChange={(v) => onFilter({ ...filter, assignee: v })}>
            <Select.Trigger aria-label="Filter by assignee" />
            <Select.Content>
              <Select.Item value="all">Anyone</Select.Item>
              <Select.Item value="none">Unassigned</Select.Item>
              <PersonItems />
            </Select.Content>
          </Select.Root>
        </div>
        <Flex gap="3" align="center" wrap="wrap">
          <Text as="label" size="1">
            <Flex gap="1" align="center">
              <Checkbox size="1" checked={filter.noEvidence} onCheckedChange={(v) => onFilter({ ...filter, noEvidence: v === true })} />
              No evidence yet
            </Flex>
          </Text>
          <Text as="label" size="1">
            <Flex gap="1" align="center">
              <Checkbox size="1" checked={filter.orphaned} onCheckedChange={(v) => onFilter({ ...filter, orphaned: v === true })} />
              Orphaned ({orphans})
            </Flex>
          </Text>
          <Text as="label" size="1">
            <Flex gap="1" align="center">
              <Checkbox size="1" checked={filter.recheck} onCheckedChange={(v) => onFilter({ ...filter, recheck: v === true })} />
              Needs re-check (<span data-testid="recheck-count">{rechecks}</span>)
            </Flex>
          </Text>
          {(synced || conflicted.size > 0 || filter.conflict) && (
            <Text as="label" size="1">
              <Flex gap="1" align="center">
                <Checkbox size="1" checked={filter.conflict} onCheckedChange={(v) => onFilter({ ...filter, conflict: v === true })} />
                Sync conflicts (<span data-testid="conflict-count">{conflicted.size}</span>)
              </Flex>
            </Text>
          )}
          {isFiltered(filter) && (
            <Button size="1" variant="ghost" onClick={() => onFilter(noFilter)}>
              Clear filters
            </Button>
          )}
        </Flex>
      </div>
      <div ref={scrollRef} className="claim-items">
      <ol className="claim-items-list" aria-label="Claims" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => {
          const c = shown[item.index] as Claim
          const count = evidenceCount.get(c.id) ?? 0
          return (
            <li key={c.id} ref={virtual.measureElement} data-index={item.index} aria-posinset={item.index + 1} aria-setsize={shown.length} style={{ transform: `translateY(${item.start}px)` }}>
              <button type="button" className="claim-item" data-claim-id={c.id} data-status={c.status} aria-current={c.id === selectedId || undefined} onClick={() => onSelect(c.id, true)}>
                {/* Plain elements, not Radix components: a story can list hundreds of claims. */}
                <span className="claim-item-meta">
                  <span className="claim-number">{claimLabel(c.number)}</span>
                  <span className="chip" data-status={c.status}>
                    <StatusIcon status={c.status} />
                    {desk.statusLabel(c.status)}
                  </span>
                  {c.verdict && (
                    <span className="chip chip-verdict" data-verdict={c.verdict}>
                      {desk.verdictLabel(c.verdict)}
                    </span>
                  )}
                  {c.orphaned && (
                    <span className="chip chip-orphan">
                      <LinkBreak2Icon aria-hidden /> Orphaned
                    </span>
                  )}
                  {conflicted.has(c.id) && (
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
                      <span className="initials" title={`Assigned to ${desk.personName(c.assignee)}`}>
                        {desk.people.get(c.assignee)?.initials || '?'}
                        <span className="sr-only">, assigned to {desk.personName(c.assignee)}</span>
                      </span>
                    )}
                  </span>
                </span>
                <span className="claim-quote">{c.restatement || c.anchor.quote.exact}</span>
                {c.status === 'waiting' && <LastContact claim={c} />}
              </button>
            </li>
          )
        })}
      </ol>
      </div>
      {shown.length === 0 && (
        <Text as="p" size="2" color="gray" className="claim-list-empty">
          {claims.length ? 'No claim matches these filters.' : 'No claims yet. Select words in the story and press M, or click the + beside a sentence to mark all of it.'}
        </Text>
      )}
    </aside>
  )
}
