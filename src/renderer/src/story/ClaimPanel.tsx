// One claim, worked: the words, what it says, status and verdict, who has it, evidence, talk, history.
import { Cross2Icon, LinkBreak2Icon, TrashIcon } from '@radix-ui/react-icons'
import {
  Badge,
  Button,
  Callout,
  Flex,
  Grid,
  Heading,
  IconButton,
  SegmentedControl,
  Separator,
  Text,
  Tooltip
} from '@radix-ui/themes'
import { useEffect, useRef } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { claimTypes, priorities } from '../../../shared/model/values'
import type { Claim, ClaimFields } from '../../../shared/model'
import { verdictChoices, verdictEntry } from '../../../shared/rules/scales'
import { useLibraryContext } from '../app/library-context'
import { EnumSelect, onOneOf } from '../app/EnumSelect'
import { CheckedBefore } from '../memory/CheckedBefore'
import { PersonSelect } from '../app/PersonItems'
import { priorityLabels, Swatch, typeLabels } from '../app/labels'
import { CheckedAgainst } from './CheckedAgainst'
import { ClaimComments } from './ClaimComments'
import { ContactLog } from './ContactLog'
import { RecheckCallout } from './RecheckCallout'
import { ClaimHistory } from './ClaimHistory'
import { EvidenceSection } from './EvidenceSection'
import { SavedField } from './SavedField'
import { SecondReview } from './SecondReview'
import { StatusCards } from './StatusCards'
import { SyncConflict } from '../sync/SyncConflict'
import { useValueOf } from '../app/value-store'
import type { LiveSelectionStore } from './use-live-selection'

interface ClaimPanelProps {
  claim: Claim
  detail: StoryDetail
  /** The claim's stable label, C7. */
  number: string
  onClose(): void
  onUpdate(patch: Partial<ClaimFields>): void
  onDelete(): void
  onReattach(): void
  /** The reader's selection: "Re-attach" takes the selected words. */
  selection: LiveSelectionStore
}

