// One story on disk, written by what changed. A story is a folder:
//
//   stories/<id>/story.json     the state (story, claims, evidence, revision list) as of the last compaction, lowdb + durable writes
//   stories/<id>/journal.jsonl  the changes since, one fsynced line per save (story-journal.ts)
//   stories/<id>/activity.jsonl the activity log up to the last compaction, append-only, one entry per line
//   stories/<id>/rev-<n>.txt    each revision's text, written once and never changed
//   stories/<id>/checked.json   the digests of story.json and activity.jsonl as written (checked-digest.ts)
//   stories/<id>/head.json      what the story view shows first, derived from story.json (story-head.ts)
//
// In memory a story is the whole StoryFile the services work on. A save that changes records (a
// claim, evidence, the story's fields) appends one journal line with those records and the activity
// it logged: one small fsynced append, whatever the size of the story. A save that changes the text
// or the revisions, or replaces the activity log, and compaction (once the journal outgrows half of
// story.json, when the story leaves memory, on close) write the whole state instead: new revision
// texts, the activity entries since the last compaction appended to activity.jsonl, then story.json,
// which records how many activity entries (`activityLength`) and journal lines (`journalSeq`) it
// holds, then the journal is emptied. Lines of activity.jsonl beyond `activityLength` (a torn line,
// or a compaction whose state never landed) are ignored on read and cut off; journal lines at or
// below `journalSeq` are skipped. Only records that changed are validated and serialised again.
import path from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import type { LibraryNotice } from '../../shared/contract'
import {
  Activity,
  Claim,
  ContactAttempt,
  Evidence,
  STORY_SCHEMA_VERSION,
  Story,
  StoryFile,
  StoryRevision
} from '../../shared/model'
import { AppError } from '../../shared/result'
import {
  activityMatches,
  checkedFileOf,
  digestOf,
  readDigests,
  stateMatches,
  writeDigests,
  type ActivityRange,
  type CheckedDigests
} from './checked-digest'
import { DurableJsonAdapter } from './durable-adapter'
import { toIoError, writeFileDurably, writeFilesDurably } from './durable-write'
import { inTurns } from '../in-turns'
import { errnoCode, type FileIO } from './file-io'
import { jsonLines } from './jsonl'
import type { FileKind, LoadOutcome } from './safe-load'
import { storyStateMigrations } from './migrations'
import { journalLine, readJournal, replayEach, type JournalLine } from './story-journal'
import { RevisionEntry, removeHead, writeHead } from './story-head'
import { listJson, recordJson } from './record-json'
import { copyToRecovered, recoveredOfStory } from './recovered'
import { assertLoadable } from './validate'

/**
 * Story formats 1 and 2 were one file, stories/<id>.json (see file-kinds.ts); 3 is the folder; 4 adds the
 * journal; 5 says which part of the story (headline or text) each claim is in; 6 adds the corrections log
 * and evidence marked as an appearance; 7 the claims' second reviews.
 */
export const STORY_STATE_VERSION = 7

/** The journal is folded into story.json once it is this big, or half the size of story.json if that is more. */
export const COMPACT_AT_BYTES = 256 * 1024

export { RevisionEntry } from './story-head'

/** story.json: everything about a story except what only grows (activity) or never changes (revision texts). */
export const StoryState = z.strictObject({
  schemaVersion: z.literal(STORY_STATE_VERSION),
  story: Story,
  revisions: z.array(RevisionEntry),
  claims: z.array(Claim),
  evidence: z.array(Evidence),
  /** How many lines of activity.jsonl belong to this state. */
  activityLength: z.number().int().min(0),
  /** The number of the last journal line folded into this state. */
  journalSeq: z.number().int().min(0),
  dismissedSuggestions: StoryFile.shape.dismissedSuggestions
})
export type StoryState = z.infer<typeof StoryState>

