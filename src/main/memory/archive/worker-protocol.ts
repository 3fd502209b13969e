// Messages between main and the archive worker.
import type { ArchiveColumns } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/result'
import type { PreparedClaim } from '../matcher'
import type { ParsedArchive } from './parse'

export interface ArchiveJob {
  fileName: string
  bytes: Uint8Array
  columns?: ArchiveColumns
}

export type ArchiveReply =
  | { kind: 'progress'; stage: 'reading' | 'indexing'; done: number; total: number }
  /** `prepared[i]` is what the memory's index keeps of `parsed.checks[i]`, made here to spare main the work. */
  | { kind: 'done'; ok: true; parsed: ParsedArchive; prepared: PreparedClaim[] }
  | { kind: 'done'; ok: false; error: AppErrorShape }
