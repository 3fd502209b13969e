// One Factdesk per library folder: `library.lock` names the owner (computer, process, when it
// started). The lock appears atomically with its content: it is written to a temp file first and
// then hard-linked into place, which fails if a lock is already there, so no other process can
// ever read a half-written lock. A lock from a process on this computer that is no longer running
// is stale and taken over; a lock from another computer sharing the folder is held until someone
// takes it over explicitly (`takeOver`), because from here we cannot tell if that process is alive.
// Removing a stale lock happens under a short-lived `library.lock.takeover` folder (mkdir is atomic
// too), and only if the lock still holds what was judged stale, so two processes that both saw the
// same stale lock cannot both end up holding the library.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../../shared/result'
import { errnoCode, type FileIO } from './file-io'

export interface LibraryLock {
  release(): Promise<void>
}

export interface LockOwner {
  host: string
  pid: number
  startedAt: string
  at: string
}

export interface LockOptions {
  /** Take the lock even when another computer holds it (the user said that computer is done with it). */
  takeOver?: boolean
}

/** Folders this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>()
const processStartedAt = new Date(Date.now() - process.uptime() * 1000).toISOString()
/** A lock that cannot be parsed is being written by a store without hard links, or left by a crash. */
const UNREADABLE_GRACE_MS = 5_000
const GUARD_STALE_MS = 10_000
const ATTEMPTS = 50

/** Hard links are missing on some file systems (FAT, some network shares): create exclusively instead. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV'])

/** The library is held by Factdesk on another computer; the user may take it over (`takeOver`). */
export class LockHeldElsewhereError extends AppError {
  constructor(
    readonly host: string,
    message: string
  ) {
    super('conflict', message)
  }
}

export const lockFileOf = (dir: string): string => path.join(dir, 'library.lock')

export async function acquireLibraryLock(dir: string, io: FileIO, options: LockOptions = {}): Promise<LibraryLock> {
  const key = path.resolve(dir)
  if (heldHere.has(key)) throw new AppError('conflict', 'This library is already open in this Factdesk window.')
  const file = lockFileOf(dir)
  const me: LockOwner = {
    host: os.hostname(),
    pid: process.pid,
    startedAt: processStartedAt,
    at: new Date().toISOString()
  }
  const content = JSON.stringify(me)
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  // Errors here (a read-only disk, no permission) go to the caller, which opens the library read-only.
  await io.writeFile(temp, content, 'wx')
  heldHere.add(key)
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await place(io, temp, file, content)) return { release: () => release(io, file, content, key) }
      const seen = await readLock(file)
      if (seen === null) continue // released in the meantime: try again
      const verdict = judge(seen, options)
      if (verdict.held)
        throw seen.owner && seen.owner.host !== os.hostname()
          ? new LockHeldElsewhereError(seen.owner.host, verdict.why)
          : new AppError('conflict', verdict.why)
      await removeIfUnchanged(file, seen.raw)
    }
    throw new AppError('conflict', 'Another Factdesk keeps taking the library lock. Try again in a moment.')
  } catch (error) {
    heldHere.delete(key)
    throw error
  } finally {
    await io.unlink(temp).catch(() => undefined)
  }
}

/** Puts the lock in place if there is none; false when one is already there. */
async function place(io: FileIO, temp: string, file: string, content: string): Promise<boolean> {
  try {
    await io.link(temp, file)
    return true
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EEXIST') return false
    if (!NO_LINKS.has(code ?? '')) throw error
  }
  try {
    await io.writeFile(file, content, 'wx')
    return true
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false
    throw error
  }
}

interface SeenLock {
  raw: string
  owner: LockOwner | null
  modifiedAt: number
}

async function readLock(file: string): Promise<SeenLock | null> {
  try {
    const [raw, stats] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)])
    return { raw, owner: parseOwner(raw), modifiedAt: stats.mtimeMs }
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null
    throw error
  }
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>
    if (typeof value.pid !== 'number') return null
    return {
      host: typeof value.host === 'string' ? value.host : os.hostname(),
      pid: value.pid,
      startedAt: String(value.startedAt ?? ''),
      at: String(value.at ?? '')
    }
  } catch {
    return null
  }
}

function judge(seen: SeenLock, options: LockOptions): { held: boolean; why: string } {
  const { owner } = seen
  if (!owner) {
    const fresh = Date.now() - seen.modifiedAt < UNREADABLE_GRACE_MS
    return { held: fresh, why: 'Another Factdesk is opening this library right now. Try again in a moment.' }
  }
  if (owner.host !== os.hostname()) {
    if (options.takeOver) return { held: false, why: '' }
    return {
      held: true,
      why: `This library is open in Factdesk on another computer (${owner.host}, since ${owner.at || 'an unknown time'}). Close it there, or take it over if that computer is no longer using it.`
    }
  }
  // Our own pid in a lock we do not hold is a leftover of this process (a release that could not delete it).
  if (owner.pid !== process.pid && isRunning(owner.pid)) {
    return {
      held: true,
      why: `This library is already open in another Factdesk window (process ${owner.pid}). Close it there first.`
    }
  }
  return { held: false, why: '' }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errnoCode(error) === 'EPERM'
  }
}

/** Deletes a stale lock, but only the one judged stale: never a lock someone placed since. */
async function removeIfUnchanged(file: string, staleRaw: string): Promise<void> {
  const guard = `${file}.takeover`
  try {
    await fs.mkdir(guard)
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error
    const stats = await fs.stat(guard).catch(() => null)
    // A guard left by a process that died in the few milliseconds it holds one.
    if (stats && Date.now() - stats.mtimeMs > GUARD_STALE_MS) await fs.rmdir(guard).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))
    return
  }
  try {
    const current = await fs.readFile(file, 'utf8').catch(() => null)
    if (current === staleRaw) await fs.unlink(file)
  } finally {
    await fs.rmdir(guard).catch(() => undefined)
  }
}

async function release(io: FileIO, file: string, content: string, key: string): Promise<void> {
  if (!heldHere.has(key)) return
  heldHere.delete(key)
  try {
    // Only our own lock: after an explicit takeover by another computer the lock is theirs.
    const current = await fs.readFile(file, 'utf8').catch(() => null)
    if (current === content) await io.unlink(file)
  } catch {
    // Left behind (a disk that went read-only): it names this process, so it is taken over as stale.
  }
}
