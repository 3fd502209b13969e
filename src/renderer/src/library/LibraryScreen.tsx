// Every story with how far it is from cleared: progress by status, desk state, who is on it, last change.
// Main searches, filters and sorts (library.search); only the rows in view are in the page. With search
// words the list is best match first and each story shows where it matched (a claim, a rationale, the
// evidence, the story text...), the words marked; a hit opens the story at its claim.
// Connected to a lib, this is the lead's view: every story on the desk is pulled into the library, so
// the list is the whole lib, each story marked by how it stands with the desk.
import { MagnifyingGlassIcon, PlusIcon, TrashIcon } from '@radix-ui/react-icons'
import { Avatar, Button, Flex, Heading, Table, Text, TextField, Tooltip } from '@radix-ui/themes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../api'
import { deskMarks, librarySorts } from '../../../shared/contract/values'
import type { DeskMark, DeskView, LibraryPage, LibrarySort, SearchHit } from '../../../shared/contract'
import { deskStates, workflowStages } from '../../../shared/model/values'
import type { StorySummary } from '../../../shared/model'
import { FirstRunCard } from '../app/EditorPicker'
import { useLibraryContext } from '../app/library-context'
import { measureRow } from '../app/measure-row'
import { PersonSelect } from '../app/PersonItems'
import { deskStateColor, deskStateLabels, relativeTime, StatusBadge } from '../app/labels'
import { ProgressBar } from '../app/ProgressBar'
import { isTypingTarget } from '../annotate/keymap'
import { useToasts } from '../app/toasts'
import { FollowUpsDue } from './FollowUpsDue'
import { LibraryToolbarExtras } from './LibraryToolbarExtras'
import { defaultLibraryFilter, useStoryRows, type LibraryFilter } from './use-story-rows'
import { EnumSelect } from '../app/EnumSelect'
import { PlainCheckbox } from '../app/PlainCheckbox'
import { lazyDialog, preloadViews } from '../app/lazy'
import { badgeProps, flexClass, tableClasses, textProps } from '../app/theme-classes'

const TrashDialog = lazyDialog(() => import('./TrashDialog').then((m) => m.TrashDialog))

/** Rows rendered beyond those in view, either side: until the list is first scrolled, and from then on. */
const FIRST_OVERSCAN = 2
const OVERSCAN = 10

const deskStateChoices: readonly LibraryFilter['deskState'][] = ['all', ...deskStates]

const deskMarkChoices: readonly LibraryFilter['desk'][] = ['all', ...deskMarks]
const deskMarkLabels: Record<LibraryFilter['desk'], string> = {
  all: 'Whole desk',
  synced: 'Agreed with the desk',
  pending: 'Changes not on the desk yet',
  conflict: 'Sync conflicts',
  local: 'Only in this library'
}
/** The row badge for a story that is not simply agreed with the desk. */
const deskMarkBadges: Record<Exclude<DeskMark, 'synced'>, { label: string; color: 'amber' | 'red' | 'gray' }> = {
  pending: { label: 'Not on the desk yet', color: 'amber' },
  conflict: { label: 'Sync conflict', color: 'red' },
  local: { label: 'Only in this library', color: 'gray' }
}

const sortLabels: Record<LibrarySort, string> = {
  updated: 'Last change',
  title: 'Headline',
  progress: 'Least finished',
  claims: 'Most claims'
}

