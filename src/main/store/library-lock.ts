// One Factdesk process per library folder: a lock file naming the owning process. A lock left by
// a process that is no longer running is stale and taken over.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/result'
import { errnoCode } from './file-io'

export interface LibraryLock {
  release(): Promise<void>
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errnoCode(error) === 'EPERM'
  }
}

export async function acquireLibraryLock(dir: string): Promise<LibraryLock> {
  const file = path.join(dir, 'library.lock')
  const mine = JSON.stringify({ pid: process.pid, at: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, mine, { flag: 'wx' })
      return { release: () => fs.rm(file, { force: true }) }
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw new AppError('io_error', `Could not open the library at ${dir}: ${String(error)}`)
    }
    const owner = await readOwner(file)
    if (owner !== null && owner !== process.pid && isRunning(owner)) {
      throw new AppError('conflict', `This library is already open in another Factdesk window (process ${owner}). Close it there first.`)
    }
    await fs.rm(file, { force: true })
  }
  throw new AppError('conflict', 'Another Factdesk window keeps taking the library lock.')
}

async function readOwner(file: string): Promise<number | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown }
    return typeof parsed.pid === 'number' ? parsed.pid : null
  } catch {
    return null
  }
}
