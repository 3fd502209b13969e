// Follow-ups owed to sources that fall due today or are overdue, across the library (or for the
// editor the library is filtered to), each a click from its story.
import { BellIcon, ChevronDownIcon, ChevronRightIcon } from '@radix-ui/react-icons'
import { Badge, Button, Callout, Flex, Link, Text } from '@radix-ui/themes'
import { useMemo, useState } from 'react'
import { claimLabel } from '../../../shared/rules/claims'
import { followUpState, localDay } from '../../../shared/rules/contacts'
import { useLibraryContext, useReport } from '../app/library-context'
import { useFollowUps } from '../app/use-store'

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
  const lib = useLibraryContext()
  const followUps = useFollowUps(useReport(lib.askEditor))
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
                  <Text color="gray">({lib.personName(followUp.by)})</Text>
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Flex>
    </Callout.Root>
  )
}