export const storyStateKind = (id: string): FileKind<StoryState> => ({
  label: `the story file ${id}`,
  // A story folder holds the story its name says: a file whose inner id differs is not that story.
  schema: StoryState.refine((state) => state.story.id === id, {
    message: `the story inside is not ${id}`,
    path: ['story', 'id']
  }),
  currentVersion: STORY_STATE_VERSION,
  migrations: storyStateMigrations,
  shape: StoryState,
  salvage: salvageContacts
})

/**
 * A damaged contact log: the contact attempts of a claim that cannot be read are left out and the
 * rest of the story is kept, rather than the whole story file being set aside for one bad entry.
 */
function salvageContacts(record: Record<string, unknown>): { record: Record<string, unknown>; said: string } | null {
  if (!Array.isArray(record.claims)) return null
  let total = 0
  let dropped = 0
  const damaged: string[] = []
  const claims = record.claims.map((claim: unknown) => {
    if (typeof claim !== 'object' || claim === null || !Array.isArray((claim as { contacts?: unknown }).contacts))
      return claim
    const c = claim as { contacts: unknown[]; number?: unknown }
    const good = c.contacts.filter((attempt) => ContactAttempt.safeParse(attempt).success)
    total += c.contacts.length
    if (good.length === c.contacts.length) return claim
    dropped += c.contacts.length - good.length
    damaged.push(typeof c.number === 'number' ? `C${c.number}` : 'a claim')
    return { ...c, contacts: good }
  })
  if (dropped === 0) return null
  const story = record.story as { title?: unknown } | undefined
  const title = typeof story?.title === 'string' ? `“${story.title}”` : 'a story'
  return {
    record: { ...record, claims },
    said: `The contact log of ${title} was damaged (${damaged.join(', ')}): ${total - dropped} of ${plural(total, 'contact attempt')} were kept and ${dropped} could not be read and ${dropped === 1 ? 'was' : 'were'} left out. The story, its claims and evidence are as saved. Log the missing ${dropped === 1 ? 'attempt' : 'attempts'} again from your notes (Log attempt, in the claim's contact log).`
  }
}

const RevisionText = StoryRevision.shape.text

export const storyPaths = (dir: string) => ({
  dir,
  state: path.join(dir, 'story.json'),
  activity: path.join(dir, 'activity.jsonl'),
  journal: path.join(dir, 'journal.jsonl'),
  revision: (n: number) => path.join(dir, `rev-${n}.txt`)
})
export type StoryPaths = ReturnType<typeof storyPaths>

export interface LoadedStory {
  record: StoryRecord | null
  outcome: LoadOutcome<StoryState>
  notices: LibraryNotice[]
}

/**
 * Records already checked against their schema (as loaded, or as saved). A save never changes a
 * record in place (changes are made on copies, see LibraryStore.updateStory), so a record that is
 * the same object as before needs neither checking nor serialising again.
 */
const checked = new WeakSet<object>()

export class StoryRecord {
  private readonly revisionEntries = new WeakMap<object, RevisionEntry>()
  /** The number of the last journal line written (or folded into story.json). */
  private seq: number
  /** Bytes of journal.jsonl that belong to `file`: a failed append cuts the journal back to this. */
  private journalBytes: number
  /** The size of story.json, which sets when the journal is folded into it. */
  private stateBytes = 0

  private constructor(
    private readonly io: FileIO,
    readonly paths: StoryPaths,
    private readonly db: Low<StoryState>,
    /** The whole story as the services see it: story.json with the journal replayed. */
    public file: StoryFile,
    /** Bytes of activity.jsonl that belong to story.json: a failed compaction cuts the log back to this. */
    private activityBytes: number,
    journal: { seq: number; bytes: number },
    /** Digests of activity.jsonl up to `activityBytes` (checked-digest.ts), or null when not known. */
    private activityRanges: ActivityRange[] | null
  ) {
    this.seq = journal.seq
    this.journalBytes = journal.bytes
    this.remember(db.data)
    this.remember(file)
  }

