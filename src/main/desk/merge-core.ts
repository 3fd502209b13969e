// The merge core of desk sync: units in, units and conflicts out. No I/O, no store drafts, no
// proxies: everything that comes in is copied to plain JSON first and everything that goes out is
// plain JSON, so a conflict can always be saved, sent to the window and compared.
//
// One scope (a story, or the library) at a time. For each unit the desk sent, its value is merged
// three-way against the version this library last agreed with the desk (merge3 in units.ts). Whether
// the desk changed a field since that version is told by version, not by value: the desk sends with
// each unit the sequence number of each field's last change (units.field_seqs, desk schema 13), and a
// field changed after the agreed version's sequence number is the desk's change even when it is back
// to the agreed value (A -> B -> A), so a local edit of it is a conflict, never overwritten in silence.
// The library's side is told the same way: `edited` names the fields this library set after the agreed
// version (local-edits.ts), so a field set A -> B -> A here while the desk took B is a conflict too.
// The rules on top of merge3 that make the desk trustworthy:
// - An open conflict stays open until an editor resolves it (or both sides come to hold the same
//   value): a later remote change, even a revert to the agreed version, updates the desk's side of
//   the conflict and never closes it on its own.
// - Evidence of a claim that is kept against a delete is kept with it (held by the claim's
//   conflict), so keeping the edit restores the claim with its evidence and comments.
// - A value this version cannot read is never written into the library and never dropped: it is
//   returned as `unreadable` for the caller to keep aside.
import { isDeepStrictEqual } from 'node:util'
import { DELETED_FIELD } from '../../shared/rules/sync-conflicts'
import { scalesFromLabels } from '../store/migrations'
import { FOLLOWS, idOf, merge3, unitConforms, type FieldConflict, type UnitKind, type UnitValue } from './units'

/** An open conflict as this library keeps it: plain JSON only. */
export interface OpenConflict {
  key: string
  kind: UnitKind
  storyId: string | null
  unitId: string
  fields: FieldConflict[]
  /** The version both sides last agreed on, against which the conflict is judged. */
  base: UnitValue | null
  /** That version's sequence number on the desk (absent: none, or a conflict saved before desk schema 13). */
  baseSeq?: number
  /** Other units kept with this one until it is resolved (a kept claim's evidence): key -> the desk's value. */
  held?: Record<string, UnitValue | null>
}

export interface RemoteUnit {
  key: string
  kind: UnitKind
  value: unknown
  /**
   * Each field's last change on the desk, as its sequence number (units.field_seqs): a field absent
   * has not changed since the unit was created. Absent or null: the desk did not say (a value the
   * desk rewrote in answer to this library's own push), and only values tell what changed.
   */
  fieldSeqs?: Readonly<Record<string, number>> | null
}

export interface ScopeMergeInput {
  /** The story id, or null for the library's own units. */
  storyId: string | null
  /** The library's current value of each unit in the scope (absent or null: not there). */
  local: Readonly<Record<string, unknown>>
  /** The agreed version of each unit (absent: never agreed). */
  bases: Readonly<Record<string, unknown>>
  /** The agreed version's sequence number on the desk, by key (absent: never agreed). */
  baseSeqs?: Readonly<Record<string, number>>
  /**
   * The fields this library set after the agreed version, by key (local-edits.ts): such a field is this
   * library's change even when its value is back to the agreed one. Absent: told by value alone.
   */
  edited?: Readonly<Record<string, readonly string[]>>
  /** What the desk sent for this scope. */
  remote: readonly RemoteUnit[]
  /**
   * The remote values are plain JSON the caller parsed for this merge alone (a pull's rows): taken as
   * they are. Otherwise each is copied first, like the local values.
   */
  remoteOwned?: boolean
  /** Open conflicts of this scope, by key. */
  conflicts: Readonly<Record<string, OpenConflict>>
}

export interface ScopeMergeOutput {
  /** The library's new value for each unit the merge touched (null: remove it). */
  values: Record<string, { kind: UnitKind; value: UnitValue | null }>
  /** The new agreed version of each unit the desk sent (readable ones only). */
  bases: Record<string, UnitValue | null>
  /** Every open conflict of the scope after the merge, by key. */
  conflicts: Record<string, OpenConflict>
  /** Keys whose merged value is not the desk's: the library holds something the desk has yet to get. */
  keptLocal: string[]
  /** Remote values this version could not read: not applied, for the caller to keep aside and report. */
  unreadable: RemoteUnit[]
}

/** Library units before story units, each story's header before its claims and evidence. */
export const UNIT_ORDER: Record<UnitKind, number> = {
  settings: 0,
  person: 0,
  source: 0,
  story: 1,
  claim: 2,
  evidence: 3
}

/** A deep copy as plain JSON (reads through proxies; drops undefined, as saving would). */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

const asValue = (v: unknown): UnitValue | null => (v === undefined || v === null ? null : (v as UnitValue))

/**
 * A value an older Factdesk wrote, in the present shape: desk settings from before the scales carry the
 * built-in verdicts' and statuses' names, which become the scales as a library's own do (migrations.ts).
 */
