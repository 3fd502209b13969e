// Units of merge between a library and its desk: a story's header, each claim, each piece of
// evidence, each source, each person, and the desk settings. Each has a key ("claim:<id>"), lives
// in a scope ("library" or a story id) and has a JSON value; null means deleted.
// Merging is per field against the last version both sides agreed on (three-way): a field changed on
// one side takes that side; changed the same way on both sides is fine; changed differently on both
// sides is a conflict that keeps both values for an editor to choose. Each side counts as changed by
// version, not only by value: a field the desk changed after the agreed version and back again is still
// the desk's change (`touched` in merge3), and a field this library set after the agreed version and
// back again is still this library's (`edited`). Comments, contact attempts and
// second reviews merge by union; the record of checked words is one fact when both sides checked the same words.
import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import {
  Claim,
  Evidence,
  Person,
  Settings,
  Source,
  Story,
  StoryRevision,
  type LibraryFile,
  type StoryFile
} from '../../shared/model'
import { DELETED_FIELD } from '../../shared/rules/sync-conflicts'

export type UnitKind = 'story' | 'claim' | 'evidence' | 'source' | 'person' | 'settings'
export type UnitValue = Record<string, unknown>
export interface Unit {
  key: string
  kind: UnitKind
  /** The story a unit belongs to; null for library-wide units. */
  storyId: string | null
  value: UnitValue
}

export const LIBRARY_SCOPE = 'library'
export const scopeOf = (unit: Pick<Unit, 'storyId'>): string => unit.storyId ?? LIBRARY_SCOPE
export const kindOf = (key: string): UnitKind => key.split(':')[0] as UnitKind

/** What a unit's value must look like before it is written into the library. */
export const unitSchemas: Record<UnitKind, z.ZodType> = {
  story: Story.extend({ revisions: z.array(StoryRevision) }),
  claim: Claim,
  evidence: Evidence,
  source: Source,
  person: Person,
  settings: Settings
}

/**
 * `schema`'s answer to "would this parse?", without the parsed copy: zod's own compiled validator
 * (`z.compile`, `z.validate`: the schema's rules as its parser has them, with the output construction left
 * out; a schema the compiler cannot model falls back to zod's parser inside `z.validate`). A pull checks
 * every value and history entry it receives (a first sync of 5,000 stories: some 400,000 values and a
 * million entries), and `safeParse` built a copy of each that nothing read: a third of what the pull
 * allocated, and 5.5 s of its CPU. Compiled on first use.
 */
export function conforms<T extends z.ZodType>(schema: T): (value: unknown) => boolean {
  let compiled: T | null = null
  return (value) => z.validate((compiled ??= z.compile(schema)), value)
}

const unitCheckers = Object.fromEntries(
  Object.entries(unitSchemas).map(([kind, schema]) => [kind, conforms(schema)])
) as Record<UnitKind, (value: unknown) => boolean>

/** True when a unit's value is one this version can write into the library (its kind's schema accepts it). */
export const unitConforms = (kind: UnitKind, value: unknown): boolean => unitCheckers[kind](value)

/** Bookkeeping stamps: never a conflict, the later one wins. */
const STAMPS = new Set(['updatedAt', 'updatedBy'])
/**
 * Records made by another field's change, which go with it: the checked words are written whenever the
 * verdict changes. While that field is in conflict the record is not a second question for the editor;
 * it takes the side the editor chooses for the field it follows (resolveConflict).
 */
export const FOLLOWS: Readonly<Record<string, string>> = { checked: 'verdict' }
/** Counters that only move up: never a conflict, the larger one wins (claim numbers are the desk's, see merge-core). */
const COUNTERS = new Set(['nextClaimNumber'])
/** Fields that merge without ever asking (stamps, counters): set back here, they are nobody's loss. */
export const mergesAlone = (field: string): boolean => STAMPS.has(field) || COUNTERS.has(field)

export function libraryUnits(library: Readonly<LibraryFile>): Unit[] {
  return [
    { key: 'settings', kind: 'settings', storyId: null, value: library.settings },
    ...library.people.map((p): Unit => ({ key: `person:${p.id}`, kind: 'person', storyId: null, value: p })),
    ...library.sources.map((s): Unit => ({ key: `source:${s.id}`, kind: 'source', storyId: null, value: s }))
  ]
}

export function storyUnits(file: Readonly<StoryFile>): Unit[] {
  const storyId = file.story.id
  return [
    { key: `story:${storyId}`, kind: 'story', storyId, value: { ...file.story, revisions: file.revisions } },
    ...file.claims.map((c): Unit => ({ key: `claim:${c.id}`, kind: 'claim', storyId, value: c })),
    ...file.evidence.map((e): Unit => ({ key: `evidence:${e.id}`, kind: 'evidence', storyId, value: e }))
  ]
}

export interface FieldConflict {
  field: string
  local: unknown
  remote: unknown
}

export interface Merged {
  value: UnitValue | null
  conflicts: FieldConflict[]
}

/** The field that stands for the whole unit in an edit-versus-delete conflict (one definition, shared with the window). */
export { DELETED_FIELD }

