// The library on disk: library.json (index, people, sources, settings) and one file per story.
// Every change is applied to a copy, written durably, and only then becomes the in-memory state,
// so a failed write leaves both the disk and memory as they were.
// The story index in library.json is derived from the story files. When a save only refreshes a
// story's index line, the story file is written before the call returns and the index follows
// in the background, so saving a claim costs the same in a library of 1 story or of 500. An
// index line left stale by a crash is recomputed on open from any story file newer than the index.
import path from 'node:path'
import { Low } from 'lowdb'
import type { LibraryNotice } from '../../shared/contract'
import type { Activity, LibraryFile, Source, StoryFile, StorySummary } from '../../shared/model'
import { AppError } from '../../shared/result'
import { DurableJsonAdapter } from './durable-adapter'
import { emptyLibrary, libraryKind, storyKind } from './file-kinds'
import { toIoError } from './durable-write'
import { errnoCode, nodeFileIO, type FileIO } from './file-io'
import { KeyedMutex } from './keyed-mutex'
import { acquireLibraryLock, type LibraryLock } from './library-lock'
import { summarise } from './summary'
import { assertLoadable } from './validate'

/** Long enough to gather a burst of saves into one index write; a crash meanwhile is healed on open. */
const INDEX_FLUSH_DELAY_MS = 200

export interface StoreOptions {
  io?: FileIO
  now?: () => Date
  /** Take the one-process lock on the folder (off in unit tests that open a folder twice on purpose). */
  lock?: boolean
  /** Take the lock over from another computer that holds it (the user confirmed it is done there). */
  takeOverLock?: boolean
}

/** Why a library is open read-only: saved by a newer Factdesk, or on a disk that cannot be written. */
export type ReadOnlyReason = 'newer' | 'unwritable' | null

/** A folder we cannot write to: read-only media, or no permission. Such a library opens read-only. */
const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM'])

/** What one write changed, announced once it is on disk: a story's new index line and the activity it logged, or library.json. */
export type StoreChange = { entity: 'story'; summary: StorySummary; activity: Activity[] } | { entity: 'library'; library: Readonly<LibraryFile>; sources: Source[] }

export class LibraryStore {
  private readonly listeners = new Set<(change: StoreChange) => void>()
  private readonly stories = new Map<string, Low<StoryFile>>()
  private readonly mutex = new KeyedMutex()
  /** Index lines newer than library.json on disk, by story id; folded in by flushIndex. */
  private readonly pendingSummaries = new Map<string, StorySummary>()
  private indexFlush: Promise<void> | null = null

