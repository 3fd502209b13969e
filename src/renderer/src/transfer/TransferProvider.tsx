// Import, export and verification packages, reachable from any screen, the menu and a file
// dropped anywhere on the window. Screens ask for them through useTransfer().
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { call } from '../api'
import { useToasts } from '../app/toasts'
import { lazyDialog } from '../app/lazy'
import type { ImportSource } from './ImportDialog'
import { draggedFiles, readImportedFile } from './read-file'
import './transfer.css'

const ImportDialog = lazyDialog(() => import('./ImportDialog').then((m) => m.ImportDialog))
const ExportDialog = lazyDialog(() => import('./ExportDialog').then((m) => m.ExportDialog))
const DataExportDialog = lazyDialog(() => import('./DataExportDialog').then((m) => m.DataExportDialog))

interface ExportScope {
  storyIds: string[]
  scope: 'story' | 'selected' | null
}

export interface Transfer {
  openImport(source: ImportSource): void
  openExport(scope?: ExportScope): void
  /** The data desk's export: claims across the library, filtered, to CSV. */
  openDataExport(): void
  importPackage(): void
}

const TransferContext = createContext<Transfer | null>(null)

export function useTransfer(): Transfer {
  const value = useContext(TransferContext)
  if (!value) throw new Error('useTransfer outside TransferProvider')
  return value
}

interface ProviderProps {
  onOpenStory(id: string): void
  /** Filled with the same actions useTransfer() gives, for callers above the provider (the menu). */
  actionsRef?: React.RefObject<Transfer | null>
  children: React.ReactNode
}

export function TransferProvider({ onOpenStory, actionsRef, children }: ProviderProps): React.JSX.Element {
  const toasts = useToasts()
  const [importing, setImporting] = useState<ImportSource | null>(null)
  const [exporting, setExporting] = useState<ExportScope | null>(null)
  const [exportingData, setExportingData] = useState(false)
  const [dropping, setDropping] = useState(false)
  const packageInput = useRef<HTMLInputElement>(null)

  const fail = useCallback(
    (e: unknown) => toasts.show({ tone: 'error', message: e instanceof Error ? e.message : String(e) }),
    [toasts]
  )

  const importDropped = useCallback(
    async (file: File) => {
      try {
        const result = await call('import.file', await readImportedFile(file))
        toasts.show({
          message: `Imported “${result.story.title}”.${result.warnings.length ? ` ${result.warnings.join(' ')}` : ''}`
        })
        onOpenStory(result.story.id)
      } catch (e) {
        fail(e)
      }
    },
    [toasts, onOpenStory, fail]
  )

  const importPackageFile = useCallback(
    async (file: File) => {
      try {
        const counts = await call('package.import', { file: await readImportedFile(file) })
        if (!counts) return
        toasts.show({
          message: `Package imported: ${counts.stories.added} new and ${counts.stories.merged} merged stories, ${counts.claims.added} new and ${counts.claims.updated} updated claims, ${counts.sources.added} new sources (${counts.sources.reused} already in the library).`
        })
      } catch (e) {
        fail(e)
      }
    },
    [toasts, fail]
  )

  useEffect(() => {
    // A file dragged over the window shows a drop target; dropped, it is imported as a story.
    const over = (e: DragEvent) => {
      if (!draggedFiles(e)) return
      e.preventDefault()
      setDropping(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDropping(false)
    }
    const drop = (e: DragEvent) => {
      if (!draggedFiles(e)) return
      e.preventDefault()
      setDropping(false)
      const file = e.dataTransfer?.files[0]
      if (file) void importDropped(file)
    }
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [importDropped])

  const value = useMemo<Transfer>(
    () => ({
      openImport: (source) => setImporting(source),
      openExport: (scope) => setExporting(scope ?? { storyIds: [], scope: null }),
      openDataExport: () => setExportingData(true),
      importPackage: () => packageInput.current?.click()
    }),
    []
  )
  useEffect(() => {
    if (!actionsRef) return
    actionsRef.current = value
    return () => {
      actionsRef.current = null
    }
  }, [actionsRef, value])

  return (
    <TransferContext.Provider value={value}>
      {children}
      {dropping && (
        <div className="drop-target" aria-hidden>
          Drop a .txt, .md, .html or .docx file to import it as a story
        </div>
      )}
      <input
        ref={packageInput}
        type="file"
        hidden
        accept=".json,application/json"
        aria-label="Verification package file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          e.currentTarget.value = ''
          if (file) void importPackageFile(file)
        }}
      />
      <ImportDialog
        open={importing !== null}
        onOpenChange={(open) => !open && setImporting(null)}
        initial={importing ?? 'file'}
        onImported={onOpenStory}
      />
      <ExportDialog
        open={exporting !== null}
        onOpenChange={(open) => !open && setExporting(null)}
        storyIds={exporting?.storyIds ?? []}
        scopeFromHere={exporting?.scope ?? null}
      />
      <DataExportDialog open={exportingData} onOpenChange={setExportingData} />
    </TransferContext.Provider>
  )
}
