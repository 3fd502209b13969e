// A lowdb adapter over one JSON file: a safe load (see safe-load.ts) and durable writes, one at a
// time, in the order they were asked for, each followed by a second copy as `.bak`.
import type { Adapter } from 'lowdb'
import { writeFileDurably } from './durable-write'
import { digestOf } from './checked-digest'
import type { FileIO } from './file-io'
import { loadSafely, type FileKind, type LoadOutcome } from './safe-load'

export class DurableJsonAdapter<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve()
  /** What the last read found, including anything recovered or moved aside. */
  lastLoad: LoadOutcome<T> | null = null
  /** The length of the JSON last handed to write. */
  writtenBytes = 0
  /** False when the last write landed but its backup copy did not (`.bak` is then an older version). */
  backupCurrent = true
  /** Set to have `read` take bytes the store wrote unchanged (see LoadOptions.trusted). */
  trusted?: (bytes: Buffer) => boolean
  /** Set to have each write's size and digest kept in `written` (see checked-digest.ts). */
  keepDigest = false
  /** The size and digest of the JSON last written, when `keepDigest`. */
  written: { bytes: number; digest: string } | null = null

  constructor(
    private readonly io: FileIO,
    readonly file: string,
    readonly kind: FileKind<T>,
    private readonly now: () => Date,
    private readonly canWrite = true,
    /** How the data becomes JSON (a story caches the JSON of records that did not change). */
    private readonly serialise: (data: T) => string = (data) => JSON.stringify(data),
    /** Where a damaged file is moved (the library's recovered/ folder). */
    private readonly recovered?: string
  ) {}

  /** The file's data, or (from a newer Factdesk) what this version understands of it; null when there is none. */
  async read(): Promise<T | null> {
    this.lastLoad = await loadSafely(this.io, this.file, this.kind, this.now, {
      canWrite: this.canWrite,
      recovered: this.recovered,
      trusted: this.trusted
    })
    return this.lastLoad.state === 'ok' || this.lastLoad.state === 'newer' ? this.lastLoad.data : null
  }

  write(data: T): Promise<void> {
    // Serialise at call time so a later mutation cannot leak into an earlier queued write.
    const content = this.serialise(data)
    this.writtenBytes = content.length
    const written = this.keepDigest ? { bytes: Buffer.byteLength(content), digest: digestOf(content) } : null
    // `.bak` becomes a second copy of what is written, so the last good copy is never behind what was acknowledged.
    const next = this.queue
      .then(() => writeFileDurably(this.io, this.file, content, { backup: 'same' }))
      .then((backedUp) => {
        this.backupCurrent = backedUp
        this.written = written
      })
    this.queue = next.catch(() => undefined)
    return next
  }
}