  private constructor(
    readonly dir: string,
    private readonly db: Low<LibraryFile>,
    private readonly io: FileIO,
    private readonly now: () => Date,
    readonly readOnlyReason: ReadOnlyReason,
    readonly notices: LibraryNotice[],
    private readonly lock: LibraryLock | null,
    /** True when this open created the library (no index and nothing to recover). */
    readonly created: boolean
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<LibraryStore> {
    const io = options.io ?? nodeFileIO
    const now = options.now ?? (() => new Date())
    let unwritable = false
    let lock: LibraryLock | null = null
    try {
      await io.mkdir(path.join(dir, 'stories'))
      await io.mkdir(path.join(dir, 'trash'))
      if (options.lock !== false) lock = await acquireLibraryLock(dir, io, { takeOver: options.takeOverLock })
    } catch (error) {
      if (!UNWRITABLE.has(errnoCode(error) ?? '') || !(await io.exists(dir))) throw toIoError(error, dir)
      unwritable = true
    }
    try {
      const adapter = new DurableJsonAdapter(io, path.join(dir, 'library.json'), libraryKind, now)
      const db = new Low(adapter, emptyLibrary())
      await db.read()
      const outcome = adapter.lastLoad
      const notices = [...(outcome?.notices ?? [])]
      const reason: ReadOnlyReason = outcome?.state === 'newer' ? 'newer' : unwritable ? 'unwritable' : null
      if (unwritable) {
        notices.push({ kind: 'read_only', file: dir, message: 'This library is on a disk or in a folder Factdesk cannot write to, so it is open read-only. Copy it somewhere writable to make changes.', movedTo: null })
      }
      const created = outcome?.state === 'missing' && notices.length === 0
      const store = new LibraryStore(dir, db, io, now, reason, notices, lock, created)
      await store.reconcileIndex(created)
      return store
    } catch (error) {
      await lock?.release()
      throw error
    }
  }

  /** The library as saved (index lines may still be on their way to disk). Change it through updateLibrary. */
  get library(): Readonly<LibraryFile> {
    if (this.pendingSummaries.size === 0) return this.db.data
    return { ...this.db.data, stories: this.db.data.stories.map((s) => this.pendingSummaries.get(s.id) ?? s) }
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null
  }

  async close(): Promise<void> {
    try {
      // An index write that fails here is healed on the next open, so closing never fails on it.
      await this.flushIndex().catch(() => undefined)
      await this.mutex.run('library', async () => undefined)
    } finally {
      await this.lock?.release()
    }
  }

  /** Writes pending index lines to library.json; resolves when the index on disk has caught up. */
  async flushIndex(): Promise<void> {
    while (this.indexFlush) await this.indexFlush
    if (this.pendingSummaries.size === 0 || this.readOnly) return
    this.indexFlush = this.writeIndex(() => undefined, false).finally(() => {
      this.indexFlush = null
    })
    await this.indexFlush
  }

  private refreshSummary(summary: StorySummary): void {
    this.pendingSummaries.set(summary.id, summary)
    // Saves that arrive together share one index write; a failed write is retried by the next save.
    if (!this.indexFlush) setTimeout(() => void this.flushIndex().catch(() => undefined), INDEX_FLUSH_DELAY_MS)
  }

  /** Hears every write once it is on disk; returns the unsubscribe. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  private announce(change: StoreChange): void {
    for (const listener of this.listeners) listener(change)
  }

  async updateLibrary<T>(change: (draft: LibraryFile) => T): Promise<T> {
    this.assertWritable()
    let sources: Source[] = []
    const result = await this.writeIndex((draft) => {
      const before = new Map(draft.sources.map((s) => [s.id, s.updatedAt]))
      const value = change(draft)
      sources = draft.sources.filter((s) => before.get(s.id) !== s.updatedAt)
      return value
    }, true)
    this.announce({ entity: 'library', library: this.db.data, sources })
    return result
  }

  /**
   * Every write of library.json goes through here and carries the pending index lines with it, so
   * the file on disk is never older than a story file it does not describe (see staleStories).
   * `deep` clones everything for changes that edit people, sources or settings in place.
   */
  private writeIndex<T>(change: (draft: LibraryFile) => T, deep: boolean): Promise<T> {
    return this.mutex.run('library', async () => {
      const folded = new Map(this.pendingSummaries)
      const current = this.library
      const draft = deep ? structuredClone(current) : { ...current, stories: [...current.stories] }
      const result = change(draft)
      await this.commit(this.db, draft)
      for (const [id, summary] of folded) if (this.pendingSummaries.get(id) === summary) this.pendingSummaries.delete(id)
      return result
    })
  }

  async readStory(id: string): Promise<StoryFile> {
    return (await this.storyDb(id)).data
  }

  async updateStory<T>(id: string, change: (draft: StoryFile) => T): Promise<T> {
    this.assertWritable()
    return this.mutex.run(`story:${id}`, async () => {
      const db = await this.storyDb(id)
      const draft = structuredClone(db.data)
      const logged = draft.activity.length
      const result = change(draft)
      await this.commit(db, draft)
      const summary = summarise(draft)
      this.refreshSummary(summary)
      this.announce({ entity: 'story', summary, activity: draft.activity.slice(logged) })
      return result
    })
  }

  /** Writes a new story file, then its index line; a crash between the two is healed on open. */
  async createStory(file: StoryFile): Promise<StorySummary> {
    this.assertWritable()
    const id = file.story.id
    return this.mutex.run(`story:${id}`, async () => {
      if (this.library.stories.some((s) => s.id === id)) throw new AppError('conflict', `A story with id ${id} already exists.`)
      const db = new Low(this.storyAdapter(this.storyPath(id)), file)
      await this.commit(db, file)
      this.stories.set(id, db)
      const summary = summarise(file)
      await this.putSummary(summary)
      this.announce({ entity: 'story', summary, activity: file.activity })
      return summary
    })
  }

  /** Moves a story's file to trash/ and marks it deleted in the index; restoreStory undoes it. */
  async trashStory(id: string): Promise<StorySummary> {
    return this.moveStory(id, 'trash')
  }

  async restoreStory(id: string): Promise<StorySummary> {
    return this.moveStory(id, 'restore')
  }

  private async moveStory(id: string, direction: 'trash' | 'restore'): Promise<StorySummary> {
    this.assertWritable()
    return this.mutex.run(`story:${id}`, async () => {
      const entry = this.library.stories.find((s) => s.id === id)
      if (!entry || (direction === 'trash') !== (entry.deletedAt === null)) {
        throw new AppError('not_found', direction === 'trash' ? 'That story is not in the library.' : 'That story is not in the trash.')
      }
      const [from, to] = direction === 'trash' ? [this.storyPath(id), this.trashPath(id)] : [this.trashPath(id), this.storyPath(id)]
      await this.io.rename(from, to).catch((error: unknown) => {
        throw new AppError('io_error', `Could not move the story file: ${String(error)}`)
      })
      await this.io.fsyncDir(path.dirname(to)).catch(() => undefined)
      this.stories.delete(id)
      const summary = { ...entry, deletedAt: direction === 'trash' ? this.now().toISOString() : null }
      await this.putSummary(summary)
      this.announce({ entity: 'story', summary, activity: [] })
      return summary
    })
  }

  private async putSummary(summary: StorySummary): Promise<void> {
    await this.writeIndex((draft) => {
      const index = draft.stories.findIndex((s) => s.id === summary.id)
      if (index === -1) draft.stories.push(summary)
      else draft.stories[index] = summary
    }, false)
  }

  /** Checks the draft against the schema its loader uses, then writes it; memory changes only once it is on disk. */
  private async commit<T>(db: Low<T>, draft: T): Promise<void> {
    const { kind } = db.adapter as DurableJsonAdapter<T>
    assertLoadable(kind.schema, draft, kind.label)
    const previous = db.data
    db.data = draft
    try {
      await db.write()
    } catch (error) {
      db.data = previous
      throw error
    }
  }

  private async storyDb(id: string): Promise<Low<StoryFile>> {
    const cached = this.stories.get(id)
    if (cached) return cached
    const entry = this.library.stories.find((s) => s.id === id && s.deletedAt === null)
    if (!entry) throw new AppError('not_found', 'That story is not in the library (it may have been deleted).')
    const adapter = this.storyAdapter(this.storyPath(id))
    const data = await adapter.read()
    const outcome = adapter.lastLoad
    this.notices.push(...(outcome?.notices ?? []))
    if (!data) {
      if (outcome?.state === 'newer') throw readOnlyError('newer')
      throw new AppError('io_error', `The file for "${entry.title}" could not be read and had no good backup. It was moved aside; see the library notices.`)
    }
    const db = new Low(adapter, data)
    db.data = data
    this.stories.set(id, db)
    return db
  }

  /** Heals the index against the story files present: adds stories it lacks, drops lines for files that are gone. */
  private async reconcileIndex(fresh: boolean): Promise<void> {
    if (this.readOnly) return
    await this.removeTempFiles()
    const files = (await this.io.readdir(path.join(this.dir, 'stories'))).filter((f) => /^[A-Za-z0-9_-]+\.json$/.test(f))
    const onDisk = new Set(files.map((f) => f.slice(0, -'.json'.length)))
    const indexed = new Set(this.library.stories.filter((s) => s.deletedAt === null).map((s) => s.id))
    const missing = [...indexed].filter((id) => !onDisk.has(id))
    const unindexed = [...onDisk].filter((id) => !indexed.has(id))
    const stale = await this.staleStories([...indexed].filter((id) => onDisk.has(id)))
    if (missing.length === 0 && unindexed.length === 0 && stale.length === 0 && !fresh) return
    const summaries: StorySummary[] = []
    for (const id of [...unindexed, ...stale]) {
      const adapter = this.storyAdapter(this.storyPath(id))
      const data = await adapter.read()
      this.notices.push(...(adapter.lastLoad?.notices ?? []))
      if (data) summaries.push(summarise(data))
    }
    if (!fresh && unindexed.length > 0) {
      this.notices.push({ kind: 'recovered_from_backup', file: 'library.json', message: `${unindexed.length} story file(s) missing from the library index were added back.`, movedTo: null })
    }
    await this.mutex.run('library', async () => {
      const draft = structuredClone(this.db.data)
      const refreshed = new Set(summaries.map((s) => s.id))
      draft.stories = draft.stories.filter((s) => (s.deletedAt !== null || onDisk.has(s.id)) && !refreshed.has(s.id)).concat(summaries)
      await this.commit(this.db, draft)
    })
  }

  /** Stories saved after library.json was last written: their index lines may be out of date. */
  private async staleStories(ids: string[]): Promise<string[]> {
    const indexAt = await this.io.modifiedAt(path.join(this.dir, 'library.json'))
    if (indexAt === null) return []
    const times = await Promise.all(ids.map((id) => this.io.modifiedAt(this.storyPath(id))))
    // >=: file times tick in milliseconds or coarser, and a false alarm only costs one read.
    return ids.filter((_, i) => (times[i] ?? -1) >= indexAt)
  }

  /** Temp files are left only by a write that was cut off; the file it was replacing is intact. */
  private async removeTempFiles(): Promise<void> {
    for (const folder of [this.dir, path.join(this.dir, 'stories')]) {
      for (const name of await this.io.readdir(folder)) {
        if (name.endsWith('.tmp')) await this.io.unlink(path.join(folder, name)).catch(() => undefined)
      }
    }
  }

  private storyAdapter(file: string): DurableJsonAdapter<StoryFile> {
    return new DurableJsonAdapter(this.io, file, storyKind(path.basename(file, '.json')), this.now)
  }

  private storyPath(id: string): string {
    return path.join(this.dir, 'stories', `${id}.json`)
  }

  private trashPath(id: string): string {
    return path.join(this.dir, 'trash', `${id}.json`)
  }

  private assertWritable(): void {
    if (this.readOnlyReason) throw readOnlyError(this.readOnlyReason)
  }
}

const readOnlyError = (reason: Exclude<ReadOnlyReason, null>): AppError =>
  new AppError(
    'read_only',
    reason === 'newer'
      ? 'This library was saved by a newer version of Factdesk and is open read-only. Update Factdesk to make changes.'
      : 'This library is on a disk or in a folder Factdesk cannot write to, so it is open read-only. Copy it somewhere writable to make changes.'
  )