const NONE: ReadonlySet<string> = new Set()

/**
 * `touched`: the fields the desk changed after the agreed version, by version (see `changedSince` in
 * merge-core.ts). A field whose remote value equals the agreed one is still the desk's change when it
 * is touched (set A -> B -> A on the desk): against a local change of it, a conflict, never a silent
 * overwrite. `edited` is the same for this library's side: the fields it set after the agreed version
 * (local-edits.ts), so a field set A -> B -> A here, offline, is still this library's change against
 * the desk's B. A field whose value differs from the agreed one is changed whatever either says.
 */
export function merge3(
  base: UnitValue | null,
  local: UnitValue | null,
  remote: UnitValue | null,
  touched: ReadonlySet<string> = NONE,
  edited: ReadonlySet<string> = NONE
): Merged {
  if (isDeepStrictEqual(local, remote)) return { value: remote, conflicts: [] }
  if (edited.size === 0 && isDeepStrictEqual(local, base)) return { value: remote, conflicts: [] }
  if (touched.size === 0 && isDeepStrictEqual(remote, base)) return { value: local, conflicts: [] }
  // Both sides changed it. Deleted on one side and edited on the other is a conflict, never a silent delete.
  if (local === null || remote === null) {
    const kept = (local ?? remote) as UnitValue
    return {
      value: kept,
      conflicts: [
        {
          field: DELETED_FIELD,
          local: local === null ? 'deleted' : 'edited',
          remote: remote === null ? 'deleted' : 'edited'
        }
      ]
    }
  }
  // Created on both sides with no agreed version (desk settings on first sync): the desk's wins.
  if (base === null) return { value: remote, conflicts: [] }
  const value: UnitValue = { ...remote }
  const conflicts: FieldConflict[] = []
  for (const field of new Set([...Object.keys(local), ...Object.keys(remote)])) {
    const [b, l, r] = [base[field], local[field], remote[field]]
    if (isDeepStrictEqual(l, r) || (!edited.has(field) && isDeepStrictEqual(l, b))) continue
    if (!touched.has(field) && isDeepStrictEqual(r, b)) value[field] = l
    else if (STAMPS.has(field)) value[field] = String(l) > String(r) ? l : r
    else if (COUNTERS.has(field) && typeof l === 'number' && typeof r === 'number') value[field] = Math.max(l, r)
    else if (
      (field === 'comments' || field === 'contacts' || field === 'reviews') &&
      Array.isArray(l) &&
      Array.isArray(r)
    )
      value[field] = unionById(l, r)
    else if (field === 'checked' && sameCheckedWords(l, r)) value[field] = laterStamp(l, r)
    else {
      // Keep the local value in place (nothing this editor did disappears) and flag the field.
      value[field] = l
      conflicts.push({ field, local: l, remote: r })
    }
  }
  const asked = new Set(conflicts.map((c) => c.field))
  return { value, conflicts: conflicts.filter((c) => !asked.has(FOLLOWS[c.field] ?? '')) }
}

/** Two records of checked words for the same words (who and when aside) are one fact, not a conflict. */
function sameCheckedWords(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const { at: _atA, by: _byA, ...wordsA } = a as Record<string, unknown>
  const { at: _atB, by: _byB, ...wordsB } = b as Record<string, unknown>
  return isDeepStrictEqual(wordsA, wordsB)
}

const laterStamp = (a: unknown, b: unknown): unknown =>
  String((a as { at?: unknown }).at) > String((b as { at?: unknown }).at) ? a : b

function unionById(a: unknown[], b: unknown[]): unknown[] {
  const seen = new Set(a.map((x) => (x as { id: string }).id))
  return [...a, ...b.filter((x) => !seen.has((x as { id: string }).id))]
}

/** Puts a unit's value into a story file (null removes it). */
export function putStoryUnit(file: StoryFile, kind: UnitKind, id: string, value: UnitValue | null): void {
  if (kind === 'story') {
    if (!value) return
    const { revisions, ...story } = value as UnitValue & { revisions: StoryFile['revisions'] }
    file.story = story as StoryFile['story']
    file.revisions = revisions
  } else if (kind === 'claim') file.claims = putById(file.claims, id, value as Claim | null)
  else if (kind === 'evidence') file.evidence = putById(file.evidence, id, value as Evidence | null)
}

export function putLibraryUnit(library: LibraryFile, kind: UnitKind, id: string, value: UnitValue | null): void {
  if (kind === 'settings') {
    if (value) library.settings = value as Settings
  } else if (kind === 'person') library.people = putById(library.people, id, value as Person | null)
  else if (kind === 'source') library.sources = putById(library.sources, id, value as Source | null)
}

function putById<T extends { id: string }>(list: T[], id: string, value: T | null): T[] {
  const index = list.findIndex((x) => x.id === id)
  if (value === null) return index === -1 ? list : list.filter((x) => x.id !== id)
  if (index === -1) return [...list, value]
  const next = [...list]
  next[index] = value
  return next
}

export const idOf = (key: string): string => key.slice(key.indexOf(':') + 1)
