// The claim's comment thread: notes between editors, newest last, stamped with who wrote them.
import { Button, Flex, Heading, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import type { Claim } from '../../../shared/model'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useGuard } from '../app/form-parts'
import { relativeTime } from '../app/labels'
import { useStoryEdit } from '../app/use-store'

export function ClaimComments({ storyId, claim }: { storyId: string; claim: Claim }): React.JSX.Element {
  const lib = useLibraryContext()
  const edit = useStoryEdit()
  const [body, setBody] = useState('')
  const guard = useGuard()
  const send = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (!body.trim()) return
    const done = await guard.once(() =>
      edit({
        send: () => call('claims.comment', { storyId, claimId: claim.id, body }),
        apply: (d, comment) => ({
          ...d,
          claims: d.claims.map((c) =>
            c.id === claim.id ? { ...c, comments: [...c.comments.filter((k) => k.id !== comment.id), comment] } : c
          )
        })
      })
    )
    if (!done) return
    setBody('')
  }
  return (
    <section className="panel-section" aria-label="Comments">
      <Heading as="h3" size="2">
        Comments
      </Heading>
      <ol className="comments">
        {claim.comments.map((c) => (
          <li key={c.id}>
            <Text size="1" weight="bold">
              {lib.personName(c.by, c.at)}
            </Text>{' '}
            <Text size="1" color="gray">
              {relativeTime(c.at)}
            </Text>
            <Text as="p" size="2">
              {c.body}
            </Text>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void send(e)}>
        <Flex direction="column" gap="2">
          <TextArea
            size="2"
            rows={2}
            aria-label="New comment"
            placeholder="Note for the desk…"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e)
            }}
          />
          <Flex justify="end">
            <Button size="1" type="submit" disabled={!body.trim()} loading={guard.busy}>
              Comment
            </Button>
          </Flex>
        </Flex>
      </form>
    </section>
  )
}