const upgraded = (kind: UnitKind, v: UnitValue | null): UnitValue | null =>
  kind === 'settings' && v !== null && 'verdictLabels' in v ? (scalesFromLabels(v) as UnitValue) : v

/** True when a remote value can be written into the library by this version. */
export function readable(kind: UnitKind, value: unknown): boolean {
  return value === null || (typeof value === 'object' && unitConforms(kind, value))
}

export function mergeScope(input: ScopeMergeInput): ScopeMergeOutput {
  // Copied to plain JSON only when read: a scope's other units are never touched.
  const local = new Map<string, UnitValue | null>()
  const localOf = (key: string): UnitValue | null => {
    if (!local.has(key)) local.set(key, asValue(plain(input.local[key])))
    return local.get(key)!
  }
  const conflicts: Record<string, OpenConflict> = plain({ ...input.conflicts })
  const out: ScopeMergeOutput = { values: {}, bases: {}, conflicts, keptLocal: [], unreadable: [] }
  const remote = [...input.remote].sort((a, b) => UNIT_ORDER[a.kind] - UNIT_ORDER[b.kind])
  for (const r of remote) {
    const rv = upgraded(r.kind, asValue(input.remoteOwned ? r.value : plain(r.value)))
    if (!readable(r.kind, rv)) {
      out.unreadable.push({ key: r.key, kind: r.kind, value: rv })
      continue
    }
    const held = heldBy(conflicts, r.key)
    if (held) {
      // Kept with its claim until that conflict is resolved: the desk's value waits beside it.
      held.held![r.key] = rv
      out.bases[r.key] = rv
      if (!isDeepStrictEqual(localOf(r.key), rv)) out.keptLocal.push(r.key)
      continue
    }
    const known = conflicts[r.key]
    const base = upgraded(r.kind, known ? known.base : asValue(input.bases[r.key]))
    const baseSeq = known ? known.baseSeq : input.baseSeqs?.[r.key]
    // A unit deleted here and edited on the desk stays in the library while the conflict is open (the
    // desk's edit is not lost), but this library's side is still the delete, as long as the library
    // holds the desk's value as it was given (edited here since, it is this library's edit): the desk's
    // later value is merged against the delete, never taken for "both sides hold the same value".
    const deletedHere =
      (known?.fields.some((f) => f.field === DELETED_FIELD && f.local === 'deleted') ?? false) &&
      isDeepStrictEqual(localOf(r.key), asValue(input.bases[r.key]))
    const mine = deletedHere ? null : localOf(r.key)
    const edited = input.edited?.[r.key]
    const merged = merge3(base, mine, rv, changedSince(r, rv, baseSeq), edited && new Set(edited))
    let fields = merged.conflicts
    if (known && !isDeepStrictEqual(mine, rv)) fields = stillOpen(known, fields, mine, rv)
    const value =
      fields.length > 0 && known && !deletedHere ? keepLocalFields(merged.value, mine, fields) : merged.value
    if (fields.length > 0) {
      conflicts[r.key] = {
        key: r.key,
        kind: r.kind,
        storyId: input.storyId,
        unitId: idOf(r.key),
        fields,
        base,
        ...(baseSeq !== undefined ? { baseSeq } : {}),
        ...(known?.held ? { held: known.held } : {})
      }
    } else if (known) {
      // Both sides now hold the same value: nothing is left to choose.
      delete conflicts[r.key]
    }
    local.set(r.key, value)
    out.values[r.key] = { kind: r.kind, value }
    out.bases[r.key] = rv
    if (!isDeepStrictEqual(value, rv)) out.keptLocal.push(r.key)
  }
  holdEvidence(input, conflicts, out)
  if (input.storyId) nextNumberPast(input.storyId, localOf, out)
  return out
}

/**
 * The fields the desk changed after the agreed version (sequence number `baseSeq`), by version: each
 * field's last change is newer than the agreed version. Empty when the desk deleted the unit (a delete
 * is told by its value), when nothing was agreed, or when the desk did not send the fields' versions.
 */
export function changedSince(r: RemoteUnit, value: UnitValue | null, baseSeq: number | undefined): Set<string> {
  const fields = new Set<string>()
  if (value === null || baseSeq === undefined || !r.fieldSeqs) return fields
  for (const [field, seq] of Object.entries(r.fieldSeqs)) if (Number(seq) > baseSeq) fields.add(field)
  return fields
}

/**
 * The desk may give a claim another number than the one it was marked with (see claimNumbers in
 * migrations.ts); the story's next number then moves past every number it has seen, so a claim
 * marked here later never starts from a number already taken.
 */
function nextNumberPast(storyId: string, localOf: (key: string) => UnitValue | null, out: ScopeMergeOutput): void {
  let top = 0
  for (const { kind, value } of Object.values(out.values))
    if (kind === 'claim' && value && typeof value.number === 'number') top = Math.max(top, value.number)
  const key = `story:${storyId}`
  const header = out.values[key]?.value ?? localOf(key)
  if (!header || typeof header.nextClaimNumber !== 'number' || header.nextClaimNumber > top) return
  out.values[key] = { kind: 'story', value: { ...header, nextClaimNumber: top + 1 } }
  if (!out.keptLocal.includes(key)) out.keptLocal.push(key)
}

