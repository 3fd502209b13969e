// Export a verification report: scope, format and options; main asks where to save it.
import { Button, Callout, Checkbox, Dialog, Flex, Progress, RadioGroup, Text } from '@radix-ui/themes'
import { useEffect, useRef, useState } from 'react'
import { reportFormats, reportScopes } from '../../../shared/contract/values'
import type { EventPayload, ExportResult, ReportFormat, ReportOptions, UnshownText } from '../../../shared/contract'
import { leftOutReasonLabels, leftOutReasons } from '../../../shared/rules/claims'
import { BridgeError, call, onEvent } from '../api'
import { useLibraryContext } from '../app/library-context'
import { DialogFooter, useAction } from '../app/form-parts'
import { DialogContent } from '../app/dialog'
import { EnumSelect, onOneOf } from '../app/EnumSelect'

export const formatLabels: Record<ReportFormat, string> = {
  html: 'HTML report (print-ready, self-contained)',
  pdf: 'PDF report',
  markdown: 'Markdown (for a CMS or chat)',
  csv: 'CSV spreadsheet (one row per claim)',
  json: 'Verification package (JSON, re-importable)',
  claimreview: 'ClaimReview JSON-LD (schema.org, for publishing)',
  annotations: 'W3C Web Annotations (JSON-LD, for Hypothesis and annotation tools)'
}

type Scope = (typeof reportScopes)[number]

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  /** The story on screen or the stories ticked in the library; empty when there are none. */
  storyIds: string[]
  scopeFromHere: 'story' | 'selected' | null
}

/** Internal is off by default: a report made for publishing must not carry the desk's working record. */
const defaultOptions: ReportOptions = {
  includeExcerpts: true,
  includeActivity: false,
  includeOrphaned: true,
  internal: false
}

export function ExportDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="540px" aria-describedby={undefined}>
        <Dialog.Title>Export a verification report</Dialog.Title>
        {/* Mounted only while open, so every opening starts fresh. */}
        <ExportForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

