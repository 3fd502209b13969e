// The desk's verdict scale and statuses in settings: add, rename, reorder, colour and retire each entry,
// and map each verdict to ClaimReview's rating. Main takes the edit in (shared/rules/scales.ts): it gives
// new entries their ids, keeps former names and refuses a colour that does not read on both themes; the
// same colour rule warns here as the editor picks.
import { ArrowDownIcon, ArrowUpIcon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Checkbox, Flex, Grid, Heading, IconButton, Text, TextField } from '@radix-ui/themes'
import { workflowStages } from '../../../shared/model/values'
import type { StatusEdit, VerdictEdit, WorkflowStage } from '../../../shared/model'
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

/** One list of the scale: its heading and explanation, a row per entry with its own details, and Add. */
function ScaleSection<E extends Entry>({
  kind,
  heading,
  explanation,
  entries,
  onChange,
  details,
  blank
}: {
  kind: 'Verdict' | 'Status'
  heading: string
  explanation: string
  entries: E[]
  onChange(entries: E[]): void
  /** The fields this kind of entry has beyond the common ones. */
  details(entry: E, index: number, set: (entry: E) => void): React.ReactNode
  /** A new entry, as Add puts it at the end. */
  blank: E
}): React.JSX.Element {
  const set = (i: number, entry: E): void => onChange(entries.map((e, j) => (j === i ? entry : e)))
  const id = `${kind.toLowerCase()}-scale-heading`
  return (
    <section aria-labelledby={id}>
      <Heading size="3" as="h3" id={id} mb="1">
        {heading}
      </Heading>
      <Text as="p" size="1" color="gray" mb="2">
        {explanation}
      </Text>
      <Flex direction="column" gap="2">
        {entries.map((entry, i) => (
          <EntryRow
            key={entry.id ?? `new-${i}`}
            kind={kind}
            entry={entry}
            index={i}
            count={entries.length}
            onChange={(e) => set(i, e)}
            onMove={(to) => onChange(moved(entries, i, to))}
          >
            {details(entry, i, (e) => set(i, e))}
          </EntryRow>
        ))}
      </Flex>
      <Button type="button" variant="soft" mt="2" onClick={() => onChange([...entries, blank])}>
        <PlusIcon /> Add a {kind.toLowerCase()}
      </Button>
    </section>
  )
}

export function VerdictScaleEditor({
  verdicts,
  onChange
}: {
  verdicts: VerdictEdit[]
  onChange(verdicts: VerdictEdit[]): void
}): React.JSX.Element {
  return (
    <ScaleSection
      kind="Verdict"
      heading="Verdicts"
      explanation="In the order editors see them. A renamed verdict keeps its old name on the claims that had it; a retired one is no longer offered. The rating is what ClaimReview publishes (leave the value empty for a verdict that says nothing about truth; the alternate name empty to publish the verdict’s name)."
      entries={verdicts}
      onChange={onChange}
      blank={{
        name: '',
        colour: '#80838d',
        retired: false,
        rating: { ratingValue: null, bestRating: 5, worstRating: 1, alternateName: '' }
      }}
      details={(entry, _i, set) => {
        const rate = (rating: Partial<VerdictEdit['rating']>): void =>
          set({ ...entry, rating: { ...entry.rating, ...rating } })
        return (
          <Grid columns="4" gap="2" mt="2">
            <Field
              label="Rating value"
              value={entry.rating.ratingValue === null ? '' : String(entry.rating.ratingValue)}
              onChange={(v) => rate({ ratingValue: numberOrNull(v) })}
            />
            <Field
              label="Best rating"
              value={String(entry.rating.bestRating)}
              onChange={(v) => rate({ bestRating: Number(v) })}
            />
            <Field
              label="Worst rating"
              value={String(entry.rating.worstRating)}
              onChange={(v) => rate({ worstRating: Number(v) })}
            />
            <Field
              label="Alternate name"
              value={entry.rating.alternateName}
              onChange={(v) => rate({ alternateName: v })}
            />
          </Grid>
        )
      }}
    />
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
  return (
    <ScaleSection
      kind="Status"
      heading="Statuses"
      explanation="Each status belongs to a stage of the desk’s workflow (Open, In progress, Waiting, Done), and the desk’s rules read the stage: a status at the Done stage is Done for sign-off and second review. A status keeps its stage."
      entries={statuses}
      onChange={onChange}
      blank={{ name: '', stage: 'in_progress', colour: '#80838d', retired: false }}
      details={(entry, i, set) => (
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
              onChange={(stage) => set({ ...entry, stage })}
            />
          ) : (
            <Text size="1" color="gray" aria-labelledby={`status-${i}-stage`}>
              {lib.stageLabel(entry.stage)}
            </Text>
          )}
        </Flex>
      )}
    />
  )
}