/** The conflict that holds a unit (a claim's evidence), if any. */
function heldBy(conflicts: Record<string, OpenConflict>, key: string): OpenConflict | undefined {
  for (const c of Object.values(conflicts)) if (c.held && key in c.held) return c
  return undefined
}

/**
 * A known conflict met a newer remote value: it stays open. Each field already in conflict, and
 * each newly conflicting one, shows the two sides as they are now.
 */
function stillOpen(
  known: OpenConflict,
  fresh: FieldConflict[],
  mine: UnitValue | null,
  theirs: UnitValue | null
): FieldConflict[] {
  if (mine === null || theirs === null || known.fields.some((f) => f.field === DELETED_FIELD)) {
    return [
      {
        field: DELETED_FIELD,
        local: mine === null ? 'deleted' : 'edited',
        remote: theirs === null ? 'deleted' : 'edited'
      }
    ]
  }
  const names = new Set([...known.fields.map((f) => f.field), ...fresh.map((f) => f.field)])
  const fields: FieldConflict[] = []
  for (const field of names) {
    if (isDeepStrictEqual(mine[field], theirs[field])) continue
    fields.push({ field, local: mine[field], remote: theirs[field] })
  }
  return fields
}

/** While a conflict is open the library keeps its own value of each conflicting field (and the unit itself). */
function keepLocalFields(merged: UnitValue | null, mine: UnitValue | null, fields: FieldConflict[]): UnitValue | null {
  if (mine === null) return fields.some((f) => f.field === DELETED_FIELD) ? null : merged
  if (merged === null) return mine
  const value = { ...merged }
  for (const f of fields) if (f.field !== DELETED_FIELD) value[f.field] = mine[f.field]
  return value
}

/**
 * A claim kept here against the desk's delete keeps its evidence: evidence of that claim which the
 * desk deleted stays in the library, held by the claim's conflict, until an editor chooses.
 */
function holdEvidence(input: ScopeMergeInput, conflicts: Record<string, OpenConflict>, out: ScopeMergeOutput): void {
  const kept = new Map<string, OpenConflict>()
  for (const c of Object.values(conflicts))
    if (c.kind === 'claim' && c.fields.some((f) => f.field === DELETED_FIELD && f.remote === 'deleted'))
      kept.set(c.unitId, c)
  if (kept.size === 0) return
  for (const r of input.remote) {
    if (r.kind !== 'evidence' || out.values[r.key]?.value !== null) continue
    const before = asValue(plain(input.local[r.key]))
    const claimId = (before as { claimId?: unknown } | null)?.claimId
    const owner = typeof claimId === 'string' ? kept.get(claimId) : undefined
    if (!before || !owner) continue
    owner.held = { ...owner.held, [r.key]: null }
    out.values[r.key] = { kind: 'evidence', value: before }
    if (!out.keptLocal.includes(r.key)) out.keptLocal.push(r.key)
  }
}

/** Keys an open conflict keeps from being pushed: the conflicted unit and whatever it holds. */
export function heldKeys(conflicts: Readonly<Record<string, OpenConflict>>): Set<string> {
  const keys = new Set<string>()
  for (const c of Object.values(conflicts)) {
    keys.add(c.key)
    for (const k of Object.keys(c.held ?? {})) keys.add(k)
  }
  return keys
}

export type Choices = Record<string, 'local' | 'remote'>

/**
 * An editor's resolution applied to the library's values: each field takes this library's value or
 * the desk's; an edit against a delete keeps the unit (with everything it held) or deletes it.
 * Returns the new value of the conflicted unit and of each unit it held.
 */
export function resolveConflict(
  conflict: OpenConflict,
  current: UnitValue | null,
  remote: UnitValue | null,
  heldLocal: Readonly<Record<string, unknown>>,
  choices: Choices
): Record<string, UnitValue | null> {
  const out: Record<string, UnitValue | null> = {}
  const deleted = conflict.fields.find((f) => f.field === DELETED_FIELD)
  if (deleted) {
    const choice = choices[DELETED_FIELD]
    const side = choice === 'local' ? deleted.local : deleted.remote
    const keep = side === 'edited'
    const value = keep ? (choice === 'local' ? current : remote) : null
    out[conflict.key] = plain(value)
    for (const [k, desk] of Object.entries(conflict.held ?? {}))
      out[k] = keep ? (choice === 'local' ? asValue(plain(heldLocal[k])) : asValue(plain(desk))) : null
    return out
  }
  let value = plain(current)
  for (const f of conflict.fields) {
    if (choices[f.field] !== 'remote' || !value) continue
    value = { ...value, [f.field]: plain(f.remote) }
  }
  // A record that goes with a field (the checked words with the verdict) takes the side chosen for it.
  for (const [field, leader] of Object.entries(FOLLOWS))
    if (value && remote && choices[leader] === 'remote' && !conflict.fields.some((f) => f.field === field))
      value = { ...value, [field]: plain(remote[field]) }
  out[conflict.key] = value
  return out
}