export function LibraryScreen({
  onOpen,
  onOpenClaim,
  onNewStory
}: {
  onOpen(id: string): void
  /** Opens a story with one of its claims selected (a search hit in a claim, its rationale or evidence). */
  onOpenClaim(id: string, claimId: string): void
  onNewStory(): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const [filter, setFilterState] = useState<LibraryFilter>(defaultLibraryFilter)
  const search = useRef<HTMLInputElement>(null)
  const toasts = useToasts()
  const reportError = useCallback(
    (error: unknown) => toasts.show({ tone: 'error', message: error instanceof Error ? error.message : String(error) }),
    [toasts]
  )
  const rows = useStoryRows(filter, reportError)
  const total = rows.total ?? 0
  const searching = filter.query.trim() !== ''
  /** Opens where a hit is: its claim when it has one, else the story. */
  const openHit = useCallback(
    (storyId: string, hit: SearchHit | undefined) =>
      hit?.claimId ? onOpenClaim(storyId, hit.claimId) : onOpen(storyId),
    [onOpen, onOpenClaim]
  )
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [trashOpen, setTrashOpen] = useState(false)
  // Ticks go with the filter they were made under, so a filter never exports or deletes hidden stories.
  const changeFilter = useCallback((change: Partial<LibraryFilter>): void => {
    setFilterState((f) => ({ ...f, ...change }))
    setTicked(new Set())
  }, [])
  const selectedIds = [...ticked]
  const allTicked = total > 0 && ticked.size === total
  const { allIds } = rows
  const tickAll = useCallback(
    async (on: boolean): Promise<void> => setTicked(on ? new Set(await allIds()) : new Set()),
    [allIds]
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  // The first frame draws the rows in view and a couple either side; the rows kept ready beyond them for scrolling
  // come with the list's first scroll, not before the first paint.
  const [overscan, setOverscan] = useState(FIRST_OVERSCAN)
  // The app is not built with the React Compiler, so the virtualizer's unmemoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 61,
    overscan,
    useFlushSync: false,
    measureElement: measureRow
  })
  const items = virtual.getVirtualItems()
  const firstIndex = items[0]?.index ?? 0
  const lastIndex = items.at(-1)?.index ?? 0
  const { need } = rows
  // Radix puts its props on a wrapper, so the table element itself is named and sized here: a
  // screen reader hears how many stories there are, not just the rows in the page.
  useEffect(() => {
    const table = scrollRef.current?.querySelector('table')
    table?.setAttribute('aria-label', 'Stories')
    table?.setAttribute('aria-rowcount', String(total + 1))
  }, [total])
  useEffect(() => {
    if (lastIndex >= firstIndex && total > 0) need(firstIndex, lastIndex)
  }, [need, firstIndex, lastIndex, total])
  // Once the first rows are in, the code of the story view and the dialogs is fetched while the window is idle.
  const answered = rows.total !== null
  useEffect(() => (answered ? preloadViews() : undefined), [answered])
  const tick = useCallback(
    (id: string, on: boolean) =>
      setTicked((prev) => {
        const next = new Set(prev)
        if (on) next.add(id)
        else next.delete(id)
        return next
      }),
    []
  )

  async function trashSelected(): Promise<void> {
    const ids = selectedIds
    for (const id of ids) if (!(await lib.run(() => call('stories.delete', { id })))) return
    setTicked(new Set())
    toasts.show({
      message: `${ids.length === 1 ? 'Story' : `${ids.length} stories`} moved to the trash.`,
      action: {
        label: 'Undo',
        run: async () => void (await Promise.all(ids.map((id) => lib.run(() => call('stories.restore', { id })))))
      }
    })
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === '/' && !isTypingTarget(e.target) && !document.querySelector('[role="dialog"]')) {
        e.preventDefault()
        search.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="library" data-screen="library">
      <Flex className="toolbar" align="center" gap="3" wrap="wrap">
        <Heading as="h1" size="5" mr="3">
          Library
        </Heading>
        <TextField.Root
          ref={search}
          className="search"
          placeholder="Search stories  /"
          aria-label="Search stories"
          value={filter.query}
          onChange={(e) => changeFilter({ query: e.target.value })}
          onKeyDown={(e) => {
            // Enter opens the best match where it matched; ↓ goes to the results.
            const first = rows.at(0)
            if (e.key === 'Enter' && searching && first && rows.query === filter.query) {
              e.preventDefault()
              openHit(first.id, rows.hitsOf(first.id)?.[0])
            } else if (e.key === 'ArrowDown') {
              const table = scrollRef.current
              const target =
                table?.querySelector<HTMLElement>('.search-hit') ?? table?.querySelector<HTMLElement>('.story-link')
              if (target) {
                e.preventDefault()
                target.focus()
              }
            }
          }}
        >
          <TextField.Slot>
            <MagnifyingGlassIcon />
          </TextField.Slot>
        </TextField.Root>
        <LibraryFilters
          deskState={filter.deskState}
          assignee={filter.assignee}
          deskMark={filter.desk}
          sort={filter.sort}
          searching={searching}
          onDesk={rows.desk !== null}
          onChange={changeFilter}
        />
        <Flex ml="auto" gap="2" align="center">
          {selectedIds.length > 0 && (
            <>
              <Text size="2" color="gray" role="status">
                {selectedIds.length} selected
              </Text>
              <Button variant="soft" color="red" onClick={() => void trashSelected()}>
                <TrashIcon /> Move to trash
              </Button>
            </>
          )}
          <Button variant="ghost" color="gray" onClick={() => setTrashOpen(true)}>
            Trash
          </Button>
          <LibraryToolbarExtras selectedIds={selectedIds} />
          <Button onClick={onNewStory}>
            <PlusIcon /> New story
          </Button>
        </Flex>
      </Flex>

      {!lib.currentEditor && <FirstRunCard />}
      {rows.desk && <DeskLine view={rows.desk} />}
      <FollowUpsDue person={filter.assignee} onOpen={onOpen} />
      {searching && rows.indexing && <IndexingLine indexing={rows.indexing} />}

      <div
        className="library-table"
        ref={scrollRef}
        onScroll={overscan === FIRST_OVERSCAN ? () => setOverscan(OVERSCAN) : undefined}
        data-total={rows.total ?? undefined}
        data-query={rows.query ?? undefined}
      >
        <Table.Root size="2">
          <StoriesHeader
            ticked={allTicked ? true : selectedIds.length > 0 ? 'indeterminate' : false}
            onTickAll={tickAll}
          />
          <Table.Body>
            {/* Only the rows in view (and a few either side) are rendered; spacer rows keep the scroll height. */}
            {items.length > 0 && <tr aria-hidden style={{ height: items[0]?.start ?? 0 }} />}
            {items.map((item) => {
              const story = rows.at(item.index)
              return story ? (
                <StoryRow
                  key={story.id}
                  index={item.index}
                  measure={virtual.measureElement}
                  story={story}
                  deskMark={rows.mark(story.id)}
                  hits={rows.hitsOf(story.id)}
                  onOpen={onOpen}
                  onOpenHit={openHit}
                  ticked={ticked.has(story.id)}
                  onTick={tick}
                />
              ) : (
                <tr
                  key={`loading-${item.index}`}
                  data-index={item.index}
                  ref={virtual.measureElement}
                  aria-rowindex={item.index + 2}
                  className="story-row-loading"
                  style={{ height: item.size }}
                />
              )
            })}
            {items.length > 0 && (
              <tr aria-hidden style={{ height: virtual.getTotalSize() - (items.at(-1)?.end ?? 0) }} />
            )}
          </Table.Body>
        </Table.Root>
        {rows.total === 0 && (
          <Flex direction="column" align="center" gap="2" p="6">
            <Text color="gray">{isDefault(filter) ? 'The library is empty.' : 'No story matches these filters.'}</Text>
            {isDefault(filter) && (
              <Button variant="soft" onClick={onNewStory}>
                <PlusIcon /> Paste a story
              </Button>
            )}
          </Flex>
        )}
      </div>
      <TrashDialog open={trashOpen} onOpenChange={setTrashOpen} />
    </div>
  )
}