  static async load(io: FileIO, dir: string, id: string, now: () => Date, canWrite: boolean): Promise<LoadedStory> {
    const paths = storyPaths(dir)
    const recovered = recoveredOfStory(dir)
    // Temp files are left only by a write that was cut off; the file it was replacing is intact.
    if (canWrite)
      for (const name of await io.readdir(dir).catch(() => [] as string[]))
        if (name.endsWith('.tmp')) await io.unlink(path.join(dir, name)).catch(() => undefined)
    const adapter = new DurableJsonAdapter(
      io,
      paths.state,
      storyStateKind(id),
      now,
      canWrite,
      serialiseState,
      recovered
    )
    // Files the store wrote and nobody changed since were checked before they were written.
    const digests = await readDigests(io, dir, id)
    adapter.trusted = (bytes) => stateMatches(digests, bytes)
    adapter.keepDigest = true
    const state = await adapter.read()
    const outcome = adapter.lastLoad as LoadOutcome<StoryState>
    const notices = [...outcome.notices]
    if (!state) return { record: null, outcome, notices }
    const title = `“${state.story.title}”`
    const writable = canWrite && outcome.state === 'ok'
    const activity = await readActivity(io, paths.activity, state.activityLength, writable, digests)
    const revisions = []
    for (const entry of state.revisions) {
      const { length: _length, ...info } = entry
      let text = entry.revision === state.story.revision ? state.story.text : null
      if (text === null) {
        text = await io.readFile(paths.revision(entry.revision)).then(
          (b) => b.toString('utf8'),
          (error: unknown) => {
            if (errnoCode(error) !== 'ENOENT') throw toIoError(error, paths.revision(entry.revision))
            notices.push({
              kind: 'missing',
              file: paths.revision(entry.revision),
              message: `The text of revision ${entry.revision} of ${title} is missing; the revision is listed without its text. If you have the text elsewhere, add it as a new revision.`,
              movedTo: null
            })
            return ''
          }
        )
      }
      revisions.push({ ...info, text })
    }
    const base: StoryFile = {
      schemaVersion: STORY_SCHEMA_VERSION,
      story: state.story,
      revisions,
      claims: state.claims,
      evidence: state.evidence,
      activity: activity.entries
    }
    if (state.dismissedSuggestions) base.dismissedSuggestions = state.dismissedSuggestions
    const journal = await readJournal(io, paths.journal, state.journalSeq, writable, title)
    const replayed = replayEach(base, journal.lines)
    const file = replayed.file
    const lost = journal.lost + replayed.skipped
    const restored = journal.lines.length - replayed.skipped
    if (activity.unread > 0) {
      const movedTo = writable ? await copyToRecovered(io, paths.activity, recovered, now) : null
      notices.push({
        kind: 'quarantined',
        file: paths.activity,
        message: `The activity log of ${title} was damaged: ${plural(activity.unread, 'entry', 'entries')} of ${state.activityLength} could not be read${movedTo ? ` (the log as found was kept as ${inRecovered(movedTo)})` : ''}. The story, its claims and evidence are as saved; the history shown skips ${activity.unread === 1 ? 'that entry' : 'those entries'}.`,
        movedTo
      })
    }
    if (activity.unread === 0 && activity.tailDamaged) {
      const movedTo = writable ? await copyToRecovered(io, paths.activity, recovered, now) : null
      notices.push({
        kind: 'quarantined',
        file: paths.activity,
        message: `The activity log of ${title} had unreadable lines after its ${plural(state.activityLength, 'entry', 'entries')}${movedTo ? ` (the log as found was kept as ${inRecovered(movedTo)})` : ''}. Every saved entry was read; nothing was lost.`,
        movedTo
      })
    }
    if (journal.damaged || replayed.skipped > 0) {
      const movedTo = writable ? await copyToRecovered(io, paths.journal, recovered, now) : null
      const unread = [
        ...(lost > 0 ? [`${plural(lost, 'change')} could not be read`] : []),
        ...(journal.unreadLines > 0 ? [`${plural(journal.unreadLines, 'line')} of it could not be read`] : []),
        ...(journal.unreadableTail ? ['its end could not be read at all'] : [])
      ]
      notices.push({
        kind: 'quarantined',
        file: paths.journal,
        message: `The change journal of ${title} was damaged: ${plural(restored, 'change')} in it ${restored === 1 ? 'was' : 'were'} restored and ${unread.join(' and ') || 'nothing in it was lost'}${movedTo ? ` (the journal as found was kept as ${inRecovered(movedTo)})` : ''}. Check the claims changed most recently before you rely on them.`,
        movedTo
      })
    }
    const backup = notices.find((n) => n.kind === 'recovered_from_backup' && n.file === paths.state)
    if (backup) {
      const since = restored > 0 ? ` and the ${plural(restored, 'change')} saved since, from its change journal` : ''
      const gone =
        lost > 0 || journal.unreadLines > 0 || journal.unreadableTail
          ? ' Changes saved since could not all be read (see the notice about its journal).'
          : ' Nothing that was saved is missing.'
      backup.message = `The story file of ${title} was ${notices.some((n) => n.kind === 'quarantined' && n.file === paths.state) ? 'damaged' : 'missing'} and was restored from its last good copy${since}: ${plural(file.claims.length, 'claim')} and ${plural(file.evidence.length, 'piece')} of evidence.${gone}`
    }
    const db = new Low(adapter, state)
    const record = new StoryRecord(io, paths, db, file, activity.bytes, journal, activity.ranges)
    record.stateBytes = (await io.size(paths.state)) ?? 0
    for (const [i, revision] of revisions.entries())
      record.revisionEntries.set(revision, state.revisions[i] as RevisionEntry)
    // What could be read is written again whole (the damaged files were copied to recovered/ above),
    // so the next save follows good lines and the next open finds no damage.
    const activityDamaged = activity.unread > 0 || activity.tailDamaged
    if (writable && (activityDamaged || journal.damaged || replayed.skipped > 0))
      await record.writeState(file, activityDamaged)
    return { record, outcome, notices }
  }

