// Clearing a story that is not ready: what blocks sign-off (each claim's words, shortened, and status), each
// claim one click away, and an
// override that needs a written reason (kept with the sign-off, logged and printed on reports).
import { Button, Dialog, Flex, Link, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import type { Claim, ClaimStatus } from '../../../shared/model'
import { blockReasonLabels, claimLabel, type SignOffBlocker } from '../../../shared/rules/claims'
import { DialogContent } from '../app/dialog'
import { DialogFooter, useAction } from '../app/form-parts'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  blockers: readonly SignOffBlocker[]
  /** The story's claims, for each blocker's words and status. */
  claims: readonly Claim[]
  statusLabel(status: ClaimStatus): string
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

/** A claim's words on one line: at most WORDS_SHOWN characters, cut at a space, with an ellipsis. */
const WORDS_SHOWN = 80
export function shortWords(words: string): string {
  const flat = words.replace(/\s+/g, ' ').trim()
  if (flat.length <= WORDS_SHOWN) return flat
  const cut = flat.slice(0, WORDS_SHOWN)
  const space = cut.lastIndexOf(' ')
  return `${(space > WORDS_SHOWN / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

function SignOffForm({
  blockers,
  claims,
  statusLabel,
  onOpenClaim,
  onOverride,
  onOpenChange
}: Props): React.JSX.Element {
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
        {blockers.map((b) => {
          const claim = claims.find((c) => c.id === b.claimId)
          return (
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
                {claim && (
                  <>
                    {' '}
                    “
                    <span className="blocker-words" dir="auto">
                      {shortWords(claim.anchor.quote.exact)}
                    </span>
                    ”
                  </>
                )}
              </Link>
              {claim && <> ({statusLabel(claim.status)})</>}: {b.reasons.map((r) => blockReasonLabels[r]).join(', ')}
            </li>
          )
        })}
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
