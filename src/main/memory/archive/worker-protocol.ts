// Messages between main and the archive worker.
import type { ArchiveColumns } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/result'
import type { ParsedArchive } from './parse'

export interface ArchiveJob {
  fileName: string
  bytes: Uint8Array
  columns?: ArchiveColumns
}

export type ArchiveReply =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; ok: true; parsed: ParsedArchive }
  | { kind: 'done'; ok: false; error: AppErrorShape }
