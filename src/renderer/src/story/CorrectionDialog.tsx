// Logs a correction made after publication on a signed-off story: what changed, the note readers see,
// and the claims it touches. Reports print the log; ClaimReview's dateModified follows it.
import { Button, Callout, Checkbox, Dialog, Flex, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import type { StoryDetail, SuggestedCorrection } from '../../../shared/contract'
import { claimLabel } from '../../../shared/rules/claims'
import { call } from '../api'
import { DialogFooter, LabelledField, useAction } from '../app/form-parts'
import { DialogContent } from '../app/dialog'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
  /** A prefilled entry (the published page changed); the editor reads, edits and logs it. */
  suggestion?: SuggestedCorrection | null
}

export function CorrectionDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="560px" aria-describedby={undefined}>
        <Dialog.Title>Log a correction</Dialog.Title>
        <CorrectionForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

function CorrectionForm({ detail, onOpenChange, suggestion }: Props): React.JSX.Element {
  const [what, setWhat] = useState(suggestion?.what ?? '')
  const [note, setNote] = useState(suggestion?.note ?? '')
  const [claimIds, setClaimIds] = useState<string[]>(suggestion?.claimIds ?? [])
  const action = useAction()
  const claims = [...detail.claims].sort((a, b) => a.number - b.number)

  async function save(): Promise<void> {
    const done = await action.run(() =>
      call('stories.correct', { id: detail.story.id, what: what.trim(), note: note.trim(), claimIds })
    )
    if (done) onOpenChange(false)
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Flex direction="column" gap="3">
        {suggestion && (
          <Callout.Root size="1" color="purple" role="status">
            <Callout.Text>
              The published page changed and came in as a new revision; the claims whose words changed wait for
              re-check. A correction is suggested below: read it, change it, then log it.
            </Callout.Text>
          </Callout.Root>
        )}
        <LabelledField id="correction-what" label="What changed" value={what} onChange={setWhat} />
        <Flex direction="column" gap="1">
          <Text as="label" size="2" htmlFor="correction-note">
            Note for readers
          </Text>
          <TextArea
            id="correction-note"
            value={note}
            rows={3}
            placeholder="An earlier version of this fact-check said…"
            onChange={(e) => setNote(e.target.value)}
          />
        </Flex>
        {claims.length > 0 && (
          <Flex direction="column" gap="1" role="group" aria-label="Claims it touches">
            <Text size="2">Claims it touches (none: the story as a whole)</Text>
            {claims.map((c) => (
              <Text as="label" size="2" key={c.id}>
                <Flex gap="2" align="center">
                  <Checkbox
                    checked={claimIds.includes(c.id)}
                    onCheckedChange={(v) =>
                      setClaimIds(v === true ? [...claimIds, c.id] : claimIds.filter((id) => id !== c.id))
                    }
                  />
                  {claimLabel(c.number)} {c.anchor.quote.exact.slice(0, 80)}
                </Flex>
              </Text>
            ))}
          </Flex>
        )}
        <DialogFooter error={action.error} closeLabel="Cancel">
          <Button type="submit" loading={action.busy} disabled={!what.trim() || !note.trim()}>
            Log correction
          </Button>
        </DialogFooter>
      </Flex>
    </form>
  )
}
