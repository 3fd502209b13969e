// The desk's verdict scale and statuses in settings: add, rename, reorder, colour and retire each entry,
// and map each verdict to ClaimReview's rating. Main takes the edit in (shared/rules/scales.ts): it gives
// new entries their ids, keeps former names and refuses a colour that does not read on both themes; the
// same colour rule warns here as the editor picks.
import { ArrowDownIcon, ArrowUpIcon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Checkbox, Flex, Grid, Heading, IconButton, Text, TextField } from '@radix-ui/themes'
import { workflowStages, type StatusEdit, type VerdictEdit, type WorkflowStage } from '../../../shared/model'
import { colourProblem } from '../../../shared/rules/contrast'
import { useLibraryContext } from '../app/library-context'
import { EnumSelect } from '../app/EnumSelect'
import { Swatch } from '../app/labels'

type Entry = VerdictEdit | StatusEdit

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item!)
  return next
}

function Field({
  label,
  value,
  onChange,
  width
}: {
  label: string
  value: string
  onChange(value: string): void
  width?: string
}): React.JSX.Element {
  return (
    <Flex direction="column" gap="1" style={{ width }}>
      <Text as="label" size="1">
        {label}
        <TextField.Root size="1" value={value} onChange={(e) => onChange(e.target.value)} />
      </Text>
    </Flex>
  )
}

