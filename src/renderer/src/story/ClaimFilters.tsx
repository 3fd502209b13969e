// The claim list's search box and filters. Memoised in parts, so a mark or an edit (which changes the
// counts) redraws only the status filter that shows them, not every Select with all its items.
import { MagnifyingGlassIcon } from '@radix-ui/react-icons'
import { Checkbox, TextField } from '@radix-ui/themes'
import { memo } from 'react'
import { claimTypes } from '../../../shared/model/values'
import type { ClaimStatus } from '../../../shared/model'
import { statusesIncluding, verdictChoices } from '../../../shared/rules/scales'
import { useLibraryContext } from '../app/library-context'
import { buttonProps, flexClass, textProps } from '../app/theme-classes'
import { EnumSelect } from '../app/EnumSelect'
import { PersonSelect } from '../app/PersonItems'
import { typeLabels } from '../app/labels'
import { isFiltered, noFilter, type ClaimFilter } from '../annotate/claim-filters'

const typeChoices: readonly ClaimFilter['type'][] = ['all', ...claimTypes]
const label = textProps('1')
const row = flexClass({ gap: '1', align: 'center' })

interface ClaimFiltersProps {
  filter: ClaimFilter
  /** Changes some of the filter's fields; stable, so the memoised parts redraw only for their own fields. */
  onFilter(change: Partial<ClaimFilter>): void
  searchRef: React.RefObject<HTMLInputElement | null>
  /** Claims by status id, shown in the status filter. */
  counts: ReadonlyMap<ClaimStatus, number>
  orphans: number
  rechecks: number
  conflicts: number
  /** Whether the sync-conflict filter is offered. */
  showConflicts: boolean
}

export const ClaimFilters = memo(function ClaimFilters({
  filter,
  onFilter,
  searchRef,
  counts,
  orphans,
  rechecks,
  conflicts,
  showConflicts
}: ClaimFiltersProps): React.JSX.Element {
  return (
    <>
      <TextField.Root
        ref={searchRef}
        size="1"
        placeholder="Search claims  /"
        aria-label="Search claims"
        value={filter.query}
        onChange={(e) => onFilter({ query: e.target.value })}
      >
        <TextField.Slot>
          <MagnifyingGlassIcon />
        </TextField.Slot>
      </TextField.Root>
      <div className="filter-grid">
        <StatusFilter value={filter.status} counts={counts} onFilter={onFilter} />
        <FieldFilters verdict={filter.verdict} type={filter.type} assignee={filter.assignee} onFilter={onFilter} />
      </div>
      {/* Plain elements with Radix Themes' classes (theme-classes.ts), drawn at every open; the boxes keep Radix's
          Checkbox, whose label is the <label> around it. */}
      <div className={flexClass({ gap: '3', align: 'center', wrap: 'wrap', className: 'filter-checks' })}>
        <label {...label}>
          <div className={row}>
            <Checkbox
              size="1"
              checked={filter.noEvidence}
              onCheckedChange={(v) => onFilter({ noEvidence: v === true })}
            />
            No evidence yet
          </div>
        </label>
        <label {...label}>
          <div className={row}>
            <Checkbox size="1" checked={filter.orphaned} onCheckedChange={(v) => onFilter({ orphaned: v === true })} />
            Orphaned ({orphans})
          </div>
        </label>
        <label {...label}>
          <div className={row}>
            <Checkbox size="1" checked={filter.recheck} onCheckedChange={(v) => onFilter({ recheck: v === true })} />
            Needs re-check (<span data-testid="recheck-count">{rechecks}</span>)
          </div>
        </label>
        {(showConflicts || conflicts > 0 || filter.conflict) && (
          <label {...label}>
            <div className={row}>
              <Checkbox
                size="1"
                checked={filter.conflict}
                onCheckedChange={(v) => onFilter({ conflict: v === true })}
              />
              Sync conflicts (<span data-testid="conflict-count">{conflicts}</span>)
            </div>
          </label>
        )}
        {isFiltered(filter) && (
          <button {...buttonProps({ size: '1', variant: 'ghost' })} onClick={() => onFilter(noFilter)}>
            Clear filters
          </button>
        )}
      </div>
    </>
  )
})

interface StatusFilterProps {
  value: ClaimFilter['status']
  counts: ReadonlyMap<ClaimStatus, number>
  onFilter(change: Partial<ClaimFilter>): void
}

const StatusFilter = memo(function StatusFilter({ value, counts, onFilter }: StatusFilterProps): React.JSX.Element {
  const lib = useLibraryContext()
  // The desk's statuses in its order; a retired one (or one another desk gave) while claims here carry it.
  const options: ClaimFilter['status'][] = [
    'all',
    ...statusesIncluding(lib.library.settings, counts.keys())
      .filter((e) => !e.retired || counts.has(e.id))
      .map((e) => e.id)
  ]
  return (
    <EnumSelect
      size="1"
      label="Filter by status"
      value={value}
      options={options}
      optionLabel={(s: 'all' | ClaimStatus) =>
        s === 'all' ? 'Any status' : `${lib.statusLabel(s)} (${counts.get(s) ?? 0})`
      }
      onChange={(status) => onFilter({ status })}
    />
  )
})

interface FieldFiltersProps {
  verdict: ClaimFilter['verdict']
  type: ClaimFilter['type']
  assignee: string
  onFilter(change: Partial<ClaimFilter>): void
}

/** The filters whose choices do not depend on the claims: redrawn only when one of their own values changes. */
const FieldFilters = memo(function FieldFilters({
  verdict,
  type,
  assignee,
  onFilter
}: FieldFiltersProps): React.JSX.Element {
  const lib = useLibraryContext()
  const verdicts: ClaimFilter['verdict'][] = [
    'all',
    'none',
    ...verdictChoices(lib.library.settings, verdict === 'all' || verdict === 'none' ? null : verdict).map((e) => e.id)
  ]
  return (
    <>
      <EnumSelect
        size="1"
        label="Filter by verdict"
        value={verdict}
        options={verdicts}
        optionLabel={(v) => (v === 'all' ? 'Any verdict' : v === 'none' ? 'No verdict yet' : lib.verdictLabel(v))}
        onChange={(value) => onFilter({ verdict: value })}
      />
      <EnumSelect
        size="1"
        label="Filter by type"
        value={type}
        options={typeChoices}
        optionLabel={(t) => (t === 'all' ? 'Any type' : typeLabels[t])}
        onChange={(value) => onFilter({ type: value })}
      />
      <PersonSelect
        size="1"
        label="Filter by assignee"
        value={assignee}
        fixed={[
          { value: 'all', label: 'Anyone' },
          { value: 'none', label: 'Unassigned' }
        ]}
        onChange={(v) => onFilter({ assignee: v })}
      />
    </>
  )
})
