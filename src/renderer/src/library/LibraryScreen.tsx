// Every story with how far it is from cleared: progress by status, desk state, who is on it, last change.
// Main searches, filters and sorts (library.search); only the rows in view are in the page.
import { MagnifyingGlassIcon, PlusIcon, TrashIcon } from '@radix-ui/react-icons'
import { Avatar, Badge, Button, Checkbox, Flex, Heading, Select, Table, Text, TextField, Tooltip } from '@radix-ui/themes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../api'
import { librarySorts, type LibrarySort } from '../../../shared/contract'
import { claimStatuses, deskStates, type StorySummary } from '../../../shared/model'
import { FirstRunCard } from '../app/EditorPicker'
import { useDesk } from '../app/desk-context'
import { PersonItems } from '../app/PersonItems'
import { deskStateColor, deskStateLabels, relativeTime, StatusBadge } from '../app/labels'
import { ProgressBar } from '../app/ProgressBar'
import { isTypingTarget } from '../desk/keymap'
import { useToasts } from '../app/toasts'
import { FollowUpsDue } from './FollowUpsDue'
import { LibraryToolbarExtras } from './LibraryToolbarExtras'
import { TrashDialog } from './TrashDialog'
import { defaultLibraryFilter, useStoryRows, type LibraryFilter } from './use-story-rows'
import { EnumSelect } from '../app/EnumSelect'

const deskStateChoices: readonly LibraryFilter['deskState'][] = ['all', ...deskStates]

const sortLabels: Record<LibrarySort, string> = { updated: 'Last change', title: 'Headline', progress: 'Least finished', claims: 'Most claims' }

