// A lowdb adapter over one JSON file: a safe load (see safe-load.ts) and durable writes, one at a
// time, in the order they were asked for.
import type { Adapter } from 'lowdb'
import { writeFileDurably } from './durable-write'
import type { FileIO } from './file-io'
import { loadSafely, type FileKind, type LoadOutcome } from './safe-load'

export class DurableJsonAdapter<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve()
  /** What the last read found, including anything recovered or moved aside. */
  lastLoad: LoadOutcome<T> | null = null

  constructor(
    private readonly io: FileIO,
    readonly file: string,
    readonly kind: FileKind<T>,
    private readonly now: () => Date
  ) {}

  async read(): Promise<T | null> {
    this.lastLoad = await loadSafely(this.io, this.file, this.kind, this.now)
    return this.lastLoad.state === 'ok' ? this.lastLoad.data : null
  }

  write(data: T): Promise<void> {
    // Serialise at call time so a later mutation cannot leak into an earlier queued write.
    const content = JSON.stringify(data)
    const next = this.queue.then(() => writeFileDurably(this.io, this.file, content))
    this.queue = next.catch(() => undefined)
    return next
  }
}
