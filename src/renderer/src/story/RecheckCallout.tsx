// A verdict waiting for re-check: why, the words it was given on against today's as a word diff,
// and the two ways out (confirm it for the new words, or choose another verdict below).
import { UpdateIcon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, Text } from '@radix-ui/themes'
import { diffWords } from 'diff'
import { useMemo } from 'react'
import type { Claim } from '../../../shared/model'
import { checkedWordsIfChanged, claimLabel, recheckReasonLabels } from '../../../shared/rules/claims'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import './verdict.css'

export function RecheckCallout({ storyId, claim }: { storyId: string; claim: Claim }): React.JSX.Element | null {
  const lib = useLibraryContext()
  const before = checkedWordsIfChanged(claim)
  const parts = useMemo(
    () => (before === null ? [] : diffWords(before, claim.anchor.quote.exact)),
    [before, claim.anchor.quote.exact]
  )
  if (!claim.recheck) return null
  const verdict = claim.verdict ? lib.verdictLabel(claim.verdict) : 'No verdict'
  return (
    <Callout.Root color="purple" size="1" mb="3" role="region" aria-label="Needs re-check">
      <Callout.Icon>
        <UpdateIcon />
      </Callout.Icon>
      <Flex direction="column" gap="2">
        <Text size="2">
          <strong>Needs re-check:</strong> {recheckReasonLabels[claim.recheck.reason]}. “{verdict}” was given on other
          words.
        </Text>
        {before !== null && (
          <p className="word-diff" aria-label="Checked words against today’s words" data-testid="recheck-diff">
            {parts.map((p, i) =>
              p.added ? (
                <ins key={i}>{p.value}</ins>
              ) : p.removed ? (
                <del key={i}>{p.value}</del>
              ) : (
                <span key={i}>{p.value}</span>
              )
            )}
          </p>
        )}
        <Flex gap="2" align="center" wrap="wrap">
          <Button
            size="1"
            disabled={claim.orphaned}
            onClick={() => void lib.run(() => call('claims.confirm', { storyId, claimId: claim.id }))}
          >
            Confirm “{verdict}” for these words
          </Button>
          <Text size="1" color="gray">
            or choose another verdict for {claimLabel(claim.number)} below.
          </Text>
        </Flex>
      </Flex>
    </Callout.Root>
  )
}
