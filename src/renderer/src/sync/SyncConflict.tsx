// A claim flagged "sync conflict" in its panel: per conflicting field, this library's value and the
// desk's, with who set each and when when the history says; the editor picks one per field (logged
// in the claim's history by main). An edit against a delete offers keep or delete.
import { ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, Heading, RadioGroup, Text } from '@radix-ui/themes'
import { useState } from 'react'
import type { DeskConflict } from '../../../shared/contract'
import type { Activity, Claim } from '../../../shared/model'
import { useDesk } from '../app/desk-context'
import { useGuard } from '../app/form-parts'
import { relativeTime } from '../app/labels'
import { useDeskSync } from './desk-sync'
import { DELETED_FIELD, fieldWords, originOf, valueWords } from './sync-words'

type Side = 'local' | 'remote'

export function SyncConflict({ claim, activity }: { claim: Claim; activity: readonly Activity[] }): React.JSX.Element | null {
  const { status } = useDeskSync()
  const conflict = status.conflicts.find((c) => c.kind === 'claim' && c.unitId === claim.id)
  // Keyed by the conflict's fields: a new conflict on the same claim starts with no choices made.
  return conflict ? <ConflictChoices key={conflict.fields.map((f) => f.field).join('|')} conflict={conflict} claim={claim} activity={activity} /> : null
}

function ConflictChoices({ conflict, claim, activity }: { conflict: DeskConflict; claim: Claim; activity: readonly Activity[] }): React.JSX.Element {
  const desk = useDesk()
  const { resolve } = useDeskSync()
  const guard = useGuard()
  const [choices, setChoices] = useState<Partial<Record<string, Side>>>({})
  const chosenAll = conflict.fields.every((f) => choices[f.field])
  const label = (field: string, value: string): string | null =>
    field === 'verdict' && value in desk.library.settings.verdictLabels
      ? desk.verdictLabel(value as NonNullable<Claim['verdict']>)
      : field === 'status' && value in desk.library.settings.statusLabels
        ? desk.statusLabel(value as Claim['status'])
        : field === 'assignee'
          ? desk.personName(value)
          : null
  const origin = (field: string, value: unknown): string => {
    const found = field === DELETED_FIELD ? null : originOf(activity, claim.id, field, value)
    return found ? ` — ${desk.personName(found.by, found.at)}, ${relativeTime(found.at)}` : ''
  }
  return (
    <section className="panel-section sync-conflict" aria-labelledby={`conflict-${claim.id}`}>
      <Callout.Root color="orange" highContrast size="1" mb="2">
        <Callout.Icon>
          <ExclamationTriangleIcon />
        </Callout.Icon>
        <Callout.Text>
          <Heading as="h3" size="2" id={`conflict-${claim.id}`}>
            Sync conflict
          </Heading>
          This claim was changed here and on the desk at the same time. Nothing has been overwritten: choose which value to keep.
        </Callout.Text>
      </Callout.Root>
      {conflict.fields.map((f) => {
        const deleted = f.field === DELETED_FIELD
        // Keep or delete: "keep" is the side that edited it, "delete" the side that deleted it.
        const options: { side: Side; text: string }[] = deleted
          ? [
              { side: f.local === 'deleted' ? 'remote' : 'local', text: `Keep the claim (${f.local === 'deleted' ? 'edited on the desk' : 'edited here'})` },
              { side: f.local === 'deleted' ? 'local' : 'remote', text: `Delete it (${f.local === 'deleted' ? 'deleted here' : 'deleted on the desk'})` }
            ]
          : [
              { side: 'local', text: `This library: ${valueWords(f.field, f.local, label)}${origin(f.field, f.local)}` },
              { side: 'remote', text: `The desk: ${valueWords(f.field, f.remote, label)}${origin(f.field, f.remote)}` }
            ]
        return (
          <Flex key={f.field} direction="column" gap="1" mb="2">
            <Text size="2" weight="medium" id={`conflict-${claim.id}-${f.field}`}>
              {deleted ? fieldWords(f.field) : `${fieldWords(f.field)[0]!.toUpperCase()}${fieldWords(f.field).slice(1)}`}
            </Text>
            <RadioGroup.Root
              size="1"
              value={choices[f.field] ?? ''}
              onValueChange={(v) => setChoices((c) => ({ ...c, [f.field]: v === 'remote' ? 'remote' : 'local' }))}
              aria-labelledby={`conflict-${claim.id}-${f.field}`}
            >
              {options.map((o) => (
                <RadioGroup.Item key={o.side} value={o.side} data-side={o.side}>
                  <Text size="2" className="conflict-value">
                    {o.text}
                  </Text>
                </RadioGroup.Item>
              ))}
            </RadioGroup.Root>
          </Flex>
        )
      })}
      <Button
        size="1"
        disabled={!chosenAll}
        loading={guard.busy}
        onClick={() => void guard.once(() => resolve(conflict.key, Object.fromEntries(conflict.fields.map((f) => [f.field, choices[f.field] ?? 'local']))))}
      >
        Keep the chosen values
      </Button>
    </section>
  )
}
