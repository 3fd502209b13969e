// Follow-ups owed to sources that fall due today or are overdue, across the library (or for the
// editor the library is filtered to), each a click from its story.
import { BellIcon } from '@radix-ui/react-icons'
import { Badge, Callout, Flex, Link, Text } from '@radix-ui/themes'
import { useMemo } from 'react'
import type { StorySummary } from '../../../shared/model'
import { claimLabel } from '../../../shared/rules/claims'
import { followUpState, localDay } from '../../../shared/rules/contacts'
import { useDesk } from '../app/desk-context'

interface Props {
  stories: readonly StorySummary[]
  /** The library's person filter: that editor's follow-ups only, or 'all'. */
  person: string
  onOpen(id: string): void
}

export function FollowUpsDue({ stories, person, onOpen }: Props): React.JSX.Element | null {
  const desk = useDesk()
  const today = localDay(new Date())
  const due = useMemo(
    () =>
      stories
        .flatMap((story) => story.followUps.map((f) => ({ story, followUp: f, state: followUpState(f.due, today) })))
        .filter((d) => d.state !== 'later' && (person === 'all' || d.followUp.by === person))
        .sort((a, b) => a.followUp.due.localeCompare(b.followUp.due)),
    [stories, today, person]
  )
  if (due.length === 0) return null
  return (
    <Callout.Root color="amber" size="1" mx="4" mt="3" role="region" aria-label="Follow-ups due">
      <Callout.Icon>
        <BellIcon />
      </Callout.Icon>
      <Flex direction="column" gap="1">
        <Text size="2" weight="bold">
          {due.length} {due.length === 1 ? 'follow-up' : 'follow-ups'} due
        </Text>
        <ul className="follow-ups">
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
      </Flex>
    </Callout.Root>
  )
}