function ExportForm({ storyIds, scopeFromHere }: Props): React.JSX.Element {
  const { settings } = useLibraryContext().library
  const [scope, setScope] = useState<Scope>(scopeFromHere ?? 'library')
  const [format, setFormat] = useState<ReportFormat>('html')
  const [options, setOptions] = useState<ReportOptions>(defaultOptions)
  const action = useAction()
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  const [result, setResult] = useState<ExportResult | null>(null)
  const [cancelled, setCancelled] = useState(false)
  /** An export of this dialog is under way: its progress is shown, and closing the dialog stops it. */
  const running = useRef(false)

  useEffect(() => onEvent('export.progress', (step) => running.current && setProgress(step)), [])
  useEffect(
    () => () => {
      if (running.current) void call('export.cancel', {}).catch(() => undefined)
    },
    []
  )

  async function exportReport(): Promise<void> {
    setResult(null)
    setCancelled(false)
    setProgress(null)
    running.current = true
    const saved = await action.run(async () => {
      try {
        return await call('export.report', { scope, storyIds: scope === 'library' ? [] : storyIds, format, options })
      } catch (error) {
        // Stopped by the editor: said as such, not as an error.
        if (error instanceof BridgeError && error.code === 'cancelled') setCancelled(true)
        else throw error
      }
    })
    running.current = false
    setProgress(null)
    if (saved) setResult(saved)
  }

  const option = (key: keyof ReportOptions, label: string) => (
    <Text as="label" size="2">
      <Flex gap="2" align="center">
        <Checkbox checked={options[key]} onCheckedChange={(v) => setOptions({ ...options, [key]: v === true })} />
        {label}
      </Flex>
    </Text>
  )

  return (
    <Flex direction="column" gap="4">
      <Flex direction="column" gap="2" role="group" aria-labelledby="export-scope">
        <Text id="export-scope" size="2" weight="bold">
          What to include
        </Text>
        <RadioGroup.Root value={scope} onValueChange={onOneOf(reportScopes, setScope)} aria-label="Scope">
          {scopeFromHere === 'story' && <RadioGroup.Item value="story">This story</RadioGroup.Item>}
          {scopeFromHere === 'selected' && (
            <RadioGroup.Item value="selected">The {storyIds.length} selected stories</RadioGroup.Item>
          )}
          <RadioGroup.Item value="library">The whole library</RadioGroup.Item>
        </RadioGroup.Root>
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="label" size="2" weight="bold" htmlFor="export-format">
          Format
        </Text>
        <EnumSelect
          id="export-format"
          label="Format"
          value={format}
          options={reportFormats}
          optionLabel={(f) => formatLabels[f]}
          onChange={setFormat}
        />
        {format === 'claimreview' && (
          <Text size="1" color="gray">
            Only Done claims of signed-off stories, with a verdict given on their present words, are published; never
            comments, contacts or a confidential source. One review per URL: a claim with its own fact-check URL uses
            it, any other gets an anchor on the desk’s fact-check page (…#story-c7). The organisation, logo and
            fact-check address come from Settings.
          </Text>
        )}
        {format === 'claimreview' && (!settings.organisationName || !settings.factCheckBaseUrl) && (
          <Text size="1" color="amber" role="note">
            {!settings.organisationName ? 'No organisation is set, so reviews will have no author. ' : ''}
            {!settings.factCheckBaseUrl
              ? 'No fact-check address is set, so claims without their own published URL will have none. '
              : ''}
            Search engines need both: set them in File › Settings.
          </Text>
        )}
      </Flex>
      <Flex direction="column" gap="2">
        <Text size="2" weight="bold">
          Options
        </Text>
        {option('includeExcerpts', 'Evidence excerpts')}
        {option('includeActivity', 'Activity log')}
        {option('includeOrphaned', 'Orphaned claims')}
        {format !== 'claimreview' &&
          format !== 'csv' &&
          option('internal', 'Internal report: comments and contact log (personal data, not for publishing)')}
      </Flex>
      {progress && <ExportProgressBar progress={progress} format={format} />}
      {result && <ExportSummary result={result} format={format} />}
      {cancelled && (
        <Text size="2" color="gray" role="status">
          Export cancelled: nothing was saved.
        </Text>
      )}
      <DialogFooter error={action.error} closeLabel={result?.saved ? 'Done' : 'Cancel'}>
        {action.busy && (
          <Button type="button" variant="soft" color="red" onClick={() => void call('export.cancel', {})}>
            Cancel export
          </Button>
        )}
        <Button
          loading={action.busy}
          onClick={() => void exportReport()}
          disabled={scope !== 'library' && storyIds.length === 0}
        >
          Export…
        </Button>
      </DialogFooter>
    </Flex>
  )
}

type ExportProgress = EventPayload<'export.progress'>

/** The export's steps as main announces them: stories read, the report made (a PDF claim by claim), the file saved. */
function ExportProgressBar({ progress, format }: { progress: ExportProgress; format: ReportFormat }) {
  const { phase, total, claims } = progress
  const stories = total - 2
  // While a PDF is written, its step fills as its claims are.
  const done = progress.done + (phase === 'rendering' && claims ? claims.done / Math.max(1, claims.total) : 0)
  const doing =
    phase === 'reading'
      ? `Reading stories: ${Math.min(progress.done, stories)} of ${stories}`
      : phase === 'rendering'
        ? format === 'pdf'
          ? claims
            ? `Writing the PDF: ${claims.done} of ${claims.total} claims`
            : 'Writing the PDF…'
          : 'Making the report…'
        : 'Saving…'
  return (
    <Flex direction="column" gap="1">
      <Text size="1" color="gray" id="export-progress-step">
        {doing}
      </Text>
      <Progress
        value={Math.round((100 * done) / Math.max(1, total))}
        aria-label="Export progress"
        aria-describedby="export-progress-step"
      />
    </Flex>
  )
}

function LeftOut({ counts }: { counts: ExportResult['leftOut'] }): string {
  const total = leftOutReasons.reduce((n, r) => n + counts[r], 0)
  if (total === 0) return ' Every claim was published.'
  const why = leftOutReasons.filter((r) => counts[r] > 0).map((r) => `${counts[r]} ${leftOutReasonLabels[r]}`)
  return ` ${total} ${total === 1 ? 'claim was' : 'claims were'} left out: ${why.join(', ')}.`
}

/** "C1", "C1 and C2", "C1, C2 and C3"; past 20, the first 20 and how many more. */
function listed(items: readonly string[]): string {
  const shown = items.length > 20 ? [...items.slice(0, 20), `${items.length - 20} more`] : items
  return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
}

/** What a PDF cannot show, by story and claim, and what to do about it; null when it shows everything. */
export function unshownNotice(unshown: UnshownText): string | null {
  if (unshown.places.length === 0) return null
  const where = unshown.places.map((p) => {
    const parts = [
      ...(p.claims.length > 0 ? [listed(p.claims)] : []),
      ...(p.elsewhere ? [p.story === null ? "the report's own title or statements" : 'other text'] : [])
    ]
    return `${parts.join(' and ')}${p.story === null ? '' : ` of “${p.story}”`}`
  })
  return (
    `This PDF cannot show some characters (${[...unshown.characters].join(' ')}): they print as empty boxes or are ` +
    `left out in ${listed(where)}. The HTML report shows them: export those stories as HTML to read or print them.`
  )
}

function ExportSummary({ result, format }: { result: ExportResult; format: ReportFormat }): React.JSX.Element {
  if (!result.saved)
    return (
      <Text size="2" color="gray">
        Export cancelled: nothing was saved.
      </Text>
    )
  const kb = Math.max(1, Math.round(result.bytes / 1024))
  return (
    <Flex direction="column" gap="2" role="status">
      <Text size="2">
        Saved {result.claimCount} {result.claimCount === 1 ? 'claim' : 'claims'} to <strong>{result.path}</strong> ({kb}{' '}
        KB).
        {format === 'claimreview' && <LeftOut counts={result.leftOut} />}
      </Text>
      {unshownNotice(result.unshown) && (
        <Callout.Root color="amber" size="1" data-testid="export-unshown">
          <Callout.Text>{unshownNotice(result.unshown)}</Callout.Text>
        </Callout.Root>
      )}
      <Flex>
        <Button size="1" variant="soft" onClick={() => void call('export.reveal', { path: result.path })}>
          Show in folder
        </Button>
      </Flex>
    </Flex>
  )
}
