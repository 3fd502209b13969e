// Messages between main and the archive worker.
import type { ArchiveColumns } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/result'
import type { PreparedClaim } from '../matcher'
import type { ParsedArchive } from './parse'

/** A file of checks, or another library's folder. */
export type ArchiveJob = { fileName: string; bytes: Uint8Array; columns?: ArchiveColumns } | { folder: string }

/** What an import is called in messages and in the list of imports. */
export const jobName = (job: ArchiveJob): string =>
  ('folder' in job ? job.folder : job.fileName)
    .replace(/[\\/]+$/, '')
    .replace(/^.*[\\/]/, '')
    .slice(0, 255)

export type ArchiveReply =
  | { kind: 'progress'; stage: 'reading' | 'indexing'; done: number; total: number }
  /** `prepared[i]` is what the memory's index keeps of `parsed.checks[i]`, made here to spare main the work. */
  | { kind: 'done'; ok: true; parsed: ParsedArchive; prepared: PreparedClaim[] }
  | { kind: 'done'; ok: false; error: AppErrorShape }