  /** Writes a new story's folder; the state file last, so a folder without one is a creation cut off. */
  static async create(io: FileIO, dir: string, file: StoryFile, now: () => Date): Promise<StoryRecord> {
    return (await StoryRecord.createMany(io, [{ dir, file }], now))[0]!
  }

  /**
   * Writes many new stories' folders as one batch (a desk pull brings thousands): each phase for
   * all of them at once, every file fsynced and each folder once per phase (writeFilesDurably).
   * The order within each story is create's: revisions and history, then the state file, then the
   * digests, so a folder without a state file is still a creation cut off. `checked`: the caller
   * parsed every part of each story with the model's own schemas already (see LibraryStore.createStories).
   */
  static async createMany(
    io: FileIO,
    stories: readonly { dir: string; file: StoryFile }[],
    now: () => Date,
    checked = false
  ): Promise<StoryRecord[]> {
    const prepared = stories.map(({ dir, file }) => {
      const id = file.story.id
      const state = toState(file, new WeakMap(), 0)
      if (!checked) {
        assertLoadable(storyStateKind(id).schema, state, `the story file ${id}`)
        for (const entry of file.activity) assertLoadable(Activity, entry, `the activity log of ${id}`)
      }
      // Each file's bytes made once: written, counted and hashed from the same buffer (story.json twice, with its .bak).
      const lines = Buffer.from(activityLines(file.activity))
      const json = serialiseState(state)
      return { dir, file, id, state, paths: storyPaths(dir), lines, json: Buffer.from(json), jsonLength: json.length }
    })
    let backedUp = true
    try {
      await inTurns(prepared, 16, ({ dir }) => io.mkdir(dir))
      await writeFilesDurably(
        io,
        prepared.flatMap(({ file, paths, lines }) => [
          ...file.revisions.map((revision) => ({ file: paths.revision(revision.revision), content: revision.text })),
          { file: paths.activity, content: lines }
        ])
      )
      // The state files, each with its `.bak` copy (as the adapter writes them): a story exists once it has one.
      backedUp = await writeFilesDurably(
        io,
        prepared.map(({ paths, json }) => ({ file: paths.state, content: json })),
        { backup: 'same' }
      )
    } catch (error) {
      throw toIoError(error, prepared[0]?.paths.dir ?? '')
    }
    return Promise.all(
      prepared.map(async ({ dir, file, id, state, paths, lines, json, jsonLength }) => {
        const adapter = new DurableJsonAdapter(io, paths.state, storyStateKind(id), now, true, serialiseState)
        adapter.keepDigest = true
        adapter.backupCurrent = backedUp
        adapter.writtenBytes = jsonLength
        adapter.written = { bytes: json.length, digest: digestOf(json) }
        const db = new Low(adapter, state)
        const bytes = lines.length
        const ranges = bytes > 0 ? [{ end: bytes, digest: digestOf(lines) }] : []
        await writeDigests(io, dir, { id, state: adapter.written, activity: ranges })
        await writeHead(io, dir, id, state, paths.state)
        return new StoryRecord(io, paths, db, file, bytes, { seq: 0, bytes: 0 }, ranges)
      })
    )
  }

