// Follow-ups owed to sources that fall due today or are overdue, across the library (or for the
// editor the library is filtered to), each a click from its story.
import { BellIcon, ChevronDownIcon, ChevronRightIcon } from '@radix-ui/react-icons'
import { Badge, Button, Callout, Flex, Link, Text } from '@radix-ui/themes'
import { useEffect, useMemo, useState } from 'react'
import type { StoryFollowUp } from '../../../shared/contract'
import { claimLabel } from '../../../shared/rules/claims'
import { followUpState, localDay } from '../../../shared/rules/contacts'
import { call, onEvent } from '../api'
import { useDesk } from '../app/desk-context'

/** Every follow-up owed across the library: fetched once, then kept current from each story's change. */
function useFollowUps(): StoryFollowUp[] {
  const desk = useDesk()
  const [all, setAll] = useState<StoryFollowUp[]>([])
  const { run } = desk
  useEffect(() => {
    let live = true
    void run(() => call('library.followUps', {})).then((list) => live && list && setAll(list))
    const off = onEvent('library.changed', (change) => {
      if (change.entity !== 'story') return
      const { summary } = change
      const mine =
        summary.deletedAt === null
          ? summary.followUps.map((followUp) => ({ storyId: summary.id, title: summary.title, followUp }))
          : []
      setAll((list) =>
        mine.length === 0 && !list.some((f) => f.storyId === summary.id)
          ? list
          : [...list.filter((f) => f.storyId !== summary.id), ...mine]
      )
    })
    return () => {
      live = false
      off()
    }
  }, [run])
  return all
}

/** Folded or not is about this screen, not the desk: kept on this computer like the appearance. */
const FOLDED = 'factdesk.followUpsFolded'

function useFolded(): [boolean, () => void] {
  const [folded, setFolded] = useState(() => window.localStorage.getItem(FOLDED) === 'yes')
  const toggle = (): void =>
    setFolded((was) => {
      if (was) window.localStorage.removeItem(FOLDED)
      else window.localStorage.setItem(FOLDED, 'yes')
      return !was
    })
  return [folded, toggle]
}

interface Props {
  /** The library's person filter: that editor's follow-ups only, or 'all'. */
  person: string
  onOpen(id: string): void
}

export function FollowUpsDue({ person, onOpen }: Props): React.JSX.Element | null {
  const desk = useDesk()
  const followUps = useFollowUps()
  const today = localDay(new Date())
  const [folded, toggle] = useFolded()
  const due = useMemo(
    () =>
      followUps
        .map((f) => ({
          story: { id: f.storyId, title: f.title },
          followUp: f.followUp,
          state: followUpState(f.followUp.due, today)
        }))
        .filter((d) => d.state !== 'later' && (person === 'all' || d.followUp.by === person))
        .sort((a, b) => a.followUp.due.localeCompare(b.followUp.due)),
    [followUps, today, person]
  )
  if (due.length === 0) return null
  return (
    <Callout.Root color="amber" size="1" mx="4" mt="3" role="region" aria-label="Follow-ups due">
      <Callout.Icon>
        <BellIcon />
      </Callout.Icon>
      <Flex direction="column" gap="1">
        <Flex align="center" gap="2">
          <Text size="2" weight="bold">
            {due.length} {due.length === 1 ? 'follow-up' : 'follow-ups'} due
          </Text>
          <Button
            size="1"
            variant="ghost"
            color="gray"
            highContrast
            aria-expanded={!folded}
            aria-controls={folded ? undefined : 'follow-ups-list'}
            onClick={toggle}
          >
            {folded ? <ChevronRightIcon /> : <ChevronDownIcon />}
            {folded ? 'Show' : 'Hide'}
          </Button>
        </Flex>
        {!folded && (
          <ul className="follow-ups" id="follow-ups-list">
            {due.map(({ story, followUp, state }) => (
              <li key={`${story.id}-${followUp.claimId}`} data-testid="follow-up">
                <Badge color={state === 'overdue' ? 'red' : 'amber'} size="1">
                  {state === 'overdue' ? `overdue since ${followUp.due}` : 'today'}
                </Badge>{' '}
                <Text size="2">
                  {followUp.contact} about{' '}
                  <Link
                    href="#"
                    onClick={(e) => {
                      e.preventDefault()
                      onOpen(story.id)
                    }}
                  >
                    {claimLabel(followUp.claimNumber)} in “{story.title}”
                  </Link>{' '}
                  <Text color="gray">({desk.personName(followUp.by)})</Text>
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Flex>
    </Callout.Root>
  )
}