export function LibraryScreen({ onOpen, onNewStory }: { onOpen(id: string): void; onNewStory(): void }): React.JSX.Element {
  const desk = useDesk()
  const [filter, setFilterState] = useState<LibraryFilter>(defaultLibraryFilter)
  const search = useRef<HTMLInputElement>(null)
  const toasts = useToasts()
  const reportError = useCallback((error: unknown) => toasts.show({ tone: 'error', message: error instanceof Error ? error.message : String(error) }), [toasts])
  const rows = useStoryRows(filter, reportError)
  const total = rows.total ?? 0
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [trashOpen, setTrashOpen] = useState(false)
  // Ticks go with the filter they were made under, so a filter never exports or deletes hidden stories.
  const setFilter = (next: LibraryFilter): void => {
    setFilterState(next)
    setTicked(new Set())
  }
  const selectedIds = [...ticked]
  const allTicked = total > 0 && ticked.size === total
  const tickAll = async (on: boolean): Promise<void> => setTicked(on ? new Set(await rows.allIds()) : new Set())
  const scrollRef = useRef<HTMLDivElement>(null)
  // The app is not built with the React Compiler, so the virtualizer's unmemoisable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => 61, overscan: 10 })
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
  const tick = (id: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  async function trashSelected(): Promise<void> {
    const ids = selectedIds
    for (const id of ids) if (!(await desk.run(() => call('stories.delete', { id })))) return
    setTicked(new Set())
    toasts.show({
      message: `${ids.length === 1 ? 'Story' : `${ids.length} stories`} moved to the trash.`,
      action: { label: 'Undo', run: async () => void (await Promise.all(ids.map((id) => desk.run(() => call('stories.restore', { id }))))) }
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
        <TextField.Root ref={search} className="search" placeholder="Search stories  /" aria-label="Search stories" value={filter.query} onChange={(e) => setFilter({ ...filter, query: e.target.value })}>
          <TextField.Slot>
            <MagnifyingGlassIcon />
          </TextField.Slot>
        </TextField.Root>
        <EnumSelect
          label="Desk state"
          value={filter.deskState}
          options={deskStateChoices}
          optionLabel={(s) => (s === 'all' ? 'All desk states' : deskStateLabels[s])}
          onChange={(deskState) => setFilter({ ...filter, deskState })}
        />
        <Select.Root value={filter.assignee} onValueChange={(v) => setFilter({ ...filter, assignee: v })}>
          <Select.Trigger aria-label="Assignee" />
          <Select.Content>
            <Select.Item value="all">Anyone</Select.Item>
            <PersonItems />
          </Select.Content>
        </Select.Root>
        <EnumSelect label="Sort stories" variant="ghost" value={filter.sort} options={librarySorts} optionLabel={(s) => `Sort: ${sortLabels[s]}`} onChange={(sort) => setFilter({ ...filter, sort })} />
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

      {!desk.currentEditor && <FirstRunCard />}
      <FollowUpsDue person={filter.assignee} onOpen={onOpen} />

      <div className="library-table" ref={scrollRef} data-total={rows.total ?? undefined} data-query={rows.query ?? undefined}>
        <Table.Root size="2">
          <Table.Header>
            <Table.Row aria-rowindex={1}>
              <Table.ColumnHeaderCell width="36px">
                <Checkbox
                  aria-label="Select every story shown"
                  checked={allTicked ? true : selectedIds.length > 0 ? 'indeterminate' : false}
                  onCheckedChange={(v) => void tickAll(v === true)}
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
          <Table.Body>
            {/* Only the rows in view (and a few either side) are rendered; spacer rows keep the scroll height. */}
            {items.length > 0 && <tr aria-hidden style={{ height: items[0]?.start ?? 0 }} />}
            {items.map((item) => {
              const story = rows.at(item.index)
              return story ? (
                <StoryRow key={story.id} index={item.index} measure={virtual.measureElement} story={story} onOpen={onOpen} ticked={ticked.has(story.id)} onTick={(on) => tick(story.id, on)} />
              ) : (
                <tr key={`loading-${item.index}`} data-index={item.index} ref={virtual.measureElement} aria-rowindex={item.index + 2} className="story-row-loading" style={{ height: item.size }} />
              )
            })}
            {items.length > 0 && <tr aria-hidden style={{ height: virtual.getTotalSize() - (items.at(-1)?.end ?? 0) }} />}
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

const isDefault = (f: LibraryFilter): boolean => f.query.trim() === '' && f.deskState === 'all' && f.assignee === 'all'

interface RowProps {
  index: number
  measure(row: HTMLTableRowElement | null): void
  story: StorySummary
  onOpen(id: string): void
  ticked: boolean
  onTick(on: boolean): void
}

function StoryRow({ index, measure, story, onOpen, ticked, onTick }: RowProps): React.JSX.Element {
  const desk = useDesk()
  return (
    <Table.Row ref={measure} data-index={index} aria-rowindex={index + 2} data-story-id={story.id} className="story-row" onClick={() => onOpen(story.id)}>
      <Table.Cell onClick={(e) => e.stopPropagation()}>
        <Checkbox aria-label={`Select ${story.title}`} checked={ticked} onCheckedChange={(v) => onTick(v === true)} />
      </Table.Cell>
      <Table.RowHeaderCell>
        <Flex direction="column" gap="1">
          <button type="button" className="story-link" onClick={(e) => (e.stopPropagation(), onOpen(story.id))}>
            {story.title}
          </button>
          <Text size="1" color="gray">
            {story.outlet || 'No outlet'}
            {story.orphanedCount > 0 && (
              <Badge color="orange" size="1" ml="2">
                {story.orphanedCount} orphaned
              </Badge>
            )}
            {story.recheckCount > 0 && (
              <Badge color="purple" size="1" ml="2" data-testid="recheck-badge">
                {story.recheckCount} need re-check
              </Badge>
            )}
          </Text>
        </Flex>
      </Table.RowHeaderCell>
      <Table.Cell>
        <ProgressBar counts={story.statusCounts} width="140px" />
      </Table.Cell>
      <Table.Cell>
        <Flex gap="1" wrap="wrap" data-testid="status-counts">
          {claimStatuses
            .filter((s) => story.statusCounts[s] > 0)
            .map((s) => (
              <StatusBadge key={s} status={s} label={`${story.statusCounts[s]} ${desk.statusLabel(s)}`} />
            ))}
          {story.claimCount === 0 && (
            <Text size="1" color="gray">
              —
            </Text>
          )}
        </Flex>
      </Table.Cell>
      <Table.Cell>
        <Badge color={deskStateColor[story.deskState]} variant="outline" highContrast>
          {deskStateLabels[story.deskState]}
        </Badge>
      </Table.Cell>
      <Table.Cell>
        <Flex gap="1">
          {story.assignees.length === 0 && (
            <Text size="1" color="gray">
              Unassigned
            </Text>
          )}
          {story.assignees.map((id) => (
            <Tooltip key={id} content={desk.personName(id)}>
              <Avatar size="1" radius="full" fallback={desk.people.get(id)?.initials || '?'} aria-label={desk.personName(id)} />
            </Tooltip>
          ))}
        </Flex>
      </Table.Cell>
      <Table.Cell>
        <Flex direction="column">
          <Text size="2">{relativeTime(story.updatedAt)}</Text>
          {story.updatedBy && (
            <Text size="1" color="gray">
              {desk.personName(story.updatedBy)}
            </Text>
          )}
        </Flex>
      </Table.Cell>
    </Table.Row>
  )
}