export function ClaimPanel({
  claim,
  detail,
  number,
  onClose,
  onUpdate,
  onDelete,
  onReattach,
  selection
}: ClaimPanelProps): React.JSX.Element {
  const lib = useLibraryContext()
  const canReattach = useValueOf(selection, (s) => s !== null)
  const storyId = detail.story.id
  // Opening a claim moves focus to its heading, so a screen reader says which claim opened and
  // Tab continues inside the panel; the desk's keys (status, verdict) still work from there.
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (!document.activeElement?.closest('[role="dialog"], .claim-panel'))
      headingRef.current?.focus({ preventScroll: true })
  }, [])
  return (
    <aside
      className="claim-panel"
      aria-label={`Claim ${number}`}
      data-claim-id={claim.id}
      data-claim-number={claim.number}
    >
      <Flex justify="between" align="center" className="panel-head">
        <Heading
          as="h2"
          size="3"
          ref={headingRef}
          tabIndex={-1}
          data-single-keys
          data-focus-home
          className="panel-heading"
        >
          {number}{' '}
          <Text color="gray" size="2" weight="regular">
            · {detail.claims.length} claims
          </Text>
        </Heading>
        <Flex gap="1">
          <Tooltip content="Delete claim (Delete) — can be undone">
            <IconButton variant="ghost" color="red" aria-label="Delete claim" onClick={onDelete}>
              <TrashIcon />
            </IconButton>
          </Tooltip>
          <Tooltip content="Close (Esc)">
            <IconButton variant="ghost" color="gray" aria-label="Close claim panel" onClick={onClose}>
              <Cross2Icon />
            </IconButton>
          </Tooltip>
        </Flex>
      </Flex>
      <div className="panel-body">
        <blockquote className="claim-words" data-testid="claim-words">
          {claim.anchor.quote.exact}
        </blockquote>
        <RecheckCallout storyId={storyId} claim={claim} />
        <SyncConflict claim={claim} activity={detail.activity} />
        {claim.orphaned && (
          <Callout.Root color="orange" size="1" mb="3">
            <Callout.Icon>
              <LinkBreak2Icon />
            </Callout.Icon>
            <Callout.Text>
              These words are no longer in the story. Select the words it should point to now, then
              <Button size="1" variant="soft" ml="2" disabled={!canReattach} onClick={onReattach}>
                Re-attach to selection
              </Button>
            </Callout.Text>
          </Callout.Root>
        )}

        <CheckedBefore storyId={storyId} claim={claim} />

        <section className="panel-section" aria-label="Status">
          <Text size="1" weight="medium" color="gray" as="p" mb="1" id="status-label">
            Status
          </Text>
          <StatusCards status={claim.status} onChange={(status) => onUpdate({ status })} />
        </section>

        <section className="panel-section" aria-label="Verdict">
          <Grid columns="2" gap="3">
            <label className="field">
              <Text size="1" weight="medium" color="gray">
                Verdict
              </Text>
              {/* The desk's verdicts in use (rules/scales.ts); the claim's own reads as it did when given. */}
              <EnumSelect
                label="Verdict"
                value={claim.verdict ?? 'none'}
                options={['none', ...verdictChoices(lib.library.settings, claim.verdict).map((e) => e.id)]}
                optionLabel={(v) =>
                  v === 'none' ? (
                    'No verdict yet'
                  ) : (
                    <span className="scale-choice">
                      <Swatch colour={verdictEntry(lib.library.settings, v).colour} />
                      {v === claim.verdict ? lib.claimVerdictLabel(claim) : lib.verdictLabel(v)}
                    </span>
                  )
                }
                onChange={(v) => onUpdate({ verdict: v === 'none' ? null : v })}
              />
            </label>
            <label className="field">
              <Text size="1" weight="medium" color="gray">
                Type
              </Text>
              <EnumSelect
                label="Claim type"
                value={claim.type}
                options={claimTypes}
                optionLabel={(t) => typeLabels[t]}
                onChange={(type) => onUpdate({ type })}
              />
            </label>
          </Grid>
          <SavedField
            label="Rationale"
            name="rationale"
            multiline
            rows={3}
            value={claim.rationale}
            placeholder="Why this verdict: what was checked and what it showed"
            onSave={(rationale) => onUpdate({ rationale })}
          />
          <SavedField
            label="Suggested correction"
            name="correction"
            multiline
            value={claim.correction}
            placeholder="How the sentence should read"
            onSave={(correction) => onUpdate({ correction })}
          />
          <CheckedAgainst
            claim={claim}
            evidence={detail.evidence}
            onSave={(checkedAgainst) => onUpdate({ checkedAgainst })}
          />
        </section>

        <SecondReview storyId={storyId} claim={claim} />

        <section className="panel-section" aria-label="Details">
          <SavedField
            label="Restated claim"
            name="restatement"
            multiline
            value={claim.restatement}
            placeholder="The claim in one checkable sentence"
            onSave={(restatement) => onUpdate({ restatement })}
          />
          <Grid columns="2" gap="3">
            <SavedField
              label="Speaker"
              name="speaker"
              value={claim.speaker}
              placeholder="Who made the claim"
              onSave={(speaker) => onUpdate({ speaker })}
            />
            <label className="field">
              <Text size="1" weight="medium" color="gray">
                Assignee
              </Text>
              <PersonSelect
                label="Assignee"
                value={claim.assignee ?? 'none'}
                fixed={[{ value: 'none', label: 'Unassigned' }]}
                onChange={(v) => onUpdate({ assignee: v === 'none' ? null : v })}
              />
            </label>
          </Grid>
          <Grid columns="2" gap="3" align="end">
            <div className="field">
              <Text size="1" weight="medium" color="gray" aria-hidden>
                Priority
              </Text>
              <SegmentedControl.Root
                size="1"
                value={claim.priority}
                onValueChange={onOneOf(priorities, (priority) => onUpdate({ priority }))}
                aria-label="Priority"
              >
                {priorities.map((p) => (
                  <SegmentedControl.Item key={p} value={p}>
                    {priorityLabels[p]}
                  </SegmentedControl.Item>
                ))}
              </SegmentedControl.Root>
            </div>
            <SavedField
              label="Tags (comma separated)"
              name="tags"
              value={claim.tags.join(', ')}
              onSave={(text) =>
                onUpdate({
                  tags: [
                    ...new Set(
                      text
                        .split(',')
                        .map((t) => t.trim())
                        .filter(Boolean)
                    )
                  ]
                })
              }
            />
          </Grid>
          {claim.tags.length > 0 && (
            <Flex gap="1" wrap="wrap">
              {claim.tags.map((t) => (
                <Badge key={t} variant="outline" color="gray">
                  {t}
                </Badge>
              ))}
            </Flex>
          )}
        </section>

        <Separator size="4" my="3" />
        <EvidenceSection storyId={storyId} claim={claim} detail={detail} />
        <Separator size="4" my="3" />
        <ContactLog storyId={storyId} claim={claim} detail={detail} />
        <Separator size="4" my="3" />
        <ClaimComments storyId={storyId} claim={claim} />
        <Separator size="4" my="3" />
        <ClaimHistory claim={claim} activity={detail.activity} />
      </div>
    </aside>
  )
}