const isDefault = (f: LibraryFilter): boolean =>
  f.query.trim() === '' && f.deskState === 'all' && f.assignee === 'all' && f.desk === 'all'

/** How much of the desk is in this library: all of it, or how much a pull has brought so far. */
function DeskLine({ view }: { view: DeskView }): React.JSX.Element {
  const stories = `${view.stories} ${view.stories === 1 ? 'story' : 'stories'}`
  return (
    <Text as="p" size="2" color="gray" className="desk-view-line" data-testid="desk-view" role="status">
      {view.inLibrary < view.stories
        ? `Whole desk: ${stories}, ${view.inLibrary} in this library so far; the rest are being pulled.`
        : `Whole desk: ${stories}, all in this library.`}
    </Text>
  )
}

/** While main is still reading stories into the search: the rest are searched by headline and outlet only. */
function IndexingLine({ indexing }: { indexing: NonNullable<LibraryPage['indexing']> }): React.JSX.Element {
  return (
    <Text as="p" size="2" color="gray" className="desk-view-line" role="status" data-testid="search-indexing">
      Reading stories into the search: {indexing.done.toLocaleString()} of {indexing.total.toLocaleString()}; the rest
      are searched by headline and outlet until then.
    </Text>
  )
}

/** A snippet with its matched words marked. */
function Marked({ text, marks }: Pick<SearchHit, 'marks'> & { text: string }): React.JSX.Element {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of marks) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

