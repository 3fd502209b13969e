// What one write changed in a story, record by record and keyed by id: the claims, the evidence and
// the story's fields it changed, each with its value before and after. The store works it out for
// every write (immer keeps the records a change did not touch as the same objects, so only those it
// touched are compared) and announces it; the history (services/history.ts) keeps it as the write's
// inverse. Keyed by id, never by position: taking a write back touches exactly the records it changed,
// wherever they have moved in the story since.
import { isDeepStrictEqual } from 'node:util'
import type { Claim, Evidence, Story, StoryFile } from '../../shared/model'

export interface RecordChange<T> {
  id: string
  /** Null: the write added the record. */
  before: T | null
  /** Null: the write removed the record. */
  after: T | null
  /** Where the record stood in its list (before the write for a removal, after it otherwise). */
  index: number
}

/** The story's own fields a write can take back; `updatedAt` and the claim counter only go forward. */
export const undoableStoryFields = [
  'title',
  'outlet',
  'byline',
  'url',
  'publishedAt',
  'language',
  'deskState',
  'signOff',
  'origin'
] as const satisfies readonly (keyof Story)[]
export type UndoableStoryField = (typeof undoableStoryFields)[number]

export interface FieldChange {
  field: UndoableStoryField
  before: unknown
  after: unknown
}

export interface StoryEdit {
  story: FieldChange[]
  claims: RecordChange<Claim>[]
  evidence: RecordChange<Evidence>[]
  dismissed: { before: string[] | undefined; after: string[] | undefined } | null
  /** The write changed the text or the revisions, which are kept for good: it cannot be taken back. */
  revised: boolean
}

/** Which history step a write is (an undo or redo of entry `entry`), told to the store so it announces it as such. */
export interface HistoryStep {
  kind: 'undo' | 'redo'
  entry: number
}

export function diffStory(before: StoryFile, after: StoryFile): StoryEdit {
  const story: FieldChange[] = []
  if (before.story !== after.story) {
    for (const field of undoableStoryFields) {
      if (!isDeepStrictEqual(before.story[field], after.story[field]))
        story.push({ field, before: before.story[field], after: after.story[field] })
    }
  }
  const dismissed =
    before.dismissedSuggestions !== after.dismissedSuggestions &&
    !isDeepStrictEqual(before.dismissedSuggestions, after.dismissedSuggestions)
      ? { before: before.dismissedSuggestions, after: after.dismissedSuggestions }
      : null
  return {
    story,
    claims: diffRecords(before.claims, after.claims),
    evidence: diffRecords(before.evidence, after.evidence),
    dismissed,
    revised:
      before.revisions !== after.revisions ||
      before.story.text !== after.story.text ||
      before.story.revision !== after.story.revision
  }
}

function diffRecords<T extends { id: string }>(before: T[], after: T[]): RecordChange<T>[] {
  if (before === after) return []
  const changes: RecordChange<T>[] = []
  const old = new Map(before.map((r, index) => [r.id, { r, index }]))
  const kept = new Set<string>()
  after.forEach((r, index) => {
    kept.add(r.id)
    const was = old.get(r.id)
    if (!was) changes.push({ id: r.id, before: null, after: r, index })
    else if (was.r !== r && !sameRecord(was.r, r)) changes.push({ id: r.id, before: was.r, after: r, index })
  })
  for (const [id, { r, index }] of old) if (!kept.has(id)) changes.push({ id, before: r, after: null, index })
  return changes
}

/**
 * Whether two versions of a record (or its absence, null) are the same apart from the stamps saying
 * when and by whom it was last written: a write that only stamps a record changed nothing to take
 * back, and an undo (which stamps what it writes) leaves the records as an older step expects them.
 */
export function sameRecord<T extends object>(a: T | null, b: T | null): boolean {
  if (a === b) return true
  if (a === null || b === null) return false
  return isDeepStrictEqual(unstamped(a), unstamped(b))
}

const unstamped = (record: object): object => {
  const { updatedAt: _at, updatedBy: _by, ...rest } = record as Record<string, unknown>
  return rest
}

/** True when the write changed nothing a history step could take back (only activity or timestamps). */
export function isEmptyEdit(edit: StoryEdit): boolean {
  return edit.story.length === 0 && edit.claims.length === 0 && edit.evidence.length === 0 && edit.dismissed === null
}

/** The edit that takes `edit` back: every change with its sides swapped. */
export function invertEdit(edit: StoryEdit): StoryEdit {
  const swap = <T>(c: RecordChange<T>): RecordChange<T> => ({ ...c, before: c.after, after: c.before })
  return {
    story: edit.story.map((c) => ({ field: c.field, before: c.after, after: c.before })),
    claims: edit.claims.map(swap),
    evidence: edit.evidence.map(swap),
    dismissed: edit.dismissed && { before: edit.dismissed.after, after: edit.dismissed.before },
    revised: edit.revised
  }
}
