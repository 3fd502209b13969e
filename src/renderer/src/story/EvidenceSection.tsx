// What a claim was checked against: each piece of evidence with its source, and a way to attach more.
import { ArchiveIcon, ExternalLinkIcon, PlusIcon, TrashIcon } from '@radix-ui/react-icons'
import { Badge, Button, Card, Checkbox, Flex, Heading, IconButton, Text, Tooltip } from '@radix-ui/themes'
import { useEffect, useRef, useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { stances } from '../../../shared/model/values'
import type { Claim, Evidence, Source } from '../../../shared/model'
import { call, callsOf } from '../api'
import { useLibraryContext } from '../app/library-context'
import { isWebUrl, sourceKindLabels, stanceColor, stanceLabels } from '../app/labels'
import { useToasts } from '../app/toasts'
import { useUndo } from '../app/undo'
import { AttachEvidence } from './AttachEvidence'
import { SavedField } from './SavedField'
import { useStoryEdit } from '../app/use-store'
import { EnumSelect } from '../app/EnumSelect'

export function EvidenceSection({
  storyId,
  claim,
  detail
}: {
  storyId: string
  claim: Claim
  detail: StoryDetail
}): React.JSX.Element {
  const [attaching, setAttaching] = useState(false)
  const [attachFor, setAttachFor] = useState(claim.id)
  const attachButton = useRef<HTMLButtonElement>(null)
  /** Closing the form (attached or cancelled) puts focus back on the button that opened it, once it is rendered again. */
  const returnFocus = useRef(false)
  const finish = (): void => {
    returnFocus.current = true
    setAttaching(false)
  }
  useEffect(() => {
    if (attaching || !returnFocus.current) return
    returnFocus.current = false
    attachButton.current?.focus()
  }, [attaching])
  // Close the form when the panel moves to another claim (state adjusted during render, not in an effect).
  if (attachFor !== claim.id) {
    setAttachFor(claim.id)
    setAttaching(false)
  }
  const items = detail.evidence.filter((e) => e.claimId === claim.id)
  const sources = new Map(detail.sources.map((s) => [s.id, s]))
  return (
    <section className="panel-section" aria-label="Evidence">
      <Flex justify="between" align="center">
        <Heading as="h3" size="2">
          Evidence <Text color="gray">({items.length})</Text>
        </Heading>
        {!attaching && (
          <Button size="1" variant="soft" onClick={() => setAttaching(true)} ref={attachButton}>
            <PlusIcon /> Attach evidence
          </Button>
        )}
      </Flex>
      {attaching && <AttachEvidence storyId={storyId} claimId={claim.id} onDone={finish} />}
      {items.length === 0 && !attaching && (
        <Text size="2" color="gray">
          Nothing attached yet. Record each source you checked, with the passage you relied on.
        </Text>
      )}
      {items.map((e) => (
        <EvidenceCard key={e.id} storyId={storyId} evidence={e} source={sources.get(e.sourceId)} />
      ))}
    </section>
  )
}

function EvidenceCard({
  storyId,
  evidence,
  source
}: {
  storyId: string
  evidence: Evidence
  source: Source | undefined
}): React.JSX.Element {
  const lib = useLibraryContext()
  const edit = useStoryEdit()
  const toasts = useToasts()
  const history = useUndo()
  const title = source?.title ?? 'source'
  const update = async (
    patch: Partial<Pick<Evidence, 'excerpt' | 'stance' | 'locator' | 'appearance'>>
  ): Promise<void> => {
    await edit({
      send: () => call('evidence.update', { storyId, evidenceId: evidence.id, patch }),
      show: (d) => ({ ...d, evidence: d.evidence.map((e) => (e.id === evidence.id ? { ...e, ...patch } : e)) }),
      apply: (d, saved) => ({ ...d, evidence: d.evidence.map((e) => (e.id === saved.id ? saved : e)) })
    })
  }
  const remove = async (): Promise<void> => {
    const without = (d: StoryDetail): StoryDetail => ({
      ...d,
      evidence: d.evidence.filter((e) => e.id !== evidence.id)
    })
    let callId: string | undefined
    const removed = await edit({
      send: () => {
        const sent = callsOf(() => call('evidence.remove', { storyId, evidenceId: evidence.id }))
        callId = sent.ids[0]
        return sent.result
      },
      show: without,
      apply: without
    })
    if (!removed || !callId) return
    const named = callId
    toasts.show({
      message: `Evidence from “${title}” removed.`,
      action: { label: 'Undo', run: () => void history.undoIf(named) }
    })
  }
  const open = (url: string): void => void lib.run(() => call('shell.openExternal', { url }))
  /** Withholding is a property of the source (library-wide): every report then names it "confidential source". */
  const setConfidential = (reason: string): void => {
    if (!source) return
    const confidential = reason.trim() ? { reason: reason.trim() } : null
    void lib.run(() => call('sources.update', { id: source.id, patch: { confidential } }))
  }
  return (
    <Card size="1" className="evidence" data-evidence-id={evidence.id}>
      <Flex direction="column" gap="2">
        <Flex justify="between" align="start" gap="2">
          <Flex direction="column">
            <Text size="2" weight="bold" className="source-title">
              {source?.title ?? 'Source not loaded yet'}{' '}
              {source?.confidential && (
                <Badge color="orange" title={`Withheld in every report: ${source.confidential.reason}`}>
                  Confidential
                </Badge>
              )}
            </Text>
            <Text size="1" color="gray">
              {[source?.publisher, source ? sourceKindLabels[source.kind] : ''].filter(Boolean).join(' · ')}
            </Text>
          </Flex>
          <Flex gap="1" align="center">
            {source && isWebUrl(source.url) && (
              <Tooltip content={source.url}>
                <IconButton
                  size="1"
                  variant="ghost"
                  aria-label={`Open source ${source.title} in the browser`}
                  onClick={() => open(source.url)}
                >
                  <ExternalLinkIcon />
                </IconButton>
              </Tooltip>
            )}
            {source && isWebUrl(source.archiveUrl) && (
              <Tooltip content={`Archived copy: ${source.archiveUrl}`}>
                <IconButton
                  size="1"
                  variant="ghost"
                  aria-label={`Open archived copy of ${source.title}`}
                  onClick={() => open(source.archiveUrl)}
                >
                  <ArchiveIcon />
                </IconButton>
              </Tooltip>
            )}
            <Tooltip content="Remove evidence (can be undone)">
              <IconButton
                size="1"
                variant="ghost"
                color="red"
                aria-label="Remove evidence"
                onClick={() => void remove()}
              >
                <TrashIcon />
              </IconButton>
            </Tooltip>
          </Flex>
        </Flex>
        <Flex gap="2" align="center">
          <EnumSelect
            size="1"
            label="Stance"
            value={evidence.stance}
            options={stances}
            optionLabel={(s) => stanceLabels[s]}
            onChange={(stance) => void update({ stance })}
            color={stanceColor[evidence.stance]}
            variant="soft"
          />
        </Flex>
        <SavedField
          label="Excerpt relied on"
          multiline
          value={evidence.excerpt}
          onSave={(excerpt) => void update({ excerpt })}
        />
        <SavedField
          label="Where in the source (page, timestamp)"
          value={evidence.locator}
          onSave={(locator) => void update({ locator })}
        />
        <Text as="label" size="1">
          <Flex gap="2" align="center">
            <Checkbox
              size="1"
              checked={evidence.appearance}
              onCheckedChange={(v) => void update({ appearance: v === true })}
            />
            The claim itself appeared here (listed as an appearance in ClaimReview)
          </Flex>
        </Text>
        {source && (
          <SavedField
            label="Confidential source: why it is withheld (reports then name it “confidential source” and its kind only; empty: not confidential)"
            value={source.confidential?.reason ?? ''}
            onSave={setConfidential}
          />
        )}
      </Flex>
    </Card>
  )
}
