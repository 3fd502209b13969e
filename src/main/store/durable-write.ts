// Replaces a file so that at every instant it holds either the old or the new version, and keeps
// the old version as `<file>.bak`.
//
// Order: write a unique temp file and fsync it; hard-link the current file to `.bak` (a link is
// atomic and copies nothing, so the backup costs no extra I/O); rename the temp file over the
// original; fsync the folder so the rename itself survives a power cut.
import path from 'node:path'
import { AppError } from '../../shared/result'
import { errnoCode, type FileIO } from './file-io'

/** Windows reports a file briefly held by a virus scanner or indexer as EPERM/EBUSY/EACCES. */
const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES'])
const RENAME_ATTEMPTS = 5

let sequence = 0
const tempName = (file: string): string =>
  `${file}.${process.pid}.${Date.now().toString(36)}.${(sequence++).toString(36)}.tmp`

export interface DurableWriteOptions {
  /** Keep the version being replaced as `<file>.bak` (default). Off for files whose old contents must not linger (secrets). */
  backup?: boolean
}

export async function writeFileDurably(
  io: FileIO,
  file: string,
  content: string,
  options: DurableWriteOptions = {}
): Promise<void> {
  const temp = tempName(file)
  try {
    await io.writeFile(temp, content, 'wx')
    if (options.backup !== false) await keepBackup(io, file)
    await renameWithRetry(io, temp, file)
    await io.fsyncDir(path.dirname(file))
  } catch (error) {
    await io.unlink(temp).catch(() => undefined)
    throw toIoError(error, file)
  }
}

async function keepBackup(io: FileIO, file: string): Promise<void> {
  const bakTemp = tempName(`${file}.bak`)
  try {
    await io.link(file, bakTemp)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return // first write: nothing to back up
    // Some file systems (FAT, network shares) have no hard links: copy instead.
    await io.copyFile(file, bakTemp)
  }
  try {
    await renameWithRetry(io, bakTemp, `${file}.bak`)
  } catch (error) {
    // The write fails, and takes its own temp files with it: nothing is left for the next open to sweep.
    await io.unlink(bakTemp).catch(() => undefined)
    throw error
  }
}

async function renameWithRetry(io: FileIO, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await io.rename(from, to)
      return
    } catch (error) {
      if (attempt >= RENAME_ATTEMPTS || !RETRYABLE.has(errnoCode(error) ?? '')) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt))
    }
  }
}

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission was denied',
  EPERM: 'the operation was not permitted',
  EROFS: 'the disk is read-only',
  EBUSY: 'the file is in use by another program'
}

/** A file-system error in words: "permission was denied", "the disk is read-only". */
export function ioReason(error: unknown): string {
  const code = errnoCode(error)
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error))
}

export function toIoError(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error
  const reason = ioReason(error)
  return new AppError(
    'io_error',
    `Could not save ${path.basename(file)}: ${reason}. Your change was not saved; nothing already saved was lost. Try again.`
  )
}
