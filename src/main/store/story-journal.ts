// A story's write-ahead journal, stories/<id>/journal.jsonl: a claim save appends one line holding
// only what it changed (the records put or removed, the story's fields without its text, the
// activity it logged) and fsyncs it, instead of rewriting story.json. A story is story.json with
// the journal's lines after its `journalSeq` replayed in order; story-record.ts folds the journal
// into story.json (compaction) once it has grown, when the story leaves memory, and on close.
//
// Lines are numbered. A line at or below the state's `journalSeq` is already in story.json (a
// crash after a compaction wrote story.json but before it emptied the journal) and is skipped; a
// torn last line (a crash mid-append) is cut off; a line that breaks the numbering or does not
// parse can only be damage from outside: the lines around it still count, the changes missing are
// counted for the notice, and the file is copied to recovered/ before the good lines are folded in.
import { z } from 'zod'
import { Activity, Claim, Evidence, Story, StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { toIoError } from './durable-write'
import { errnoCode, type FileIO } from './file-io'
import { jsonLines } from './jsonl'
import { upgradeJournalLine } from './migrations'

interface Keyed {
  id: string
}

/** Records put (changed or added, by id) or removed from one list, and its new order when putting and removing does not give it. */
export interface ListChange<T extends Keyed> {
  put: T[]
  removed: string[]
  order?: string[]
}

const listChange = <T extends z.ZodType<Keyed>>(record: T) =>
  z.strictObject({ put: z.array(record), removed: z.array(z.string()), order: z.array(z.string()).optional() })

export const JournalLine = z.strictObject({
  seq: z.number().int().min(1),
  /** The story's fields when they changed; its text never travels in the journal (a text change rewrites story.json). */
  story: Story.omit({ text: true }).optional(),
  claims: listChange(Claim).optional(),
  evidence: listChange(Evidence).optional(),
  /** The dismissed suggestions when they changed (null: none). */
  dismissedSuggestions: StoryFile.shape.dismissedSuggestions.unwrap().nullable().optional(),
  activity: z.array(Activity)
})
export type JournalLine = z.infer<typeof JournalLine>

/** A line as read from disk: lines an older version wrote are brought to the present shape first. */
const StoredJournalLine = z.preprocess(upgradeJournalLine, JournalLine)

/** A list being replayed: records replaced in place, appended, removed or reordered by id. */
class ListReplay<T extends Keyed> {
  private items: (T | undefined)[]
  private readonly at = new Map<string, number>()
  private removed = 0

  constructor(list: readonly T[]) {
    this.items = [...list]
    this.items.forEach((r, i) => this.at.set((r as T).id, i))
  }

  apply(change: ListChange<T>): void {
    for (const record of change.put) {
      const i = this.at.get(record.id)
      if (i === undefined) {
        this.at.set(record.id, this.items.length)
        this.items.push(record)
      } else this.items[i] = record
    }
    for (const id of change.removed) {
      const i = this.at.get(id)
      if (i === undefined) continue
      this.items[i] = undefined
      this.at.delete(id)
      this.removed++
    }
    if (change.order) {
      const byId = new Map(this.result().map((r) => [r.id, r]))
      if (byId.size !== change.order.length) throw new Error('the order does not list every record')
      this.items = change.order.map((id) => {
        const record = byId.get(id)
        if (!record) throw new Error(`the order lists ${id}, which is not there`)
        return record
      })
      this.at.clear()
      this.items.forEach((r, i) => this.at.set((r as T).id, i))
      this.removed = 0
    }
  }

  result(): T[] {
    return this.removed === 0 ? (this.items as T[]) : (this.items.filter((r) => r !== undefined) as T[])
  }
}

/**
 * What changed from `before` to `after` (records compared by identity: a change copies only what it
 * touches), undefined when nothing did, or null when the change cannot be told by id (the same id
 * twice): such a save rewrites story.json instead.
 */
export function diffList<T extends Keyed>(before: readonly T[], after: readonly T[]): ListChange<T> | undefined | null {
  if (before === after) return undefined
  if (before.length === after.length) {
    // The usual save: records changed in place, none added, removed or moved.
    const put: T[] = []
    let inPlace = true
    for (let i = 0; i < after.length && inPlace; i++) {
      const a = after[i] as T
      const b = before[i] as T
      if (a === b) continue
      if (a.id === b.id) put.push(a)
      else inPlace = false
    }
    if (inPlace) return put.length > 0 ? { put, removed: [] } : undefined
  }
  const previous = new Map(before.map((r) => [r.id, r]))
  const kept = new Set(after.map((r) => r.id))
  const change: ListChange<T> = {
    put: after.filter((r) => previous.get(r.id) !== r),
    removed: before.filter((r) => !kept.has(r.id)).map((r) => r.id)
  }
  const replay = new ListReplay(before)
  replay.apply(change)
  const replayed = replay.result()
  if (replayed.length !== after.length) return null
  if (replayed.some((r, i) => r.id !== (after[i] as T).id)) change.order = after.map((r) => r.id)
  if (kept.size !== after.length) return null
  return change.put.length > 0 || change.removed.length > 0 || change.order ? change : undefined
}

/** The parts of a story file a journal line carries (the rest never changes, or is saved by rewriting story.json). */
const JOURNALED = new Set(['schemaVersion', 'story', 'claims', 'evidence', 'activity', 'dismissedSuggestions'])

/** The journal line taking `before` to `after`, or null when only a rewrite of story.json can (see StoryRecord.save). */
export function journalLine(
  seq: number,
  before: StoryFile,
  after: StoryFile,
  activity: Activity[]
): JournalLine | null {
  if (after.story.text !== before.story.text || after.revisions !== before.revisions) return null
  // A part of the story file a line does not carry (one added later, say) is saved by a rewrite, never dropped.
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!JOURNALED.has(key) && (before as Record<string, unknown>)[key] !== (after as Record<string, unknown>)[key])
      return null
  }
  const claims = diffList(before.claims, after.claims)
  const evidence = diffList(before.evidence, after.evidence)
  if (claims === null || evidence === null) return null
  const line: JournalLine = { seq, activity }
  if (after.story !== before.story) {
    const { text: _text, ...story } = after.story
    line.story = story
  }
  if (claims) line.claims = claims
  if (evidence) line.evidence = evidence
  if (after.dismissedSuggestions !== before.dismissedSuggestions)
    line.dismissedSuggestions = after.dismissedSuggestions ?? null
  return line
}