  /** True when the journal has grown enough to be folded into story.json: past `atBytes` and half of story.json. */
  needsCompaction(atBytes = COMPACT_AT_BYTES): boolean {
    return this.journalBytes > Math.max(atBytes, this.stateBytes / 2)
  }

  /** Writes the head of story.json as it is (a story read whole because its head was missing or out of date). */
  async writeHead(): Promise<void> {
    await writeHead(this.io, this.paths.dir, this.db.data.story.id, this.db.data, this.paths.state)
  }

  /** True when story.json is behind the story (the journal holds changes). */
  get hasJournal(): boolean {
    return this.journalBytes > 0
  }

  /**
   * Saves `next` (made from `file` by a change); memory moves on only once it is on disk. Records
   * changed in place go to the journal as one line; anything else rewrites story.json.
   */
  async save(next: StoryFile): Promise<void> {
    const previous = this.file
    const id = next.story.id
    const state = toState(next, this.revisionEntries, this.seq)
    this.check(state, id)
    const appended = appendedActivity(previous.activity, next.activity)
    for (const entry of appended ?? next.activity)
      if (!checked.has(entry)) assertLoadable(Activity, entry, `the activity log of ${id}`)
    const known = new Set(previous.revisions.map((r) => r.revision))
    for (const revision of next.revisions)
      if (!known.has(revision.revision))
        assertLoadable(RevisionText, revision.text, `revision ${revision.revision} of ${id}`)

    const line = appended ? journalLine(this.seq + 1, previous, next, appended) : null
    if (line) await this.append(line, next)
    else {
      // A log replaced as a whole (a merged verification package) is written over a compacted state.
      if (!appended && this.hasJournal) await this.writeState(previous, false)
      await this.writeState(next, !appended)
    }
    for (const entry of appended ?? next.activity) checked.add(entry)
  }

  /** Folds the journal into story.json. */
  async compact(): Promise<void> {
    if (this.hasJournal) await this.writeState(this.file, false)
  }

  /** Appends the line taking `file` to `next`. */
  private async append(line: JournalLine, next: StoryFile): Promise<void> {
    const text = `${serialiseLine(line)}\n`
    try {
      await this.io.appendFile(this.paths.journal, text)
    } catch (error) {
      // Cut off what this save may have appended, so the next line follows the last good one.
      await this.io.truncate(this.paths.journal, this.journalBytes).catch(() => undefined)
      throw toIoError(error, this.paths.journal)
    }
    this.journalBytes += Buffer.byteLength(text)
    this.seq = line.seq
    this.file = next
    // Checked before they were written: the next save checks only what it changes (else every record put since the last compaction again).
    for (const record of line.claims?.put ?? []) checked.add(record)
    for (const record of line.evidence?.put ?? []) checked.add(record)
  }

