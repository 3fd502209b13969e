// The data desk's export: filter the claims across the library (status, verdict, editor, days
// changed, tag, story), see which pass, and save them as CSV, one row per claim or per evidence item.
import { Badge, Button, Dialog, Flex, Grid, RadioGroup, ScrollArea, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { anyClaim, csvRowKinds } from '../../../shared/contract/values'
import type { ClaimFilter, CsvRows, ExportResult, FilteredClaims } from '../../../shared/contract'
import { statusName } from '../../../shared/rules/scales'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { DialogContent } from '../app/dialog'
import { EnumSelect, onOneOf } from '../app/EnumSelect'
import { DialogFooter, LabelledField, useAction } from '../app/form-parts'
import { PersonSelect } from '../app/PersonItems'

/** How many passing claims the dialog lists; the count says how many there are in all. */
const PREVIEW = 50
/** Radix Select cannot offer an empty value: "any tag" is this. */
const ANY_TAG = '*any*'

const rowLabels: Record<CsvRows, string> = {
  claim: 'One row per claim (its evidence in one cell)',
  evidence: 'One row per evidence item (a claim without evidence keeps one row)'
}

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
}

export function DataExportDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="720px" aria-describedby={undefined}>
        <Dialog.Title>Export claims for the data desk</Dialog.Title>
        {props.open && <DataExportForm />}
      </DialogContent>
    </Dialog.Root>
  )
}

