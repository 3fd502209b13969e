// Every story with how far it is from cleared: progress by status, desk state, who is on it, last change.
import { MagnifyingGlassIcon, PlusIcon, TrashIcon } from '@radix-ui/react-icons'
import { Avatar, Badge, Button, Checkbox, Flex, Heading, Select, Table, Text, TextField, Tooltip } from '@radix-ui/themes'
import { useEffect, useMemo, useRef, useState } from 'react'
import { call } from '../api'
import { claimStatuses, deskStates, type StorySummary } from '../../../shared/model'
import { FirstRunCard } from '../app/EditorPicker'
import { useDesk } from '../app/desk-context'
import { PersonItems } from '../app/PersonItems'
import { deskStateColor, deskStateLabels, relativeTime, StatusBadge } from '../app/labels'
import { ProgressBar } from '../app/ProgressBar'
import { isTypingTarget } from '../desk/keymap'
import { defaultLibraryFilter, viewStories, type LibraryFilter, type LibrarySort } from '../desk/library-view'
import { useToasts } from '../app/toasts'
import { LibraryToolbarExtras } from './LibraryToolbarExtras'
import { TrashDialog } from './TrashDialog'

const sortLabels: Record<LibrarySort, string> = { updated: 'Last change', title: 'Headline', progress: 'Least finished', claims: 'Most claims' }

export function LibraryScreen({ onOpen, onNewStory }: { onOpen(id: string): void; onNewStory(): void }): React.JSX.Element {
  const desk = useDesk()
  const [filter, setFilter] = useState<LibraryFilter>(defaultLibraryFilter)
  const search = useRef<HTMLInputElement>(null)
  const stories = useMemo(() => viewStories(desk.library.stories, filter), [desk.library.stories, filter])
  const toasts = useToasts()
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [trashOpen, setTrashOpen] = useState(false)
  // Only what is on screen counts as selected, so a filter never exports or deletes hidden stories.
  const selectedIds = stories.filter((s) => ticked.has(s.id)).map((s) => s.id)
  const allTicked = stories.length > 0 && selectedIds.length === stories.length
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
        <Select.Root value={filter.deskState} onValueChange={(v) => setFilter({ ...filter, deskState: v as LibraryFilter['deskState'] })}>
          <Select.Trigger aria-label="Desk state" />
          <Select.Content>
            <Select.Item value="all">All desk states</Select.Item>
            {deskStates.map((s) => (
              <Select.Item key={s} value={s}>
                {deskStateLabels[s]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
        <Select.Root value={filter.assignee} onValueChange={(v) => setFilter({ ...filter, assignee: v })}>
          <Select.Trigger aria-label="Assignee" />
          <Select.Content>
            <Select.Item value="all">Anyone</Select.Item>
            <PersonItems />
          </Select.Content>
        </Select.Root>
        <Select.Root value={filter.sort} onValueChange={(v) => setFilter({ ...filter, sort: v as LibrarySort })}>
          <Select.Trigger aria-label="Sort stories" variant="ghost" />
          <Select.Content>
            {(Object.keys(sortLabels) as LibrarySort[]).map((s) => (
              <Select.Item key={s} value={s}>
                Sort: {sortLabels[s]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
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

      <div className="library-table">
        <Table.Root size="2" aria-label="Stories">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell width="36px">
                <Checkbox
                  aria-label="Select every story shown"
                  checked={allTicked ? true : selectedIds.length > 0 ? 'indeterminate' : false}
                  onCheckedChange={(v) => setTicked(v === true ? new Set(stories.map((s) => s.id)) : new Set())}
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
            {stories.map((story) => (
              <StoryRow key={story.id} story={story} onOpen={onOpen} ticked={ticked.has(story.id)} onTick={(on) => tick(story.id, on)} />
            ))}
          </Table.Body>
        </Table.Root>
        {stories.length === 0 && (
          <Flex direction="column" align="center" gap="2" p="6">
            <Text color="gray">{desk.library.stories.length ? 'No story matches these filters.' : 'The library is empty.'}</Text>
            {!desk.library.stories.length && (
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

interface RowProps {
  story: StorySummary
  onOpen(id: string): void
  ticked: boolean
  onTick(on: boolean): void
}

function StoryRow({ story, onOpen, ticked, onTick }: RowProps): React.JSX.Element {
  const desk = useDesk()
  return (
    <Table.Row data-story-id={story.id} className="story-row" onClick={() => onOpen(story.id)}>
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