  /**
   * Writes `next` as story.json, with the journal folded in: new revision texts, then the activity
   * since the last compaction (appended, or the whole log when `replaceLog`), then the state.
   */
  private async writeState(next: StoryFile, replaceLog: boolean): Promise<void> {
    const previous = this.db.data
    const state = toState(next, this.revisionEntries, this.seq)
    const known = new Set(previous.revisions.map((r) => r.revision))
    const added = next.revisions.filter((r) => !known.has(r.revision))
    let activityBytes = this.activityBytes
    let ranges = this.activityRanges
    try {
      for (const revision of added)
        await writeFileDurably(this.io, this.paths.revision(revision.revision), revision.text)
      if (!replaceLog) {
        const lines = activityLines(next.activity.slice(previous.activityLength))
        if (lines) await this.io.appendFile(this.paths.activity, lines)
        activityBytes += Buffer.byteLength(lines)
        if (lines && ranges) ranges = [...ranges, { end: activityBytes, digest: digestOf(lines) }]
      } else {
        const lines = activityLines(next.activity)
        await writeFileDurably(this.io, this.paths.activity, lines)
        activityBytes = Buffer.byteLength(lines)
        ranges = lines ? [{ end: activityBytes, digest: digestOf(lines) }] : []
      }
      // The head describes story.json: it goes before story.json is replaced and comes back after.
      await removeHead(this.io, this.paths.dir)
      this.db.data = state
      await this.db.write()
    } catch (error) {
      this.db.data = previous
      // Cut off what this write appended, so the next one does not follow lines that do not belong.
      if (!replaceLog) await this.io.truncate(this.paths.activity, this.activityBytes).catch(() => undefined)
      throw toIoError(error, this.paths.state)
    }
    this.activityBytes = activityBytes
    this.activityRanges = ranges
    const adapter = this.db.adapter as DurableJsonAdapter<StoryState>
    await writeDigests(this.io, this.paths.dir, {
      id: next.story.id,
      state: adapter.written,
      activity: ranges ?? []
    })
    await writeHead(this.io, this.paths.dir, next.story.id, state, this.paths.state)
    this.stateBytes = adapter.writtenBytes
    this.file = next
    this.remember(next)
    // story.json and its last good copy now hold every journal line; a crash before the journal is
    // emptied leaves lines they skip. While the copy is behind (it could not be written) the journal
    // keeps its lines, so a damaged story.json can still be rebuilt from the copy and the journal.
    if (this.journalBytes > 0 && (this.db.adapter as DurableJsonAdapter<StoryState>).backupCurrent) {
      await this.io.truncate(this.paths.journal, 0).then(
        () => (this.journalBytes = 0),
        () => undefined
      )
    }
  }

  /** The state file's schema, checked record by record: unchanged records were checked before. */
  private check(state: StoryState, id: string): void {
    const fresh = {
      ...state,
      claims: state.claims.filter((c) => !checked.has(c)),
      evidence: state.evidence.filter((e) => !checked.has(e))
    }
    // The kind's own schema is made per story id; the same check against the one shared schema spares compiling it on every save.
    assertLoadable(StoryState, fresh, `the story file ${id}`)
    if (state.story.id !== id)
      throw new AppError(
        'invalid_input',
        `That change was not saved: it would leave the story file ${id} holding another story. Nothing was written.`
      )
  }

  private remember(state: Pick<StoryState, 'claims' | 'evidence'>): void {
    for (const record of state.claims) checked.add(record)
    for (const record of state.evidence) checked.add(record)
  }
}

/** Entries added at the end of the log, or null when the log was replaced rather than appended to. */
function appendedActivity(before: readonly Activity[], after: readonly Activity[]): Activity[] | null {
  if (after.length < before.length) return null
  for (let i = before.length - 1; i >= 0 && i >= before.length - 3; i--) if (after[i]?.id !== before[i]?.id) return null
  if (before.length > 0 && after[0]?.id !== before[0]?.id) return null
  return after.slice(before.length)
}

