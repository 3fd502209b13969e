// The fields this library set since the version it last agreed with the desk, per unit: the library's
// side of "changed by version, not by value". A field set A -> B -> A here (offline, or within one
// round of the sync) holds the agreed value again, and a value compare reads it as untouched: the
// desk's B would then overwrite the deliberate A in silence, and the desk, told nothing, would let an
// offline editor's B do the same. So every local write names the fields it changed (from the store's
// record of the write, and from what the outbox finds differing from the agreed version), and they
// stay named until a push of the unit is acknowledged (or a conflict on them is settled):
// - the merge counts them as this library's change (merge3's `edited`): against a different value on
//   the desk, a conflict on both screens;
// - a unit with a field set back is a local change: it is pushed, naming the fields set back, and the
//   desk stamps them with the change's sequence number (factdesk.set_back, read by the trigger of desk schema 14), so every
//   other library sees them changed after its agreed version.
// Kept in the desk state (state.json), so they survive a restart. Each note has a serial number, so an
// acknowledgement clears only what the pushed value held (a field set again while the push was under
// way stays named).
import { isDeepStrictEqual } from 'node:util'
import type { StoryEdit } from '../store/story-edit'
import { mergesAlone, type UnitValue } from './units'

/** As saved in the desk state: the last serial given, and each unit's named fields with the serial of their last note. */
export interface EditedState {
  serial: number
  units: Record<string, Record<string, number>>
}

export class LocalEdits {
  /** Something was named or cleared since the state was last saved. */
  unsaved = false

  constructor(private readonly saved: EditedState) {}

  /** Names `fields` of the unit `key` as set here (by a write: each note is newer than any before). */
  note(key: string, fields: Iterable<string>): void {
    for (const field of fields) {
      ;(this.saved.units[key] ??= {})[field] = ++this.saved.serial
      this.unsaved = true
    }
  }

  /**
   * Names the fields of `key` found differing from the agreed version that no write named (library.json
   * has no record of what a write changed), as of `at`, the mark taken before the value was read (a push
   * of that value clears them): a field already named keeps its note.
   */
  notice(key: string, fields: Iterable<string>, at: number): void {
    for (const field of fields) {
      const named = (this.saved.units[key] ??= {})
      if (field in named) continue
      named[field] = at
      this.unsaved = true
    }
    if (Object.keys(this.saved.units[key] ?? {}).length === 0) delete this.saved.units[key]
  }

  /** The fields of `key` set here since the agreed version (undefined: none). */
  of(key: string): string[] | undefined {
    const named = this.saved.units[key]
    return named ? Object.keys(named) : undefined
  }

  /** Every unit with named fields, as merge-core takes them. */
  ofKeys(keys: Iterable<string>): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const key of keys) {
      const fields = this.of(key)
      if (fields) out[key] = fields
    }
    return out
  }

  /** The serial of the last note: what a value read after this moment holds. */
  mark(): number {
    return this.saved.serial
  }

  /**
   * The desk has the unit as it was when `upTo` was marked (a push acknowledged), or an editor chose
   * for these fields (a conflict settled): they are no longer this library's unshared change.
   */
  clear(key: string, upTo = Infinity, fields?: readonly string[]): void {
    const named = this.saved.units[key]
    if (!named) return
    for (const [field, serial] of Object.entries(named))
      if (serial <= upTo && (!fields || fields.includes(field))) {
        delete named[field]
        this.unsaved = true
      }
    if (Object.keys(named).length === 0) delete this.saved.units[key]
  }
}

/** The fields of each record a story write changed (claims, evidence, the story's own fields), by unit key. */
export function editedFields(storyId: string, edit: StoryEdit): [string, string[]][] {
  const out: [string, string[]][] = []
  if (edit.story.length > 0) out.push([`story:${storyId}`, edit.story.map((c) => c.field)])
  for (const [kind, changes] of [
    ['claim', edit.claims],
    ['evidence', edit.evidence]
  ] as const)
    for (const c of changes)
      if (c.before && c.after) out.push([`${kind}:${c.id}`, changedFields(c.before as object, c.after as object)])
  return out.filter(([, fields]) => fields.length > 0)
}

/** The fields whose values differ between two versions of a unit. */
export function changedFields(before: object, after: object): string[] {
  const a = before as UnitValue
  const b = after as UnitValue
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !isDeepStrictEqual(a[f], b[f]))
}

/**
 * The named fields that hold the agreed value again (set A -> B -> A here): a unit with any is a local
 * change although its value may equal the agreed one, and its push names them to the desk. Stamps and
 * counters are left out: they never conflict, so their going back is nothing to tell.
 */
export function setBack(
  value: UnitValue | null,
  base: UnitValue | null,
  edited: readonly string[] | undefined
): string[] {
  if (!edited || !value || !base) return []
  return edited.filter((f) => !mergesAlone(f) && f in value && isDeepStrictEqual(value[f], base[f]))
}
