// clean-close.json: left by a close after which the index on disk (library.json with index.jsonl)
// describes every story as saved, and removed (durably) before the next write of any kind. It holds
// the size and time of the two index files as that close left them.
//
// Opening a library whose marker is there and whose index files are still exactly as the marker
// says needs no look at 5,000 story folders for index lines older than their story (reconcile.ts
// then only compares the folder listing with the index). Every other case gets the full check:
// no marker (a crash, a kill, a close whose index write failed, a library from before the marker),
// a marker that does not parse (a crash while it was written), or index files changed since (a
// Factdesk that knows no marker wrote the index after it). The marker is a hint about the index
// only: a story's own files are still checked, and healed from their backup, when it is first read.
import path from 'node:path'
import { z } from 'zod'
import { toIoError } from './durable-write'
import { errnoCode, type FileIO } from './file-io'
import { KeyedMutex } from './keyed-mutex'

/** The index files as a close left them: any write to them since changes one of these. */
const IndexStamp = z.strictObject({
  libraryModifiedAt: z.number().nullable(),
  librarySize: z.number().nullable(),
  journalModifiedAt: z.number().nullable(),
  journalSize: z.number().nullable()
})
type IndexStamp = z.infer<typeof IndexStamp>

const CleanCloseFile = z.strictObject({ closedAt: z.string(), index: IndexStamp })

export const cleanCloseFileOf = (dir: string): string => path.join(dir, 'clean-close.json')

async function indexStamp(io: FileIO, dir: string): Promise<IndexStamp> {
  const library = path.join(dir, 'library.json')
  const journal = path.join(dir, 'index.jsonl')
  const [libraryModifiedAt, librarySize, journalModifiedAt, journalSize] = await Promise.all([
    io.modifiedAt(library),
    io.size(library),
    io.modifiedAt(journal),
    io.size(journal)
  ])
  return { libraryModifiedAt, librarySize, journalModifiedAt, journalSize }
}

/**
 * Writes the marker for the index as it is now. Call only when every story's index line is on
 * disk; a crash while it is written leaves a marker that does not parse, which is no marker.
 */
export async function writeCleanClose(io: FileIO, dir: string, now: () => Date): Promise<void> {
  const marker: z.infer<typeof CleanCloseFile> = { closedAt: now().toISOString(), index: await indexStamp(io, dir) }
  await io.writeFile(cleanCloseFileOf(dir), `${JSON.stringify(marker)}\n`, 'w')
}

/** The marker of a library folder, as the store keeps track of it while the library is open. */
export class CleanClose {
  private readonly mutex = new KeyedMutex()
  /** Writes under way (each removed the marker first); the marker is written only when there are none. */
  private writing = 0
  /** The marker may be on disk: the next write removes it first. */
  private present: boolean
  /** The marker on disk is the one found on open, still true of the index (no write since). */
  private untouched: boolean

  private constructor(
    private readonly io: FileIO,
    private readonly dir: string,
    present: boolean,
    /** The index was complete when the library was last closed, and nothing has written it since. */
    readonly indexComplete: boolean
  ) {
    this.present = present
    this.untouched = indexComplete
  }

  /** Reads the marker; call on open before anything writes the index. */
  static async read(io: FileIO, dir: string): Promise<CleanClose> {
    const file = cleanCloseFileOf(dir)
    let text: string
    try {
      text = (await io.readFile(file)).toString('utf8')
    } catch (error) {
      // Any other failure to read it: kept as possibly there, so the first write still tries to remove it.
      return new CleanClose(io, dir, errnoCode(error) !== 'ENOENT', false)
    }
    let parsed: ReturnType<typeof CleanCloseFile.safeParse>
    try {
      parsed = CleanCloseFile.safeParse(JSON.parse(text))
    } catch {
      return new CleanClose(io, dir, true, false)
    }
    if (!parsed.success) return new CleanClose(io, dir, true, false)
    const now = await indexStamp(io, dir)
    const same = (Object.keys(now) as (keyof IndexStamp)[]).every((k) => now[k] === parsed.data.index[k])
    return new CleanClose(io, dir, true, same)
  }

  /**
   * Runs a write to the library folder (a story, the index): the marker is removed first, and the
   * write fails if it cannot be. The marker is written again on close only when no write is under way.
   */
  async write<T>(work: () => Promise<T>): Promise<T> {
    this.writing++
    try {
      if (this.present) await this.mutex.run('marker', () => this.remove())
      return await work()
    } finally {
      this.writing--
    }
  }

  private async remove(): Promise<void> {
    if (!this.present) return
    const file = cleanCloseFileOf(this.dir)
    try {
      await this.io.unlink(file).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error
      })
      // The removal must be on disk before the write that follows it.
      await this.io.fsyncDir(this.dir)
    } catch (error) {
      throw toIoError(error, file)
    }
    this.present = false
    this.untouched = false
  }

  /**
   * Writes the marker on close when `complete()` says every index line is on disk and no write is
   * under way; false when it did not. A write that starts meanwhile waits for it and removes it.
   */
  async mark(complete: () => boolean, now: () => Date): Promise<boolean> {
    return this.mutex.run('marker', async () => {
      if (this.writing > 0 || !complete()) return false
      if (this.present && this.untouched) return true
      // Set before the first await: a write beginning from here on finds it and removes it after this.
      this.present = true
      await writeCleanClose(this.io, this.dir, now)
      this.untouched = true
      return true
    })
  }
}