const activityLines = (entries: readonly Activity[]): string => entries.map((e) => `${JSON.stringify(e)}\n`).join('')

function toState(file: StoryFile, entries: WeakMap<object, RevisionEntry>, journalSeq: number): StoryState {
  return {
    schemaVersion: STORY_STATE_VERSION,
    story: file.story,
    revisions: file.revisions.map((r) => {
      let entry = entries.get(r)
      if (!entry) {
        entry = {
          revision: r.revision,
          createdAt: r.createdAt,
          createdBy: r.createdBy,
          note: r.note,
          length: r.text.length
        }
        entries.set(r, entry)
      }
      return entry
    }),
    claims: file.claims,
    evidence: file.evidence,
    activityLength: file.activity.length,
    journalSeq,
    ...(file.dismissedSuggestions ? { dismissedSuggestions: file.dismissedSuggestions } : {})
  }
}

/** JSON.stringify of the state, reusing the JSON of records that are the same objects as last time. */
function serialiseState(state: StoryState): string {
  const dismissed = state.dismissedSuggestions
    ? `,"dismissedSuggestions":${JSON.stringify(state.dismissedSuggestions)}`
    : ''
  return `{"schemaVersion":${state.schemaVersion},"story":${recordJson(state.story)},"revisions":${JSON.stringify(state.revisions)},"claims":${listJson(state.claims)},"evidence":${listJson(state.evidence)},"activityLength":${state.activityLength},"journalSeq":${state.journalSeq}${dismissed}}`
}

/** JSON.stringify of a journal line; the records it puts keep their JSON for the next compaction. */
function serialiseLine(line: JournalLine): string {
  const change = (c: NonNullable<JournalLine['claims'] | JournalLine['evidence']>): string =>
    `{"put":${listJson(c.put)},"removed":${JSON.stringify(c.removed)}${c.order ? `,"order":${JSON.stringify(c.order)}` : ''}}`
  const parts = [`"seq":${line.seq}`]
  if (line.story) parts.push(`"story":${JSON.stringify(line.story)}`)
  if (line.claims) parts.push(`"claims":${change(line.claims)}`)
  if (line.evidence) parts.push(`"evidence":${change(line.evidence)}`)
  if (line.dismissedSuggestions !== undefined)
    parts.push(`"dismissedSuggestions":${JSON.stringify(line.dismissedSuggestions)}`)
  parts.push(`"activity":${JSON.stringify(line.activity)}`)
  return `{${parts.join(',')}}`
}

export interface ReadActivity {
  entries: Activity[]
  /** Bytes of the file that belong to the state. */
  bytes: number
  /** Entries the state counts that could not be read (damaged lines, or lines missing): outside damage. */
  unread: number
  /** After those entries, bytes that are neither activity entries nor the start of one: outside damage, not a cut-off save. */
  tailDamaged: boolean
  /** Digests of the log up to `bytes` when it was read whole (checked-digest.ts), else null. */
  ranges: ActivityRange[] | null
}

/**
 * The first `expected` lines of the log. A torn last line (a crash mid-append) and lines past
 * `expected` (appended by a save whose state never landed; they are in the journal too) do not
 * belong; they are cut off. A damaged or missing line among the first `expected` is outside damage:
 * it is counted, and the file is left whole for the caller to copy aside before writing the log again.
 */