/** The parts every entry has: name, colour, order, retired. */
function EntryRow<E extends Entry>({
  kind,
  entry,
  index,
  count,
  onChange,
  onMove,
  children
}: {
  kind: 'Verdict' | 'Status'
  entry: E
  index: number
  count: number
  onChange(entry: E): void
  onMove(to: number): void
  children?: React.ReactNode
}): React.JSX.Element {
  const problem = colourProblem(entry.colour)
  const group = `${kind} ${index + 1}`
  return (
    <fieldset className="scale-entry" aria-label={group} data-retired={entry.retired || undefined}>
      <Flex gap="2" align="end" wrap="wrap">
        <Field label="Name" value={entry.name} onChange={(name) => onChange({ ...entry, name })} width="14rem" />
        <Flex direction="column" gap="1">
          <Text as="label" size="1">
            Colour
            <Flex gap="1" align="center">
              <input
                type="color"
                className="scale-colour"
                value={entry.colour}
                aria-describedby={problem ? `${group}-colour-problem` : undefined}
                onChange={(e) => onChange({ ...entry, colour: e.target.value })}
              />
              <Swatch colour={entry.colour} />
            </Flex>
          </Text>
        </Flex>
        <Text as="label" size="1">
          <Flex gap="1" align="center">
            <Checkbox checked={entry.retired} onCheckedChange={(v) => onChange({ ...entry, retired: v === true })} />
            Retired
          </Flex>
        </Text>
        <Flex gap="1" ml="auto">
          <IconButton
            type="button"
            size="1"
            variant="soft"
            aria-label={`Move ${entry.name || group} up`}
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            <ArrowUpIcon />
          </IconButton>
          <IconButton
            type="button"
            size="1"
            variant="soft"
            aria-label={`Move ${entry.name || group} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            <ArrowDownIcon />
          </IconButton>
        </Flex>
      </Flex>
      {children}
      {problem && (
        <Text as="p" size="1" color="red" id={`${group}-colour-problem`} role="status">
          {problem}
        </Text>
      )}
    </fieldset>
  )
}

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text))

export function VerdictScaleEditor({
  verdicts,
  onChange
}: {
  verdicts: VerdictEdit[]
  onChange(verdicts: VerdictEdit[]): void
}): React.JSX.Element {
  const set = (i: number, entry: VerdictEdit): void => onChange(verdicts.map((e, j) => (j === i ? entry : e)))
  return (
    <section aria-labelledby="verdict-scale-heading">
      <Heading size="3" as="h3" id="verdict-scale-heading" mb="1">
        Verdicts
      </Heading>
      <Text as="p" size="1" color="gray" mb="2">
        In the order editors see them. A renamed verdict keeps its old name on the claims that had it; a retired one is
        no longer offered. The rating is what ClaimReview publishes (leave the value empty for a verdict that says
        nothing about truth; the alternate name empty to publish the verdict’s name).
      </Text>
      <Flex direction="column" gap="2">
        {verdicts.map((entry, i) => (
          <EntryRow
            key={entry.id ?? `new-${i}`}
            kind="Verdict"
            entry={entry}
            index={i}
            count={verdicts.length}
            onChange={(e) => set(i, e)}
            onMove={(to) => onChange(moved(verdicts, i, to))}
          >
            <Grid columns="4" gap="2" mt="2">
              <Field
                label="Rating value"
                value={entry.rating.ratingValue === null ? '' : String(entry.rating.ratingValue)}
                onChange={(v) => set(i, { ...entry, rating: { ...entry.rating, ratingValue: numberOrNull(v) } })}
              />
              <Field
                label="Best rating"
                value={String(entry.rating.bestRating)}
                onChange={(v) => set(i, { ...entry, rating: { ...entry.rating, bestRating: Number(v) } })}
              />
              <Field
                label="Worst rating"
                value={String(entry.rating.worstRating)}
                onChange={(v) => set(i, { ...entry, rating: { ...entry.rating, worstRating: Number(v) } })}
              />
              <Field
                label="Alternate name"
                value={entry.rating.alternateName}
                onChange={(v) => set(i, { ...entry, rating: { ...entry.rating, alternateName: v } })}
              />
            </Grid>
          </EntryRow>
        ))}
      </Flex>
      <Button
        type="button"
        variant="soft"
        mt="2"
        onClick={() =>
          onChange([
            ...verdicts,
            {
              name: '',
              colour: '#80838d',
              retired: false,
              rating: { ratingValue: null, bestRating: 5, worstRating: 1, alternateName: '' }
            }
          ])
        }
      >
        <PlusIcon /> Add a verdict
      </Button>
    </section>
  )
}

export function StatusScaleEditor({
  statuses,
  onChange
}: {
  statuses: StatusEdit[]
  onChange(statuses: StatusEdit[]): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const set = (i: number, entry: StatusEdit): void => onChange(statuses.map((e, j) => (j === i ? entry : e)))
  return (
    <section aria-labelledby="status-scale-heading">
      <Heading size="3" as="h3" id="status-scale-heading" mb="1">
        Statuses
      </Heading>
      <Text as="p" size="1" color="gray" mb="2">
        Each status belongs to a stage of the desk’s workflow (Open, In progress, Waiting, Done), and the desk’s rules
        read the stage: a status at the Done stage is Done for sign-off and second review. A status keeps its stage.
      </Text>
      <Flex direction="column" gap="2">
        {statuses.map((entry, i) => (
          <EntryRow
            key={entry.id ?? `new-${i}`}
            kind="Status"
            entry={entry}
            index={i}
            count={statuses.length}
            onChange={(e) => set(i, e)}
            onMove={(to) => onChange(moved(statuses, i, to))}
          >
            <Flex gap="2" align="center" mt="2">
              <Text size="1" id={`status-${i}-stage`}>
                Stage
              </Text>
              {entry.id === undefined ? (
                <EnumSelect
                  size="1"
                  label="Stage"
                  value={entry.stage}
                  options={workflowStages}
                  optionLabel={(s: WorkflowStage) => lib.stageLabel(s)}
                  onChange={(stage) => set(i, { ...entry, stage })}
                />
              ) : (
                <Text size="1" color="gray" aria-labelledby={`status-${i}-stage`}>
                  {lib.stageLabel(entry.stage)}
                </Text>
              )}
            </Flex>
          </EntryRow>
        ))}
      </Flex>
      <Button
        type="button"
        variant="soft"
        mt="2"
        onClick={() => onChange([...statuses, { name: '', stage: 'in_progress', colour: '#80838d', retired: false }])}
      >
        <PlusIcon /> Add a status
      </Button>
    </section>
  )
}
