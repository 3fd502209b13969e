// Replaces a file so that at every instant it holds either the old or the new version, and keeps
// the old version as `<file>.bak`.
//
// Order: write a unique temp file and fsync it; hard-link the current file to `.bak` (a link is
// atomic and copies nothing, so the backup costs no extra I/O); rename the temp file over the
// original; fsync the folder so the rename itself survives a power cut. Library documents instead
// keep `.bak` as a second copy of the new version (`backup: 'same'`), and secrets keep none.
import path from 'node:path'
import { AppError } from '../../shared/result'
import { inTurns } from '../in-turns'
import { errnoCode, type FileIO } from './file-io'

/** Windows reports a file briefly held by a virus scanner or indexer as EPERM/EBUSY/EACCES. */
const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES'])
const RENAME_ATTEMPTS = 5

let sequence = 0
const tempName = (file: string): string =>
  `${file}.${process.pid}.${Date.now().toString(36)}.${(sequence++).toString(36)}.tmp`

export interface DurableWriteOptions {
  /**
   * What `<file>.bak` holds afterwards (the write resolves false when a `same` copy could not be written): `previous`, the version replaced (a hard link, no extra I/O; the
   * default); `same`, a second copy of the new version, written after it (a last good copy that holds
   * every acknowledged change, see story-record.ts); `none`, nothing is kept (secrets, whose old
   * contents must not linger).
   */
  backup?: 'previous' | 'same' | 'none'
}

export async function writeFileDurably(
  io: FileIO,
  file: string,
  content: string | Uint8Array,
  options: DurableWriteOptions = {}
): Promise<boolean> {
  return writeFilesDurably(io, [{ file, content }], options)
}

/** Files written at once by writeFilesDurably (each holds a handle open while it is written and fsynced). */
const FILES_AT_ONCE = 16

/**
 * writeFileDurably for many files at once, as one batch: every temp file is written and fsynced
 * (several at a time, so the disk sees them together), then each is renamed over its file, and
 * each folder is fsynced once for all the renames in it, instead of once per file. Each file on its
 * own is either its old or its new version at every instant, as with writeFileDurably; when one
 * fails, no temp file is left and the error is thrown (files renamed before it keep the new version).
 */
export async function writeFilesDurably(
  io: FileIO,
  files: readonly { file: string; content: string | Uint8Array }[],
  options: DurableWriteOptions = {}
): Promise<boolean> {
  const backup = options.backup ?? 'previous'
  const temps = new Map<string, string>()
  try {
    await inTurns(files, FILES_AT_ONCE, async ({ file, content }) => {
      const temp = tempName(file)
      temps.set(file, temp)
      try {
        await io.writeFile(temp, content, 'wx')
      } catch (error) {
        throw toIoError(error, file)
      }
    })
    await inTurns(files, FILES_AT_ONCE, async ({ file }) => {
      try {
        if (backup === 'previous') await keepBackup(io, file)
        await renameWithRetry(io, temps.get(file)!, file)
        temps.delete(file)
      } catch (error) {
        throw toIoError(error, file)
      }
    })
    const dirs = [...new Set(files.map(({ file }) => path.dirname(file)))]
    await inTurns(dirs, FILES_AT_ONCE, async (dir) => {
      try {
        await io.fsyncDir(dir)
      } catch (error) {
        throw toIoError(error, dir)
      }
    })
  } catch (error) {
    await Promise.all([...temps.values()].map((temp) => io.unlink(temp).catch(() => undefined)))
    throw error
  }
  if (backup !== 'same') return true
  // The files are written; a backup that fails (or a crash before it lands) leaves the older copy, so the
  // caller keeps what lies between (a journal) until a backup does land.
  return writeFilesDurably(
    io,
    files.map(({ file, content }) => ({ file: `${file}.bak`, content })),
    { backup: 'none' }
  ).catch(() => false)
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