export async function readActivity(
  io: FileIO,
  file: string,
  expected: number,
  canWrite: boolean,
  digests: CheckedDigests | null = null
): Promise<ReadActivity> {
  let bytes: Buffer
  try {
    bytes = await io.readFile(file)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT')
      return { entries: [], bytes: 0, unread: expected, tailDamaged: false, ranges: expected === 0 ? [] : null }
    throw new AppError(
      'io_error',
      `Could not read the activity log ${path.basename(path.dirname(file))}: ${toIoError(error, file).message}`
    )
  }
  const trustedEnd = activityMatches(digests, bytes)
  const { entries, end } = wholeActivity(bytes, expected, trustedEnd) ?? activityByLine(bytes, expected)
  const unread = expected - entries.length
  const tailDamaged = !isActivityTail(bytes.subarray(end))
  if (unread === 0 && !tailDamaged && end < bytes.length && canWrite) await io.truncate(file, end)
  const whole = unread === 0 && !tailDamaged
  // The ranges the next compaction adds to: the ones found (a few), else one for all that was read.
  const ranges = !whole
    ? null
    : end === 0
      ? []
      : trustedEnd === end && digests && digests.activity.length <= 16
        ? digests.activity
        : [{ end, digest: digestOf(bytes.subarray(0, end)) }]
  return { entries, bytes: whole ? end : bytes.length, unread, tailDamaged, ranges }
}

/** The entries of the first `expected` lines of the log, line by line: a damaged line is skipped (the caller counts it), the entries around it still count. */
export function activityByLine(bytes: Buffer, expected: number): { entries: Activity[]; end: number } {
  const entries: Activity[] = []
  let position = 0
  for (const line of jsonLines(bytes, Activity, expected)) {
    // A damaged line (null) is counted by the caller: the entries around it still count.
    if (line.value) entries.push(line.value)
    position = line.next
  }
  return { entries, end: position }
}

/** True when `tail` is what a cut-off save leaves: whole activity lines, then perhaps the start of one. */
function isActivityTail(tail: Buffer): boolean {
  let position = 0
  for (const line of jsonLines(tail, Activity)) {
    if (!line.value) return false
    position = line.next
  }
  return position === tail.length || tail[position] === 0x7b // '{'
}

const ActivityLog = z.array(Activity)

/**
 * The usual log, read at once: the first `expected` lines, every one whole and valid, parsed as
 * one JSON array and checked as one (a third of the time of line by line, in a 15,000-entry log).
 * Null when a line is missing, torn or damaged: then the log is read line by line.
 */
export function wholeActivity(
  bytes: Buffer,
  expected: number,
  /** Where the lines the store wrote end, when they are unchanged (checked before they were written). */
  trustedEnd: number | null = null
): { entries: Activity[]; end: number } | null {
  if (expected === 0) return { entries: [], end: 0 }
  let end = 0
  for (let line = 0; line < expected; line++) {
    const next = bytes.indexOf(10, end)
    if (next === -1) return null
    end = next + 1
  }
  let values: unknown
  try {
    // A line is one JSON value without a raw line break (JSON escapes them), so the breaks separate values.
    values = JSON.parse(`[${bytes.toString('utf8', 0, end - 1).replaceAll('\n', ',')}]`)
  } catch {
    return null
  }
  if (!Array.isArray(values) || values.length !== expected) return null
  if (trustedEnd === end) return { entries: values as Activity[], end }
  const parsed = ActivityLog.safeParse(values)
  return parsed.success ? { entries: parsed.data, end } : null
}

/** Writes a story's folder as the store writes it (state last, then what is derived from it). For fixtures that build large libraries. */
export async function writeStoryFolder(io: FileIO, dir: string, file: StoryFile): Promise<void> {
  const activity = activityLines(file.activity)
  const state = toState(file, new WeakMap(), 0)
  const json = serialiseState(state)
  const digests: CheckedDigests = {
    id: file.story.id,
    state: { bytes: Buffer.byteLength(json), digest: digestOf(json) },
    activity: activity ? [{ end: Buffer.byteLength(activity), digest: digestOf(activity) }] : []
  }
  for (const r of file.revisions) await io.writeFile(storyPaths(dir).revision(r.revision), r.text, 'w')
  await io.writeFile(storyPaths(dir).activity, activity, 'w')
  await io.writeFile(storyPaths(dir).state, json, 'w')
  await io.writeFile(checkedFileOf(dir), JSON.stringify(digests), 'w')
  await writeHead(io, dir, file.story.id, state, storyPaths(dir).state)
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** recovered/<name>, as a notice names it. */
export const inRecovered = (file: string): string => `recovered/${path.basename(file)}`