/** Where a story matched the search words: each place a button that opens it there. */
function SearchHits({
  storyId,
  hits,
  onOpenHit
}: {
  storyId: string
  hits: SearchHit[]
  onOpenHit(storyId: string, hit: SearchHit): void
}): React.JSX.Element {
  return (
    <ul className="search-hits" aria-label="Where it matched">
      {hits.map((hit, i) => (
        <li key={`${hit.place}-${hit.claimId ?? ''}-${i}`}>
          <button
            type="button"
            className="search-hit"
            data-place={hit.place}
            data-claim-id={hit.claimId ?? undefined}
            onClick={(e) => (e.stopPropagation(), onOpenHit(storyId, hit))}
          >
            <span className="search-hit-place">{hit.label}</span> <Marked text={hit.snippet} marks={hit.marks} />
          </button>
        </li>
      ))}
    </ul>
  )
}

interface RowProps {
  index: number
  measure(row: HTMLTableRowElement | null): void
  story: StorySummary
  /** How the story stands with the desk; undefined when not connected. */
  deskMark: DeskMark | undefined
  /** Where it matched the search words; undefined without words. */
  hits: SearchHit[] | undefined
  onOpen(id: string): void
  onOpenHit(storyId: string, hit: SearchHit): void
  ticked: boolean
  onTick(id: string, on: boolean): void
}

interface LibraryFiltersProps {
  deskState: LibraryFilter['deskState']
  assignee: string
  deskMark: LibraryFilter['desk']
  sort: LibrarySort
  /** Search words are typed: the list is best match first, whatever the sort. */
  searching: boolean
  /** Connected to a desk: the list can be narrowed by how stories stand with it. */
  onDesk: boolean
  onChange(change: Partial<LibraryFilter>): void
}

/** The filters beside the search box: a keystroke in the search re-renders none of them. */
const LibraryFilters = memo(function LibraryFilters({
  deskState,
  assignee,
  deskMark,
  sort,
  searching,
  onDesk,
  onChange
}: LibraryFiltersProps): React.JSX.Element {
  return (
    <>
      <EnumSelect
        label="Desk state"
        value={deskState}
        options={deskStateChoices}
        optionLabel={(s) => (s === 'all' ? 'All desk states' : deskStateLabels[s])}
        onChange={(value) => onChange({ deskState: value })}
      />
      <PersonSelect
        label="Assignee"
        value={assignee}
        fixed={[{ value: 'all', label: 'Anyone' }]}
        onChange={(v) => onChange({ assignee: v })}
      />
      {onDesk && (
        <EnumSelect
          label="Stories on the desk"
          value={deskMark}
          options={deskMarkChoices}
          optionLabel={(m) => deskMarkLabels[m]}
          onChange={(value) => onChange({ desk: value })}
        />
      )}
      {searching ? (
        <Text size="2" color="gray" data-testid="best-match">
          Best match first
        </Text>
      ) : (
        <EnumSelect
          label="Sort stories"
          variant="ghost"
          value={sort}
          options={librarySorts}
          optionLabel={(s) => `Sort: ${sortLabels[s]}`}
          onChange={(value) => onChange({ sort: value })}
        />
      )}
    </>
  )
})

/** The table's head, with the box that ticks every story shown. */
const StoriesHeader = memo(function StoriesHeader({
  ticked,
  onTickAll
}: {
  ticked: boolean | 'indeterminate'
  onTickAll(on: boolean): Promise<void>
}): React.JSX.Element {
  return (
    <Table.Header>
      <Table.Row aria-rowindex={1}>
        <Table.ColumnHeaderCell width="36px">
          <PlainCheckbox
            aria-label="Select every story shown"
            checked={ticked}
            onCheckedChange={(v) => void onTickAll(v)}
          />
        </Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell>Story</Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell width="260px">Progress</Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell>Claims by status</Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell>Desk</Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell>Assigned</Table.ColumnHeaderCell>
        <Table.ColumnHeaderCell>Last change</Table.ColumnHeaderCell>
      </Table.Row>
    </Table.Header>
  )
})

