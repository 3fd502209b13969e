// The library on disk: library.json (index, people, sources, settings) and one file per story.
// Every change is applied to a copy, written durably, and only then becomes the in-memory state,
// so a failed write leaves both the disk and memory as they were.
// The story index in library.json is derived from the story files. When a save only refreshes a
// story's index line, the story file is written before the call returns and the line follows in
// the background, appended to index.jsonl (index-journal.ts) rather than rewriting library.json,
// so saving a claim costs the same in a library of 50 stories or of 5,000. An index line left
// stale by a crash is recomputed on open from any story file newer than the index; after a clean
// close (clean-close.ts) no line can be stale, and open looks at no story file.
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { Low } from 'lowdb'
import type { LibraryNotice } from '../../shared/contract'
import { StorySummary, type Activity, type LibraryFile, type Source, type StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { DurableJsonAdapter } from './durable-adapter'
import { current, Immer, isDraft } from 'immer'
import { emptyLibrary, libraryKind } from './file-kinds'
import { ioReason, toIoError } from './durable-write'
import { migrateFormat1 } from './migrate'
import { COMPACT_AT_BYTES, STORY_STATE_VERSION, StoryRecord, storyPaths } from './story-record'
import { readHead, startOf, type StoryStart } from './story-head'
import { readJournal } from './story-journal'
import { errnoCode, nodeFileIO, type FileIO } from './file-io'
import { KeyedMutex } from './keyed-mutex'
import { acquireLibraryLock, type LibraryLock } from './library-lock'
import { INDEX_JOURNAL_BYTES, indexLines, readIndexJournal } from './index-journal'
import { listStoryFolders, reconcileIndex, withRefreshedLines } from './reconcile'
import { summarise } from './summary'
import { callerIds } from '../call-context'
import { assertLoadable } from './validate'
import { CleanClose } from './clean-close'
import { diffStory, type HistoryStep, type StoryEdit } from './story-edit'

/** Stories kept in memory after they were last read or saved; the rest are read again when needed. */
const STORIES_IN_MEMORY = 12

/** Saves within this time share one index write; a crash meanwhile is healed on open from the story folders newer than the index. */
const INDEX_FLUSH_DELAY_MS = 3000

export interface StoreOptions {
  io?: FileIO
  now?: () => Date
  /** Take the one-process lock on the folder (off in unit tests that open a folder twice on purpose). */
  lock?: boolean
  /** Take the lock over from another computer that holds it (the user confirmed it is done there). */
  takeOverLock?: boolean
  /** Fold a story's journal into story.json once it passes this many bytes (or half of story.json); tests set it low. */
  compactAtBytes?: number
}

/** Why a library is open read-only: saved by a newer Factdesk, or on a disk that cannot be written. */
export type ReadOnlyReason = 'newer' | 'unwritable' | null

/** A folder we cannot write to: read-only media, or no permission. Such a library opens read-only. */
const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM'])

/**
 * What one write changed, announced once it is on disk: a story's new index line and the activity it
 * logged, or library.json; with the ids of the window's calls that caused it (none for background work).
 */
export type StoreChange = (
  | {
      entity: 'story'
      summary: StorySummary
      activity: Activity[]
      /** What the write changed, record by record (none for a new, moved or healed story). */
      edit?: StoryEdit
      /** Set when the write is a history step (services/history.ts). */
      step?: HistoryStep
      /** The story as written, when it was just created (listeners take it instead of reading it back). */
      created?: StoryFile
    }
  | { entity: 'library'; library: Readonly<LibraryFile>; sources: Source[] }
) & { callIds: string[] }

export class LibraryStore {
  private readonly listeners = new Set<(change: StoreChange) => void>()
  /** Stories in memory, least recently used first. */
  private readonly stories = new Map<string, StoryRecord>()
  private readonly mutex = new KeyedMutex()
  /** Index lines newer than library.json, by story id: in index.jsonl, or on their way there. */
  private readonly newerLines = new Map<string, StorySummary>()
  /** Those of newerLines not yet in index.jsonl; appended by flushIndex. */
  private readonly pendingSummaries = new Map<string, StorySummary>()
  private indexFlush: Promise<void> | null = null
  /** The library with the newer index lines folded in, made once per change rather than per read. */
  private view: { data: LibraryFile; version: number; library: LibraryFile } | null = null
  private linesVersion = 0
  /** Bytes of index.jsonl, and whether it can be appended to (false once it could not be emptied). */
  private indexJournal = { bytes: 0, usable: true }
  private libraryBytes = 0
  /** Stories in the index whose file is gone with no backup: kept in the list, opened with a coded error. */
  private readonly missingFiles = new Set<string>()
  private readonly noticeListeners = new Set<(notice: LibraryNotice) => void>()
  /** Journals being folded into their story.json, awaited by close. */
  private readonly compactions = new Set<Promise<void>>()
  /** Stories whose head was missing or out of date when last asked for: written when the story is next read whole. */
  private readonly headless = new Set<string>()

  private constructor(
    readonly dir: string,
    private readonly db: Low<LibraryFile>,
    private readonly io: FileIO,
    private readonly now: () => Date,
    readonly readOnlyReason: ReadOnlyReason,
    readonly notices: LibraryNotice[],
    private readonly lock: LibraryLock | null,
    /** True when this open created the library (no index and nothing to recover). */
    readonly created: boolean,
    private readonly compactAt: number,
    /** clean-close.json: removed before the first write, written again by a close that left the index complete. */
    private readonly cleanClose: CleanClose
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
      const adapter = new DurableJsonAdapter(io, path.join(dir, 'library.json'), libraryKind, now, !unwritable)
      const db = new Low(adapter, emptyLibrary())
      await db.read()
      const outcome = adapter.lastLoad
      // Read before anything on open writes the index, which it compares with the index files.
      const cleanClose = await CleanClose.read(io, dir)
      const notices = [...(outcome?.notices ?? [])]
      const reason: ReadOnlyReason = outcome?.state === 'newer' ? 'newer' : unwritable ? 'unwritable' : null
      if (unwritable) {
        notices.push({
          kind: 'read_only',
          file: dir,
          message:
            'This library is on a disk or in a folder Factdesk cannot write to, so it is open read-only. Copy it somewhere writable to make changes.',
          movedTo: null
        })
      }
      // Libraries written before stories had folders are upgraded first, keeping each old file.
      if (!unwritable && outcome?.state !== 'newer') notices.push(...(await migrateFormat1(io, dir, now)))
      // A folder with stories but no index is a library that lost its index, never a new one.
      const storyFiles = await listStoryFolders(io, dir)
      const created = outcome?.state === 'missing' && notices.length === 0 && storyFiles.length === 0
      const store = new LibraryStore(
        dir,
        db,
        io,
        now,
        reason,
        notices,
        lock,
        created,
        options.compactAtBytes ?? COMPACT_AT_BYTES,
        cleanClose
      )
      // Index lines saved since library.json was last written.
      const indexAt = await io.modifiedAt(path.join(dir, 'library.json'))
      const journal = await readIndexJournal(io, store.indexJournalPath, indexAt, !store.readOnly)
      for (const [id, line] of journal.lines) store.newerLines.set(id, line)
      store.linesVersion++
      store.indexJournal.bytes = journal.bytes
      store.libraryBytes = (await io.size(path.join(dir, 'library.json'))) ?? 0
      const writtenAt = indexAt === null ? null : Math.max(indexAt, journal.modifiedAt ?? 0)
      if (!created && outcome && (outcome.state === 'missing' || outcome.state === 'lost')) {
        store.notices.push({
          kind: 'rebuilt',
          file: path.join(dir, 'library.json'),
          message: `The library list ${outcome.state === 'missing' ? 'and its backup were missing' : 'had no good copy'}, so it was rebuilt from the ${storyFiles.length} story file(s) in the folder. People, sources and settings were kept only in the list and have to be entered again.`,
          movedTo: null
        })
      }
      // After a clean close no story can be newer than its index line; after anything else every story is checked.
      const indexComplete = cleanClose.indexComplete && outcome?.state === 'ok' && notices.length === 0
      await store.reconcileIndex(created, storyFiles, writtenAt, indexComplete)
      return store
    } catch (error) {
      await lock?.release()
      throw error
    }
  }

  private get indexJournalPath(): string {
    return path.join(this.dir, 'index.jsonl')
  }

  /**
   * The library as saved (index lines may still be on their way to disk). Change it through
   * updateLibrary. Its story list is made when first read, so reading settings after a save costs
   * nothing per story.
   */
  get library(): Readonly<LibraryFile> {
    if (this.newerLines.size === 0) return this.db.data
    if (this.view?.data !== this.db.data || this.view.version !== this.linesVersion) {
      const data = this.db.data
      const lines = new Map(this.newerLines)
      let stories: StorySummary[] | null = null
      const library = { ...data }
      Object.defineProperty(library, 'stories', {
        enumerable: true,
        configurable: true,
        get: () => (stories ??= foldLines(data.stories, lines))
      })
      this.view = { data, version: this.linesVersion, library }
    }
    return this.view.library
  }

  /** How many stories are held in memory (the rest are read from disk when next needed). */
  get storiesInMemory(): number {
    return this.stories.size
  }

  /** Calls `listener` with each notice found after opening (damage found when a story is first read). */
  onNotice(listener: (notice: LibraryNotice) => void): () => void {
    this.noticeListeners.add(listener)
    return () => void this.noticeListeners.delete(listener)
  }

  /** Adds notices to the library's (and tells the listeners): damage found in this store or a file beside it. */
  notify(notices: readonly LibraryNotice[]): void {
    for (const notice of notices) {
      this.notices.push(notice)
      for (const listener of this.noticeListeners) listener(notice)
    }
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null
  }

  /** Waits for the background work under way (folds into story.json, the index write) to finish, as a crash test needs. */
  async settle(): Promise<void> {
    while (this.compactions.size > 0) await Promise.all(this.compactions)
    // An index write that fails here is healed on the next open, so neither settling nor closing fails on it.
    await this.flushIndex().catch(() => undefined)
  }

  async close(): Promise<void> {
    try {
      // A journal left unfolded (a failed compaction) is replayed on the next open, so closing never fails on it.
      for (const [id, record] of this.stories) this.compactLater(id, record)
      await this.settle()
      await this.mutex.run('library', async () => undefined)
      // With every index line on disk, the next open need not check the story folders for stale lines.
      if (!this.readOnly)
        await this.cleanClose
          .mark(() => this.pendingSummaries.size === 0 && this.indexFlush === null, this.now)
          .catch(() => false)
    } finally {
      await this.lock?.release()
    }
  }

  /** Writes pending index lines to library.json; resolves when the index on disk has caught up. */
  async flushIndex(): Promise<void> {
    while (this.indexFlush) await this.indexFlush
    if (this.pendingSummaries.size === 0 || this.readOnly) return
    this.indexFlush = this.mutex
      .run('library', () => this.appendIndexLines())
      .finally(() => {
        this.indexFlush = null
      })
    await this.indexFlush
  }

  /** Appends the pending index lines to index.jsonl, or rewrites library.json once the journal has grown. Call inside the library mutex. */
  private async appendIndexLines(): Promise<void> {
    if (this.pendingSummaries.size === 0) return
    if (!this.indexJournal.usable || this.indexJournal.bytes > Math.max(INDEX_JOURNAL_BYTES, this.libraryBytes / 4)) {
      await this.rewriteIndex(() => undefined, false)
      return
    }
    const folded = new Map(this.pendingSummaries)
    for (const summary of folded.values()) assertLoadable(StorySummary, summary, 'the library index')
    const text = indexLines(folded.values())
    await this.cleanClose.write(async () => {
      try {
        await this.io.appendFile(this.indexJournalPath, text)
      } catch (error) {
        await this.io.truncate(this.indexJournalPath, this.indexJournal.bytes).catch(() => undefined)
        throw toIoError(error, this.indexJournalPath)
      }
    })
    this.indexJournal.bytes += Buffer.byteLength(text)
    for (const [id, summary] of folded) if (this.pendingSummaries.get(id) === summary) this.pendingSummaries.delete(id)
  }

  private refreshSummary(summary: StorySummary): void {
    this.newerLines.set(summary.id, summary)
    this.pendingSummaries.set(summary.id, summary)
    this.linesVersion++
    // Saves that arrive together share one index write; a failed write is retried by the next save.
    if (!this.indexFlush) setTimeout(() => void this.flushIndex().catch(() => undefined), INDEX_FLUSH_DELAY_MS)
  }

  /** Hears every write once it is on disk; returns the unsubscribe. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  private announce(what: DistributiveOmit<StoreChange, 'callIds'>): void {
    const change = { ...what, callIds: callerIds() } as StoreChange
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
    return this.mutex.run('library', () => this.rewriteIndex(change, deep))
  }

  /** writeIndex inside the library mutex: library.json with every newer index line folded in, then index.jsonl emptied. */
  private async rewriteIndex<T>(change: (draft: LibraryFile) => T, deep: boolean): Promise<T> {
    const folded = new Map(this.newerLines)
    const current = this.library
    const draft = deep ? structuredClone(current) : { ...current, stories: [...current.stories] }
    const result = change(draft)
    await this.cleanClose.write(() => this.commit(this.db, draft))
    this.libraryBytes = (this.db.adapter as DurableJsonAdapter<LibraryFile>).writtenBytes
    for (const [id, summary] of folded) {
      if (this.newerLines.get(id) === summary) this.newerLines.delete(id)
      if (this.pendingSummaries.get(id) === summary) this.pendingSummaries.delete(id)
    }
    this.linesVersion++
    // library.json holds the journal's lines now. A journal that cannot be emptied is older than
    // library.json, so it is ignored on open, but nothing more may be appended to it.
    if (this.indexJournal.bytes > 0) {
      await this.io.truncate(this.indexJournalPath, 0).then(
        () => void (this.indexJournal.bytes = 0),
        () => void (this.indexJournal.usable = false)
      )
    }
    return result
  }

  async readStory(id: string): Promise<StoryFile> {
    const cached = this.stories.get(id)
    if (cached) return this.touch(id, cached).file
    // Loads wait for a save in flight, so a story is never cached from a file about to change.
    return this.mutex.run(`story:${id}`, async () => (await this.record(id)).file)
  }

  /**
   * Reads a story without taking a place among the stories kept in memory (the search index reads
   * every story this way at open): the one in memory if it is there, else loaded from disk, healed as
   * `readStory` heals, and let go.
   */
  async peekStory(id: string): Promise<StoryFile> {
    const cached = this.stories.get(id)
    if (cached) return cached.file
    return this.mutex.run(`story:${id}`, async () => {
      const again = this.stories.get(id)
      return again ? again.file : (await this.load(id)).file
    })
  }

  /**
   * The first `count` claims of a story in story order and what the first screen shows, read from its
   * head and journal without the rest (story-head.ts). Null when the story is in memory, has no head
   * that describes its story.json, or its journal is damaged: then read it whole (readStory), which
   * also gives any error.
   */
  async readStoryStart(id: string, count: number): Promise<StoryStart | null> {
    if (this.stories.has(id)) return null
    return this.mutex.run(`story:${id}`, async () => {
      if (this.stories.has(id) || this.missingFiles.has(id)) return null
      if (!this.library.stories.some((s) => s.id === id && s.deletedAt === null)) return null
      const paths = storyPaths(this.storyPath(id))
      const head = await readHead(this.io, paths.dir, id, paths.state, STORY_STATE_VERSION)
      if (head) {
        const journal = await readJournal(this.io, paths.journal, head.journalSeq, false, '').catch(() => null)
        const start = journal && !journal.damaged ? startOf(head, journal.lines, count) : null
        if (start) return start
      } else this.headless.add(id)
      return null
    })
  }

  /**
   * Applies `change` to a draft of the story and saves what changed. The draft is made with immer:
   * records the change does not touch stay the same objects, so the store checks, serialises and
   * copies only what changed, whatever the size of the story. The announcement carries what the
   * write changed, record by record (`diffStory`): the history keeps it as the write's inverse, and
   * `step` says when the write is itself an undo or a redo.
   */
  async updateStory<T>(id: string, change: (draft: StoryFile) => T, step?: HistoryStep): Promise<T> {
    this.assertWritable()
    return this.mutex.run(`story:${id}`, async () => {
      const record = await this.record(id)
      const before = record.file
      const logged = before.activity.length
      let result!: T
      const next = drafts.produce(record.file, (draft) => {
        result = detach(change(draft as StoryFile))
      })
      if (next !== record.file) {
        const summary = await this.cleanClose.write(async () => {
          await record.save(next)
          const saved = summarise(next)
          this.refreshSummary(saved)
          return saved
        })
        if (record.needsCompaction(this.compactAt)) this.compactLater(id, record)
        const edit = diffStory(before, next)
        this.announce({ entity: 'story', summary, activity: next.activity.slice(logged), edit, step })
      }
      return result
    })
  }

  /** Writes a new story's folder; its index line follows with the next index write (healed on open after a crash). */
  async createStory(file: StoryFile): Promise<StorySummary> {
    return (await this.createStories([file]))[0]!
  }

  /**
   * Writes many new stories at once (a desk pull): one batch of file writes for all of them
   * (StoryRecord.createMany), each story held as createStory holds it. Refused as a whole, before
   * anything is written, when any id is already in the library or repeated. `checked` says the caller
   * has parsed each story's header with revisions, claims, evidence and history entries with the
   * model's schemas (a desk pull: each unit it writes passed the merge core's check, unitSchemas, and
   * each entry Activity), so the story file is not parsed a second time.
   */
  async createStories(
    files: readonly StoryFile[],
    { checked = false }: { checked?: boolean } = {}
  ): Promise<StorySummary[]> {
    this.assertWritable()
    const ids = files.map((f) => f.story.id)
    // Each story's own lock (once per id: the same lock twice would wait on itself).
    const held = [...new Set(ids)].reduceRight<() => Promise<StorySummary[]>>(
      (inner, id) => () => this.mutex.run(`story:${id}`, inner),
      async () => {
        const known = new Set(this.library.stories.map((s) => s.id))
        for (const id of ids)
          if (known.has(id) || (await this.io.exists(this.storyPath(id))))
            throw new AppError('conflict', `A story with id ${id} already exists.`)
          else known.add(id)
        const summaries = files.map((file) => summarise(file))
        await this.cleanClose.write(async () => {
          const records = await StoryRecord.createMany(
            this.io,
            files.map((file) => ({ dir: this.storyPath(file.story.id), file })),
            this.now,
            checked
          )
          records.forEach((record, i) => this.cache(ids[i]!, record))
          for (const summary of summaries) this.refreshSummary(summary)
        })
        files.forEach((file, i) =>
          this.announce({ entity: 'story', summary: summaries[i]!, activity: file.activity, created: file })
        )
        return summaries
      }
    )
    return held()
  }

  /** Moves a story's folder to trash/ and marks it deleted in the index; restoreStory undoes it. */
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
        throw new AppError(
          'not_found',
          direction === 'trash' ? 'That story is not in the library.' : 'That story is not in the trash.'
        )
      }
      const [from, to] =
        direction === 'trash' ? [this.storyPath(id), this.trashPath(id)] : [this.trashPath(id), this.storyPath(id)]
      const summary = { ...entry, deletedAt: direction === 'trash' ? this.now().toISOString() : null }
      await this.cleanClose.write(async () => {
        await this.io.rename(from, to).catch((error: unknown) => {
          throw new AppError('io_error', `Could not move the story: ${ioReason(error)}. Nothing was changed.`)
        })
        await this.io.fsyncDir(path.dirname(to)).catch(() => undefined)
        this.stories.delete(id)
        this.missingFiles.delete(id)
        await this.putSummary(summary)
      })
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

  /** The story's record, loaded if it is not in memory. Call inside the story's mutex. */
  private async record(id: string): Promise<StoryRecord> {
    const cached = this.stories.get(id)
    if (cached) return this.touch(id, cached)
    return this.cache(id, await this.load(id))
  }

  /** Loads a story's record from its folder (healing what it finds), without keeping it in memory. */
  private async load(id: string): Promise<StoryRecord> {
    const entry = this.library.stories.find((s) => s.id === id && s.deletedAt === null)
    if (!entry) throw new AppError('not_found', 'That story is not in the library (it may have been deleted).')
    if (this.missingFiles.has(id)) throw missingError(entry.title)
    const loaded = await StoryRecord.load(this.io, this.storyPath(id), id, this.now, !this.readOnly)
    this.notify(loaded.notices)
    if (!loaded.record) {
      if (loaded.outcome.state === 'newer') throw readOnlyError('newer')
      if (loaded.outcome.state === 'missing') throw missingError(entry.title)
      throw new AppError(
        'io_error',
        `The file for "${entry.title}" could not be read and had no good backup. It was moved aside; see the library notices.`
      )
    }
    if (loaded.outcome.state === 'newer' && !this.readOnly) throw readOnlyError('newer')
    // A library written before heads existed gets each story's head the first time it is opened whole.
    if (this.headless.delete(id) && !this.readOnly && loaded.outcome.state === 'ok') await loaded.record.writeHead()
    this.healLine(entry, loaded.record.file)
    return loaded.record
  }

  /**
   * Recomputes the index line of a story read from disk when it does not describe the story: its
   * file was restored from its backup on this read, or changed while the library was closed after a
   * clean close (open checks no story file then). Announced like any write, so views follow.
   */
  private healLine(entry: StorySummary, file: StoryFile): void {
    if (this.readOnly) return
    const summary = summarise(file)
    if (isDeepStrictEqual(summary, entry)) return
    this.refreshSummary(summary)
    this.announce({ entity: 'story', summary, activity: [] })
  }

  /** Keeps the story in memory as the most recently used; the least recently used beyond the limit are released (their journals folded in only once grown: see compactLater). */
  private cache(id: string, record: StoryRecord): StoryRecord {
    this.stories.set(id, record)
    while (this.stories.size > STORIES_IN_MEMORY) {
      const [oldest, released] = this.stories.entries().next().value as [string, StoryRecord]
      this.stories.delete(oldest)
      // A journal that has not grown stays: it is replayed when the story is next read (a few lines), and a
      // save that brings a story into memory no longer pays for folding another one into its story.json.
      if (released.needsCompaction(this.compactAt)) this.compactLater(oldest, released)
    }
    return record
  }

  /**
   * Folds a story's journal into its story.json after the save that asked for it, in the story's
   * turn (saves after it wait; the caller does not). A failure leaves the journal, replayed on open.
   */
  private compactLater(id: string, record: StoryRecord): void {
    if (!record.hasJournal || this.readOnly) return
    const done: Promise<void> = this.mutex
      .run(`story:${id}`, () => record.compact())
      .catch(() => undefined)
      .finally(() => this.compactions.delete(done))
    this.compactions.add(done)
  }

  private touch(id: string, record: StoryRecord): StoryRecord {
    this.stories.delete(id)
    this.stories.set(id, record)
    return record
  }

  /**
   * Heals the index against the story folders on open (reconcile.ts); `writtenAt` is when the index
   * was last written, `indexComplete` that the last close left it describing every story.
   */
  private async reconcileIndex(
    fresh: boolean,
    folders: string[],
    writtenAt: number | null,
    indexComplete: boolean
  ): Promise<void> {
    if (this.readOnly) return
    await reconcileIndex(
      {
        io: this.io,
        dir: this.dir,
        now: this.now,
        stories: this.library.stories,
        indexWrittenAt: writtenAt,
        indexComplete,
        storyPath: (id) => this.storyPath(id),
        trashPath: (id) => this.trashPath(id),
        notify: (notices) => this.notify(notices),
        markMissing: (id) => void this.missingFiles.add(id),
        writeIndex: (summaries) =>
          this.writeIndex((draft) => {
            draft.stories = withRefreshedLines(draft.stories, summaries)
          }, false)
      },
      fresh,
      folders
    )
  }

  private storyPath(id: string): string {
    return path.join(this.dir, 'stories', id)
  }

  private trashPath(id: string): string {
    return path.join(this.dir, 'trash', id)
  }

  private assertWritable(): void {
    const refusal = this.writeRefusal()
    if (refusal) throw refusal
  }

  /** Why this library takes no writes (coded `read_only`), or null when it does. */
  writeRefusal(): AppError | null {
    return this.readOnlyReason ? readOnlyError(this.readOnlyReason) : null
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** The index lines with newer ones in their place, and lines of stories new since library.json at the end. */
function foldLines(stories: readonly StorySummary[], lines: ReadonlyMap<string, StorySummary>): StorySummary[] {
  let matched = 0
  const folded = stories.map((s) => {
    const line = lines.get(s.id)
    if (!line) return s
    matched++
    return line
  })
  if (matched < lines.size) {
    const listed = new Set(stories.map((s) => s.id))
    for (const line of lines.values()) if (!listed.has(line.id)) folded.push(line)
  }
  return folded
}

/** Drafts of a story for a change: copies made only of what the change touches. Nothing is frozen (records are never changed in place). */
const drafts = new Immer({ autoFreeze: false })

/** What a change returned, with any draft inside it replaced by a plain copy (drafts end with the change). */
function detach<T>(value: T): T {
  if (isDraft(value)) return current(value as object) as T
  if (Array.isArray(value)) return value.map((v: unknown) => detach(v)) as T
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)])) as T
  }
  return value
}

const missingError = (title: string): AppError =>
  new AppError(
    'not_found',
    `The file for “${title}” is missing from the library folder and has no backup, so the story cannot be opened. Everything else in the library can still be used.`
  )

const readOnlyError = (reason: Exclude<ReadOnlyReason, null>): AppError =>
  new AppError(
    'read_only',
    reason === 'newer'
      ? 'This library was saved by a newer version of Factdesk and is open read-only. Update Factdesk to make changes.'
      : 'This library is on a disk or in a folder Factdesk cannot write to, so it is open read-only. Copy it somewhere writable to make changes.'
  )
