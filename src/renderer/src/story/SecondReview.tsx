// The claim's second review (a desk rule in Settings): another editor than the verdict's giver agrees
// or dissents, says how sure and why. Every review stays listed, dissents included; the rule itself is
// shared/rules/claims.ts, so the panel says what main will say.
import { Badge, Button, Flex, Heading, SegmentedControl, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import { reviewConfidences, reviewStances } from '../../../shared/model/values'
import type { Claim, ReviewConfidence, ReviewStance } from '../../../shared/model'
import { currentReviews, hasAgreeingReview, whyNoReview } from '../../../shared/rules/claims'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { EnumSelect, onOneOf } from '../app/EnumSelect'
import { useGuard } from '../app/form-parts'
import { relativeTime } from '../app/labels'
import { useStoryEdit } from '../app/use-store'

const stanceLabels: Record<ReviewStance, string> = { agree: 'Agree', dissent: 'Dissent' }
const confidenceLabels: Record<ReviewConfidence, string> = { low: 'Low', medium: 'Medium', high: 'High' }

export function SecondReview({ storyId, claim }: { storyId: string; claim: Claim }): React.JSX.Element | null {
  const lib = useLibraryContext()
  const edit = useStoryEdit()
  const guard = useGuard()
  const [stance, setStance] = useState<ReviewStance>('agree')
  const [confidence, setConfidence] = useState<ReviewConfidence>('medium')
  const [note, setNote] = useState('')
  const required = lib.library.settings.requireSecondReview
  if (!required && claim.reviews.length === 0) return null

  const current = new Set(currentReviews(claim).map((r) => r.id))
  const me = lib.currentEditor?.id ?? null
  const refused = me ? whyNoReview(claim, me) : null
  const agreed = hasAgreeingReview(claim)
  const needsNote = stance === 'dissent' && !note.trim()

  const send = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (needsNote) return
    const done = await guard.once(() =>
      edit({
        send: () => call('claims.review', { storyId, claimId: claim.id, stance, confidence, note }),
        apply: (d, review) => ({
          ...d,
          claims: d.claims.map((c) =>
            c.id === claim.id ? { ...c, reviews: [...c.reviews.filter((r) => r.id !== review.id), review] } : c
          )
        })
      })
    )
    if (!done) return
    setNote('')
    setStance('agree')
    setConfidence('medium')
  }

  return (
    <section className="panel-section" aria-label="Second review">
      <Heading as="h3" size="2">
        Second review
      </Heading>
      <Text as="p" size="1" color={agreed ? 'green' : 'gray'} data-testid="review-state">
        {claim.verdict === null
          ? 'Give a verdict first; another editor then reviews it.'
          : agreed
            ? 'Another editor agreed with this verdict.'
            : required
              ? 'Needs an agreeing review by another editor before it can be Done.'
              : 'No agreeing review yet.'}
      </Text>
      {claim.reviews.length > 0 && (
        <ol className="comments">
          {claim.reviews.map((r) => (
            <li key={r.id} data-testid="review" data-stance={r.stance}>
              <Text size="1" weight="bold">
                {lib.personName(r.by, r.at)}
              </Text>{' '}
              <Badge size="1" color={r.stance === 'agree' ? 'green' : 'red'} variant="soft">
                {r.stance === 'agree' ? 'Agrees' : 'Dissents'}
              </Badge>{' '}
              <Text size="1" color="gray">
                {confidenceLabels[r.confidence].toLowerCase()} confidence
                {current.has(r.id) ? '' : ` · on the earlier verdict “${lib.verdictLabel(r.verdict)}”`} ·{' '}
                {relativeTime(r.at)}
              </Text>
              {r.note && (
                <Text as="p" size="2">
                  {r.note}
                </Text>
              )}
            </li>
          ))}
        </ol>
      )}
      {claim.verdict !== null && refused && (
        <Text as="p" size="1" color="gray">
          {refused}
        </Text>
      )}
      {claim.verdict !== null && !refused && (
        <form aria-label="Review this verdict" onSubmit={(e) => void send(e)}>
          <Flex direction="column" gap="2">
            <Flex gap="3" align="center" wrap="wrap">
              <SegmentedControl.Root
                size="1"
                value={stance}
                onValueChange={onOneOf(reviewStances, setStance)}
                aria-label="Your review"
              >
                {reviewStances.map((s) => (
                  <SegmentedControl.Item key={s} value={s}>
                    {stanceLabels[s]}
                  </SegmentedControl.Item>
                ))}
              </SegmentedControl.Root>
              <EnumSelect
                size="1"
                label="Confidence"
                value={confidence}
                options={reviewConfidences}
                optionLabel={(c) => `${confidenceLabels[c]} confidence`}
                onChange={setConfidence}
              />
            </Flex>
            <TextArea
              size="2"
              rows={2}
              aria-label="Review note"
              placeholder={stance === 'dissent' ? 'Why you dissent (required)' : 'What you checked (optional)'}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Flex justify="end">
              <Button size="1" type="submit" disabled={needsNote} loading={guard.busy}>
                Record review of “{lib.verdictLabel(claim.verdict)}”
              </Button>
            </Flex>
          </Flex>
        </form>
      )}
    </section>
  )
}