/**
 * A row re-renders only when its story, its desk mark, its tick or its place changes: a keystroke in the search
 * re-renders none of the rows it keeps. Its cells, lines and badges are plain elements with Radix Themes' classes
 * (app/theme-classes.ts): a screen of rows as Radix components spent most of its render working out their props.
 */
const StoryRow = memo(function StoryRow({
  index,
  measure,
  story,
  deskMark,
  hits,
  onOpen,
  onOpenHit,
  ticked,
  onTick
}: RowProps): React.JSX.Element {
  const lib = useLibraryContext()
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      data-story-id={story.id}
      className={`${tableClasses.row} story-row`}
      onClick={() => onOpen(story.id)}
    >
      <td className={tableClasses.cell} onClick={(e) => e.stopPropagation()}>
        <PlainCheckbox
          aria-label={`Select ${story.title}`}
          checked={ticked}
          onCheckedChange={(v) => onTick(story.id, v)}
        />
      </td>
      <th className={tableClasses.rowHeaderCell} scope="row">
        <div className={flexClass({ direction: 'column', gap: '1' })}>
          <button type="button" className="story-link" onClick={(e) => (e.stopPropagation(), onOpen(story.id))}>
            {story.title}
          </button>
          <span {...textProps('1', 'gray')}>
            {story.outlet || 'No outlet'}
            {story.orphanedCount > 0 && (
              <span {...badgeProps({ color: 'orange', ml: '2' })}>{story.orphanedCount} orphaned</span>
            )}
            {story.recheckCount > 0 && (
              <span {...badgeProps({ color: 'purple', ml: '2' })} data-testid="recheck-badge">
                {story.recheckCount} need re-check
              </span>
            )}
            {deskMark && deskMark !== 'synced' && (
              <span {...badgeProps({ color: deskMarkBadges[deskMark].color, ml: '2' })} data-testid="desk-mark">
                {deskMarkBadges[deskMark].label}
              </span>
            )}
          </span>
          {hits && hits.length > 0 && <SearchHits storyId={story.id} hits={hits} onOpenHit={onOpenHit} />}
        </div>
      </th>
      <td className={tableClasses.cell}>
        <ProgressBar counts={story.statusCounts} width="140px" />
      </td>
      <td className={tableClasses.cell}>
        <div className={flexClass({ gap: '1', wrap: 'wrap' })} data-testid="status-counts">
          {workflowStages
            .filter((s) => story.statusCounts[s] > 0)
            .map((s) => (
              <StatusBadge key={s} status={s} label={`${story.statusCounts[s]} ${lib.stageLabel(s)}`} />
            ))}
          {story.claimCount === 0 && <span {...textProps('1', 'gray')}>—</span>}
        </div>
      </td>
      <td className={tableClasses.cell}>
        <span {...badgeProps({ color: deskStateColor[story.deskState], variant: 'outline', highContrast: true })}>
          {deskStateLabels[story.deskState]}
        </span>
      </td>
      <td className={tableClasses.cell}>
        <div className={flexClass({ gap: '1' })}>
          {story.assignees.length === 0 && <span {...textProps('1', 'gray')}>Unassigned</span>}
          {story.assignees.map((id) => (
            <Tooltip key={id} content={lib.personName(id)}>
              <Avatar
                size="1"
                radius="full"
                fallback={lib.people.get(id)?.initials || '?'}
                aria-label={lib.personName(id)}
              />
            </Tooltip>
          ))}
        </div>
      </td>
      <td className={tableClasses.cell}>
        <div className={flexClass({ direction: 'column' })}>
          <span {...textProps('2')}>{relativeTime(story.updatedAt)}</span>
          {story.updatedBy && <span {...textProps('1', 'gray')}>{lib.personName(story.updatedBy)}</span>}
        </div>
      </td>
    </tr>
  )
})
