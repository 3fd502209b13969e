// "Import earlier checks": an archive of checks published before (ClaimReview JSON-LD, a CSV, another
// library's verification package or its folder) becomes read-only references that "Checked before" and the search find,
// shown with where they came from. A CSV first shows its columns so the editor says which holds the claim,
// the verdict, the date and the URL. Read in main's archive worker, with a progress bar and Cancel.
import { Button, Dialog, Flex, Progress, Table, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import type {
  ArchiveColumns,
  ArchiveImport,
  ArchiveImportResult,
  ArchivePreview,
  EventPayload,
  ImportedFile
} from '../../../shared/contract'
import { call, onEvent } from '../api'
import { readImportedFile } from '../transfer/read-file'
import { DialogContent } from '../app/dialog'

const roles = [
  ['claim', 'Claim'],
  ['verdict', 'Verdict'],
  ['date', 'Date'],
  ['url', 'URL'],
  ['headline', 'Headline']
] as const

const formatNames: Record<ArchivePreview['format'], string> = {
  csv: 'CSV',
  claimreview: 'ClaimReview JSON-LD',
  package: 'Factdesk verification package'
}

export function ArchiveImportDialog({
  open,
  onOpenChange
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
}): React.JSX.Element {
  const [file, setFile] = useState<ImportedFile | null>(null)
  const [preview, setPreview] = useState<ArchivePreview | null>(null)
  const [columns, setColumns] = useState<Partial<ArchiveColumns>>({})
  const [progress, setProgress] = useState<EventPayload<'memory.archiveProgress'> | null>(null)
  const [importing, setImporting] = useState(false)
  const [result, setResult] = useState<ArchiveImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [imports, setImports] = useState<ArchiveImport[]>([])

  useEffect(() => {
    if (!open) return
    void call('memory.archives', {}).then(setImports, () => undefined)
    return onEvent('memory.archiveProgress', setProgress)
  }, [open, result])

  const reset = (): void => {
    setFile(null)
    setPreview(null)
    setColumns({})
    setProgress(null)
    setResult(null)
    setError(null)
  }

  const choose = async (picked: File | undefined): Promise<void> => {
    reset()
    if (!picked) return
    try {
      const read = await readImportedFile(picked)
      const seen = await call('memory.archivePreview', { file: read })
      setFile(read)
      setPreview(seen)
      if (seen.format === 'csv') setColumns(seen.guess)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  const start = async (): Promise<void> => {
    if (!file || !preview) return
    setImporting(true)
    setError(null)
    setResult(null)
    setProgress(null)
    try {
      const chosen =
        preview.format === 'csv'
          ? (Object.fromEntries(Object.entries(columns).filter(([, v]) => v)) as ArchiveColumns)
          : undefined
      setResult(await call('memory.archiveImport', { file, columns: chosen }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setImporting(false)
    }
  }

  /** Another library's folder, chosen in main's folder dialog, read there and never written to. */
  const fromLibrary = async (): Promise<void> => {
    reset()
    setImporting(true)
    try {
      const done = await call('memory.archiveImportLibrary', {})
      if (done) setResult(done)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setImporting(false)
    }
  }

  const stage = progress?.stage === 'indexing' ? 'Indexing' : 'Reading'
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (importing) return
        if (!next) reset()
        onOpenChange(next)
      }}
    >
      <DialogContent maxWidth="640px" aria-describedby={undefined}>
        <Dialog.Title>Import earlier checks</Dialog.Title>
        <Flex direction="column" gap="3">
          <Text size="2" color="gray">
            Checks published before, as ClaimReview JSON-LD (a page, a feed or a file), a CSV file, or another
            library&apos;s verification package. They are kept as read-only references with their link, and “Checked
            before” finds them.
          </Text>
          <input
            type="file"
            aria-label="Archive file"
            accept=".csv,.tsv,.json,.jsonld,.html,.htm"
            disabled={importing}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          <Flex align="center" gap="2">
            <Text size="2" color="gray">
              Or read another Factdesk library&apos;s folder (only read, never changed):
            </Text>
            <Button size="1" variant="soft" disabled={importing} onClick={() => void fromLibrary()}>
              Another library…
            </Button>
          </Flex>
          {preview && (
            <Text size="2">
              {file?.fileName}: {formatNames[preview.format]}
            </Text>
          )}
          {preview?.format === 'csv' && (
            <Flex direction="column" gap="2" role="group" aria-label="Columns">
              <Flex gap="3" wrap="wrap">
                {roles.map(([role, label]) => (
                  <label key={role} className="archive-column">
                    <Text size="1" weight="medium">
                      {label}
                      {role === 'claim' ? ' (required)' : ''}
                    </Text>{' '}
                    <select
                      aria-label={`${label} column`}
                      value={columns[role] ?? ''}
                      disabled={importing}
                      onChange={(e) => setColumns({ ...columns, [role]: e.target.value || undefined })}
                    >
                      <option value="">{role === 'claim' ? 'Choose…' : 'None'}</option>
                      {preview.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </Flex>
              <Table.Root size="1" variant="surface" aria-label="First rows">
                <Table.Header>
                  <Table.Row>
                    {preview.columns.map((c) => (
                      <Table.ColumnHeaderCell key={c}>{c}</Table.ColumnHeaderCell>
                    ))}
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {preview.sample.map((row, i) => (
                    <Table.Row key={i}>
                      {preview.columns.map((c, j) => (
                        <Table.Cell key={c}>{(row[j] ?? '').slice(0, 80)}</Table.Cell>
                      ))}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Flex>
          )}
          {importing && (
            <Flex direction="column" gap="1">
              <Progress
                aria-label="Importing earlier checks"
                value={progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0}
                max={100}
              />
              <Text size="1" color="gray" role="status">
                {progress ? `${stage}: ${progress.done} of ${progress.total}` : 'Starting…'}
              </Text>
            </Flex>
          )}
          {result && (
            <Text size="2" role="status">
              Added {result.added} earlier check{result.added === 1 ? '' : 's'}
              {result.alreadyThere ? `, ${result.alreadyThere} already there` : ''}
              {result.skipped ? `, ${result.skipped} left out (no claim's words)` : ''}. The library&apos;s archive
              holds {result.total}.
            </Text>
          )}
          {error && (
            <Text size="2" color="red" role="alert">
              {error}
            </Text>
          )}
          {imports.length > 0 && (
            <Text size="1" color="gray" as="p" aria-label="Archives imported">
              Imported before:{' '}
              {imports.map((i) => `${i.fileName} (${i.added}, ${i.importedAt.slice(0, 10)})`).join('; ')}
            </Text>
          )}
          <Flex gap="2" justify="end">
            {importing ? (
              <Button color="gray" variant="soft" onClick={() => void call('memory.archiveCancel', {})}>
                Cancel import
              </Button>
            ) : (
              <Dialog.Close>
                <Button color="gray" variant="soft">
                  Close
                </Button>
              </Dialog.Close>
            )}
            <Button
              disabled={!preview || importing || (preview.format === 'csv' && !columns.claim)}
              onClick={() => void start()}
            >
              Import
            </Button>
          </Flex>
        </Flex>
      </DialogContent>
    </Dialog.Root>
  )
}
