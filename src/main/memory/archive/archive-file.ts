// The library's archive of imported checks: archive.json in the library folder, beside library.json,
// written durably (a `.bak` copy after each write) and loaded safely (a damaged file is moved aside to
// recovered/ and its backup used), as the store's own files are. Imported checks are read-only
// references: an import only ever adds to it.
import path from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { ArchivedCheck, ArchiveImport, type ArchiveImportResult, type LibraryNotice } from '../../../shared/contract'
import { AppError } from '../../../shared/result'
import { DurableJsonAdapter } from '../../store/durable-adapter'
import { nodeFileIO } from '../../store/file-io'
import type { FileKind } from '../../store/safe-load'

export const ARCHIVE_SCHEMA_VERSION = 1

export const ArchiveFile = z.strictObject({
  schemaVersion: z.number().int(),
  imports: z.array(ArchiveImport),
  /** Each check with the import it came from. */
  checks: z.array(z.strictObject({ ...ArchivedCheck.shape, importId: z.string() }))
})
export type ArchiveFile = z.infer<typeof ArchiveFile>
export type StoredCheck = ArchiveFile['checks'][number]

const archiveKind: FileKind<ArchiveFile> = {
  label: 'the archive of imported checks',
  schema: ArchiveFile,
  currentVersion: ARCHIVE_SCHEMA_VERSION,
  migrations: {},
  shape: ArchiveFile
}

export class ArchiveStore {
  /** Goes up with every change, so the memory knows to index what is new. */
  version = 0
  private readonly ids = new Set<string>()

  private constructor(
    private readonly db: Low<ArchiveFile>,
    private readonly readOnly: boolean,
    /** What opening found: archive.json restored from its backup, or damage moved aside (with true counts). */
    readonly notices: LibraryNotice[]
  ) {
    for (const c of db.data.checks) this.ids.add(c.id)
  }

  static async open(dir: string, options: { readOnly: boolean; now: () => Date }): Promise<ArchiveStore> {
    const adapter = new DurableJsonAdapter(
      nodeFileIO,
      path.join(dir, 'archive.json'),
      archiveKind,
      options.now,
      !options.readOnly,
      undefined,
      path.join(dir, 'recovered')
    )
    const db = new Low<ArchiveFile>(adapter, { schemaVersion: ARCHIVE_SCHEMA_VERSION, imports: [], checks: [] })
    await db.read()
    const { checks, imports } = db.data
    const holds = `It holds ${count(checks.length, 'imported check')} from ${count(imports.length, 'import')}.`
    // The last notice (restored, or what could be salvaged) says what is there now, so the editor can
    // tell what, if anything, was lost.
    const found = adapter.lastLoad?.notices ?? []
    const notices = found.map((n, i) =>
      i === found.length - 1 && n.kind !== 'read_only' ? { ...n, message: `${n.message} ${holds}` } : n
    )
    return new ArchiveStore(db, options.readOnly || adapter.lastLoad?.state === 'newer', notices)
  }

  get checks(): readonly StoredCheck[] {
    return this.db.data.checks
  }

  get imports(): readonly ArchiveImport[] {
    return this.db.data.imports
  }

  /** Keeps the checks not there yet under a new import; returns what it added (nothing is written when none is new). */
  async add(
    record: Omit<ArchiveImport, 'added'>,
    checks: ArchivedCheck[]
  ): Promise<{ result: ArchiveImportResult; added: StoredCheck[] }> {
    if (this.readOnly)
      throw new AppError('read_only', 'This library is open read-only, so no archive can be imported into it.')
    const added: StoredCheck[] = []
    for (const c of checks) {
      if (this.ids.has(c.id)) continue
      this.ids.add(c.id)
      added.push({ ...c, importId: record.id })
    }
    if (added.length > 0) {
      const draft = this.db.data
      const next: ArchiveFile = {
        ...draft,
        imports: [...draft.imports, { ...record, added: added.length }],
        checks: [...draft.checks, ...added]
      }
      try {
        await this.db.adapter.write(next)
      } catch (error) {
        for (const c of added) this.ids.delete(c.id)
        throw error instanceof AppError
          ? error
          : new AppError('io_error', `The imported checks could not be saved: ${String(error)}`)
      }
      this.db.data = next
      this.version++
    }
    return {
      added,
      result: {
        added: added.length,
        alreadyThere: checks.length - added.length,
        skipped: record.skipped,
        total: this.db.data.checks.length
      }
    }
  }
}

const count = (n: number, what: string): string => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`
