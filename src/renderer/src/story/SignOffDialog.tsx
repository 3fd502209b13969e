// Clearing a story that is not ready: what blocks sign-off, each claim one click away, and an
// override that needs a written reason (kept with the sign-off, logged and printed on reports).
import { Button, Dialog, Flex, Link, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import { blockReasonLabels, claimLabel, type SignOffBlocker } from '../../../shared/rules/claims'
import { DialogContent } from '../app/dialog'
import { DialogFooter, useAction } from '../app/form-parts'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  blockers: readonly SignOffBlocker[]
  onOpenClaim(id: string): void
  onOverride(reason: string): Promise<unknown>
}

export function SignOffDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="560px" aria-describedby={undefined}>
        <Dialog.Title>Not ready to clear</Dialog.Title>
        <SignOffForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

function SignOffForm({ blockers, onOpenClaim, onOverride, onOpenChange }: Props): React.JSX.Element {
  const [reason, setReason] = useState('')
  const action = useAction()
  const override = async (): Promise<void> => {
    const done = await action.run(() => onOverride(reason.trim()))
    if (done !== undefined) onOpenChange(false)
  }
  return (
    <Flex direction="column" gap="3">
      <Text size="2">
        Every claim must be Done with a verdict given on its present words before the story is cleared.{' '}
        {blockers.length} {blockers.length === 1 ? 'claim blocks' : 'claims block'} sign-off:
      </Text>
      <ul className="blocker-list" aria-label="What blocks sign-off">
        {blockers.map((b) => (
          <li key={b.claimId}>
            <Link
              href="#"
              onClick={(e) => {
                e.preventDefault()
                onOpenChange(false)
                onOpenClaim(b.claimId)
              }}
            >
              {claimLabel(b.number)}
            </Link>
            : {b.reasons.map((r) => blockReasonLabels[r]).join(', ')}
          </li>
        ))}
      </ul>
      <label className="field">
        <Text size="2" weight="medium">
          Override: why clear it anyway?
        </Text>
        <TextArea
          name="override-reason"
          rows={3}
          value={reason}
          placeholder="e.g. Editor-in-chief approved publication with C4 still waiting on the ministry"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <DialogFooter error={action.error} closeLabel="Keep checking">
        <Button color="red" disabled={!reason.trim()} loading={action.busy} onClick={() => void override()}>
          Clear with override
        </Button>
      </DialogFooter>
    </Flex>
  )
}
