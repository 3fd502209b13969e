// A unit flagged "sync conflict": per conflicting field, this library's value and the desk's (with
// who set each and when, when the history says), and the editor picks one per field; main logs the
// choice in the history. An edit against a delete offers keep or delete. Claims show this in their
// panel; anything else with a conflict (evidence, a source, desk settings) in the Shared desk dialog.
import { ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, Heading, RadioGroup, Text } from '@radix-ui/themes'
import { useState } from 'react'
import type { DeskConflict } from '../../../shared/contract'
import type { Activity, Claim } from '../../../shared/model'
import { useLibraryContext } from '../app/library-context'
import { onOneOf } from '../app/EnumSelect'
import { useGuard } from '../app/form-parts'
import { relativeTime } from '../app/labels'
import { useDeskSync } from './desk-sync'
import { DELETED_FIELD, fieldWords, originOf, sideChoices, unitWords, valueWords, type Side } from './sync-words'

const sides = ['local', 'remote'] as const

export function SyncConflict({
  claim,
  activity
}: {
  claim: Claim
  activity: readonly Activity[]
}): React.JSX.Element | null {
  const { status } = useDeskSync()
  const lib = useLibraryContext()
  const conflict = status.conflicts.find((c) => c.kind === 'claim' && c.unitId === claim.id)
  if (!conflict) return null
  const origin = (field: string, value: unknown): string => {
    const found = field === DELETED_FIELD ? null : originOf(activity, claim.id, field, value)
    return found ? ` — ${lib.personName(found.by, found.at)}, ${relativeTime(found.at)}` : ''
  }
  // Keyed by the conflict's fields: a new conflict on the same claim starts with no choices made.
  return <ConflictChooser key={conflict.fields.map((f) => f.field).join('|')} conflict={conflict} origin={origin} />
}

/** The conflicts that are not on a claim, each with its chooser (the Shared desk dialog lists them). */
export function OtherConflicts(): React.JSX.Element | null {
  const { status } = useDeskSync()
  const others = status.conflicts.filter((c) => c.kind !== 'claim')
  if (others.length === 0) return null
  return (
    <Flex direction="column" gap="3">
      {others.map((c) => (
        <ConflictChooser key={`${c.key}:${c.fields.map((f) => f.field).join('|')}`} conflict={c} />
      ))}
    </Flex>
  )
}

function ConflictChooser({
  conflict,
  origin = () => ''
}: {
  conflict: DeskConflict
  origin?: (field: string, value: unknown) => string
}): React.JSX.Element {
  const lib = useLibraryContext()
  const { resolve } = useDeskSync()
  const guard = useGuard()
  const [choices, setChoices] = useState<Partial<Record<string, Side>>>({})
  const chosenAll = conflict.fields.every((f) => choices[f.field])
  const label = (field: string, value: string): string | null =>
    field === 'verdict'
      ? lib.verdictLabel(value)
      : field === 'status'
        ? lib.statusLabel(value)
        : field === 'assignee'
          ? lib.personName(value)
          : null
  const headingId = `conflict-${conflict.key.replace(/[^A-Za-z0-9_-]/g, '-')}`
  const what = unitWords[conflict.kind]
  return (
    <section className="panel-section sync-conflict" aria-labelledby={headingId} data-conflict={conflict.key}>
      <Callout.Root color="orange" highContrast size="1" mb="2">
        <Callout.Icon>
          <ExclamationTriangleIcon />
        </Callout.Icon>
        <Callout.Text>
          <Heading as="h3" size="2" id={headingId}>
            {conflict.kind === 'claim' ? 'Sync conflict' : `Sync conflict: ${what}`}
          </Heading>
          {conflict.raisedBy
            ? `This ${what} was changed here and in ${conflict.raisedBy}’s library at the same time. Either of you can choose which value to keep; the choice settles it for the whole desk.`
            : `This ${what} was changed here and on the desk at the same time. Nothing has been overwritten: choose which value to keep.`}
        </Callout.Text>
      </Callout.Root>
      {conflict.fields.map((f) => {
        const fieldId = `${headingId}-${f.field.replace(/[^A-Za-z0-9_-]/g, '-')}`
        const name = fieldWords(f.field)
        return (
          <Flex key={f.field} direction="column" gap="1" mb="2">
            <Text size="2" weight="medium" id={fieldId}>
              {`${name[0]!.toUpperCase()}${name.slice(1)}`}
            </Text>
            <RadioGroup.Root
              size="1"
              value={choices[f.field] ?? ''}
              onValueChange={onOneOf(sides, (side) => setChoices((c) => ({ ...c, [f.field]: side })))}
              aria-labelledby={fieldId}
            >
              {sideChoices(
                f,
                what,
                (v) => `${valueWords(f.field, v, label)}${origin(f.field, v)}`,
                conflict.raisedBy
              ).map((o) => (
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
        onClick={() =>
          void guard.once(() =>
            resolve(
              conflict.key,
              Object.fromEntries(conflict.fields.map((f) => [f.field, choices[f.field] ?? 'local']))
            )
          )
        }
      >
        Keep the chosen values
      </Button>
    </section>
  )
}