function DataExportForm(): React.JSX.Element {
  const { library } = useLibraryContext()
  const { settings } = library
  const [filter, setFilter] = useState<ClaimFilter>(anyClaim)
  const [rows, setRows] = useState<CsvRows>('claim')
  const [preview, setPreview] = useState<FilteredClaims | null>(null)
  const [result, setResult] = useState<ExportResult | null>(null)
  const listing = useAction()
  const saving = useAction()
  const { run: runListing } = listing

  useEffect(() => {
    let current = true
    void runListing(() => call('export.claims', { filter, limit: PREVIEW })).then((found) => {
      if (current && found) setPreview(found)
    })
    return () => {
      current = false
    }
  }, [filter, runListing])

  const set = <K extends keyof ClaimFilter>(key: K, value: ClaimFilter[K]): void => {
    setResult(null)
    setFilter((f) => ({ ...f, [key]: value }))
  }

  async function exportCsv(): Promise<void> {
    setResult(null)
    const saved = await saving.run(() =>
      call('export.report', {
        scope: 'library',
        storyIds: [],
        format: 'csv',
        options: { includeExcerpts: true, includeActivity: false, includeOrphaned: true, internal: false },
        filter,
        rows
      })
    )
    if (saved) setResult(saved)
  }

  const storyIds = ['all', ...(preview?.stories.map((s) => s.id) ?? [])]
  const storyTitle = (id: string): string =>
    id === 'all' ? 'Every story' : (preview?.stories.find((s) => s.id === id)?.title ?? id)
  const tagOptions = [ANY_TAG, ...(preview?.tags ?? [])]
  const total = preview?.total ?? 0

  return (
    <Flex direction="column" gap="3">
      <Grid columns="3" gap="3" role="group" aria-label="Filter claims">
        <Field label="Status" id="data-status">
          <EnumSelect
            id="data-status"
            label="Status"
            value={filter.status}
            options={['all', ...settings.statuses.map((e) => e.id)]}
            optionLabel={(s) => (s === 'all' ? 'Any status' : statusName(settings, s))}
            onChange={(v) => set('status', v)}
          />
        </Field>
        <Field label="Verdict" id="data-verdict">
          <EnumSelect
            id="data-verdict"
            label="Verdict"
            value={filter.verdict}
            options={['all', 'none', ...settings.verdicts.map((e) => e.id)]}
            optionLabel={(v) => {
              if (v === 'all') return 'Any verdict'
              if (v === 'none') return 'No verdict yet'
              // Every verdict of the desk's scale, a retired one too: claims across the library may carry it.
              const entry = settings.verdicts.find((e) => e.id === v)
              return entry ? `${entry.name}${entry.retired ? ' (retired)' : ''}` : v
            }}
            onChange={(v) => set('verdict', v)}
          />
        </Field>
        <Field label="Editor (marked, assigned or gave the verdict)" id="data-editor">
          <PersonSelect
            id="data-editor"
            label="Editor"
            value={filter.editor}
            fixed={[{ value: 'all', label: 'Anyone' }]}
            onChange={(v) => set('editor', v)}
          />
        </Field>
        <LabelledField
          id="data-from"
          label="Changed from"
          type="date"
          value={filter.from}
          onChange={(v) => set('from', v)}
        />
        <LabelledField
          id="data-to"
          label="Changed until"
          type="date"
          value={filter.to}
          onChange={(v) => set('to', v)}
        />
        <Field label="Tag" id="data-tag">
          <EnumSelect
            id="data-tag"
            label="Tag"
            value={filter.tag || ANY_TAG}
            options={tagOptions}
            optionLabel={(tag) => (tag === ANY_TAG ? 'Any tag' : tag)}
            onChange={(v) => set('tag', v === ANY_TAG ? '' : v)}
          />
        </Field>
        <Field label="Story" id="data-story">
          <EnumSelect
            id="data-story"
            label="Story"
            value={filter.storyId}
            options={storyIds}
            optionLabel={storyTitle}
            onChange={(v) => set('storyId', v)}
          />
        </Field>
      </Grid>
      <Text size="2" role="status" aria-live="polite">
        {preview === null
          ? 'Finding claims…'
          : `${total} ${total === 1 ? 'claim passes' : 'claims pass'} the filter${total > PREVIEW ? `; the first ${PREVIEW} are listed` : ''}.`}
      </Text>
      <ScrollArea style={{ maxHeight: 220 }} scrollbars="vertical">
        <ul className="data-export-claims" aria-label="Claims that pass the filter">
          {preview?.claims.map((c) => (
            <li key={c.claimId}>
              <Flex gap="2" align="center">
                <Badge variant="soft">{c.label}</Badge>
                <Text size="2" truncate>
                  {c.words}
                </Text>
                <Text size="1" color="gray" truncate>
                  {c.storyTitle} · {statusName(settings, c.status)}
                  {c.verdictLabel ? ` · ${c.verdictLabel}` : ''}
                </Text>
              </Flex>
            </li>
          ))}
        </ul>
      </ScrollArea>
      <RadioGroup.Root value={rows} onValueChange={onOneOf(csvRowKinds, setRows)} aria-label="Rows">
        {csvRowKinds.map((k) => (
          <RadioGroup.Item key={k} value={k}>
            {rowLabels[k]}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      <Text size="1" color="gray">
        Columns follow ClaimReview where it has the field (claimReviewed, reviewRating.alternateName, …), with who gave
        each verdict and cleared each story, and whether a claim was checked at first hand (primary) or not. A
        confidential source is “Confidential source” and its kind only.
      </Text>
      {result && (
        <Text size="2" role="status">
          {result.saved
            ? `Saved ${result.claimCount} ${result.claimCount === 1 ? 'claim' : 'claims'} to ${result.path}.`
            : 'Export cancelled: nothing was saved.'}
        </Text>
      )}
      <DialogFooter error={saving.error ?? listing.error} closeLabel={result?.saved ? 'Done' : 'Cancel'}>
        <Button loading={saving.busy} disabled={total === 0} onClick={() => void exportCsv()}>
          Export CSV…
        </Button>
      </DialogFooter>
    </Flex>
  )
}

function Field({ label, id, children }: { label: string; id: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="2" htmlFor={id}>
        {label}
      </Text>
      {children}
    </Flex>
  )
}