/** `file` with the lines applied in order. */
export function replay(file: StoryFile, lines: readonly JournalLine[]): StoryFile {
  if (lines.length === 0) return file
  const claims = new ListReplay(file.claims)
  const evidence = new ListReplay(file.evidence)
  const activity = [...file.activity]
  let story = file.story
  let dismissed = file.dismissedSuggestions
  for (const line of lines) {
    if (line.story) story = { ...line.story, text: story.text }
    if (line.claims) claims.apply(line.claims)
    if (line.evidence) evidence.apply(line.evidence)
    if (line.dismissedSuggestions !== undefined) dismissed = line.dismissedSuggestions ?? undefined
    for (const entry of line.activity) activity.push(entry)
  }
  const next: StoryFile = {
    schemaVersion: file.schemaVersion,
    story,
    revisions: file.revisions,
    claims: claims.result(),
    evidence: evidence.result(),
    activity
  }
  if (dismissed) next.dismissedSuggestions = dismissed
  return next
}

/**
 * `file` with the lines applied in order. A line that does not fit (it reorders records that are not
 * there, say: only possible after damage left a gap before it) is skipped and counted.
 */
export function replayEach(file: StoryFile, lines: readonly JournalLine[]): { file: StoryFile; skipped: number } {
  try {
    return { file: replay(file, lines), skipped: 0 }
  } catch {
    let current = file
    let skipped = 0
    for (const line of lines) {
      try {
        current = replay(current, [line])
      } catch {
        skipped++
      }
    }
    return { file: current, skipped }
  }
}

export interface ReadJournal {
  /** Lines after `folded`, in order. */
  lines: JournalLine[]
  /** The number of the last line (`folded` when there is none). */
  seq: number
  /** Bytes of the journal kept. */
  bytes: number
  /** Whole lines that could not be read, or are out of order: outside damage. */
  damaged: boolean
  /** Changes after `folded` known to be missing: gaps in the numbering between good lines. */
  lost: number
  /** Damaged lines after the last good one (each was one save, or outside damage). */
  unreadLines: number
  /** The end of the file holds bytes that are neither whole lines nor the start of one (zeros, say): how many changes they held is unknown. */
  unreadableTail: boolean
}

/**
 * The lines after `folded` (the state's journalSeq). A torn last line (a crash mid-append: never
 * acknowledged) is cut off. A whole line that does not parse, or breaks the numbering, can only be
 * damage from outside: it is passed over, the lines after it still count, the changes missing are
 * counted, and the file is left as it is for the caller to copy aside before it folds the good lines
 * into story.json.
 */
export async function readJournal(
  io: FileIO,
  file: string,
  folded: number,
  canWrite: boolean,
  label: string
): Promise<ReadJournal> {
  let bytes: Buffer
  try {
    bytes = await io.readFile(file)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT')
      return { lines: [], seq: folded, bytes: 0, damaged: false, lost: 0, unreadLines: 0, unreadableTail: false }
    throw new AppError('io_error', `Could not read the journal of ${label}: ${toIoError(error, file).message}`)
  }
  const lines: JournalLine[] = []
  let seq = folded
  let position = 0
  let damaged = false
  let lost = 0
  /** Damaged lines since the last good one: their numbers are unknown until the next good line says. */
  let unread = 0
  let unreadableTail = false
  for (const line of jsonLines(bytes, StoredJournalLine)) {
    const parsed = line.value
    position = line.next
    if (!parsed || (parsed.seq > folded && parsed.seq <= seq)) {
      damaged = true
      unread++
      continue
    }
    unread = 0
    if (parsed.seq <= folded) continue
    if (parsed.seq !== seq + 1) {
      damaged = true
      lost += parsed.seq - seq - 1
    }
    lines.push(parsed)
    seq = parsed.seq
  }
  // A torn last line (the start of a line, cut off): the append it belonged to was never acknowledged.
  if (position < bytes.length) {
    unreadableTail = !isLineStart(bytes.subarray(position))
    if (unreadableTail) damaged = true
  }
  // Only lines already in story.json: start the journal afresh.
  if (canWrite && lines.length === 0 && position > 0 && !damaged) position = 0
  // A torn tail is cut off, so the next append follows the last good line; a damaged file is left whole.
  if (canWrite && !damaged && position < bytes.length) await io.truncate(file, position)
  return {
    lines,
    seq,
    bytes: canWrite && !damaged ? position : bytes.length,
    damaged,
    lost,
    unreadLines: unread,
    unreadableTail
  }
}
/** True when `bytes` could be the start of a line this journal writes (what a crash mid-append leaves). */
function isLineStart(bytes: Buffer): boolean {
  const start = '{"seq":'
  return start.startsWith(bytes.subarray(0, start.length).toString('latin1'))
}
