// The merge core under generated edit histories: two to five replicas of one story edit every kind
// of field (scalar, list, object, anchors through a revision, comments, creates, deletes with their
// evidence), go offline and back in any order, and sync through a model of the desk that judges
// pushes as factdesk.push_page does (compare-and-set against the agreed version, claim numbers
// given by the desk, open conflicts raised on the desk and read by every pull). Properties: everything
// converges once conflicts are resolved, no acknowledged edit disappears unless it was overwritten by an
// editor who had seen it (or chose against it in a conflict) or a conflict on it is open and shown on
// every replica (the one that made the edit and every other),
// conflicts are plain serialisable data, and claim numbers are unique.
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { budgetStory } from '../reports/testing/sample-report'
import { DELETED_FIELD } from '../../shared/rules/sync-conflicts'
import { changedFields, LocalEdits, setBack } from './local-edits'
import { heldKeys, mergeScope, resolveConflict, type OpenConflict } from './merge-core'
import { kindOf, storyUnits, type UnitValue } from './units'
import { defaultSettings, type Settings } from '../../shared/model'

const file = budgetStory('s1')
const STORY = 's1'
const HEAD = `story:${STORY}`
const claimTemplate = file.claims[0]! as unknown as UnitValue
const evidenceTemplate = file.evidence[0]! as unknown as UnitValue

interface DeskUnit {
  seq: number
  value: UnitValue | null
  /** Each field's last change (units.field_seqs); a field absent has not changed since the unit was created. */
  fields: Record<string, number>
}

/**
 * The fields' versions after a change, as the desk's trigger keeps them (factdesk.stamp_fields, desk
 * schema 13): a new unit has none; each field whose value the change alters (or every field, when it
 * brings a deleted unit back) takes the change's sequence number; a delete keeps them. The fields the
 * push names as set back to the value they had (`set`, factdesk.set_back, schema 14) take it too.
 */
function stampFields(
  before: DeskUnit | undefined,
  value: UnitValue | null,
  seq: number,
  set: readonly string[]
): Record<string, number> {
  if (!before) return {}
  const fields = { ...before.fields }
  if (value === null) return fields
  const old = before.value
  for (const f of new Set([...Object.keys(value), ...Object.keys(old ?? {})]))
    if (!old || !isDeepStrictEqual(old[f], value[f])) fields[f] = seq
  for (const f of set) if (f in value) fields[f] = seq
  return fields
}

/** The desk, as push_page keeps it: a value and a sequence number per unit, numbers per claim. */
class Desk {
  seq = 0
  units = new Map<string, DeskUnit>()
  /** Claim numbers given, for the story's life (never freed). */
  numbers = new Map<number, string>()
  /** Every version of every unit, oldest first. */
  history = new Map<string, { seq: number; value: UnitValue | null }[]>()
  /** Open conflicts as raised on the desk (factdesk.conflicts, one row per unit and raiser): the fields in conflict. */
  conflicts = new Map<string, { key: string; fields: string[]; raisedBy: number }>()
  push(key: string, value: UnitValue | null, baseSeq: number, set: readonly string[] = []): DeskUnit | 'stale' {
    if ((this.units.get(key)?.seq ?? 0) !== baseSeq) return 'stale'
    let stored = value
    if (value && kindOf(key) === 'claim') {
      const mine = [...this.numbers].find(([, k]) => k === key)?.[0]
      let number = mine ?? (value.number as number)
      if (mine === undefined && this.numbers.has(number)) number = Math.max(...this.numbers.keys()) + 1
      this.numbers.set(number, key)
      if (number !== value.number) stored = { ...value, number }
    }
    const seq = ++this.seq
    const entry = { seq, value: stored, fields: stampFields(this.units.get(key), stored, seq, set) }
    this.units.set(key, entry)
    this.history.set(key, [...(this.history.get(key) ?? []), { seq, value: stored }])
    return entry
  }
}

interface Write {
  /** The replica that made it; -1 for an editor's choice in a conflict (never pushed as such). */
  replica: number
  /** For a choice: the replica whose editor chose. */
  chooser?: number
  key: string
  field: string
  value: unknown
  /** The desk version of the key the writer had merged when it wrote. */
  sawSeq: number
  /** The desk sequence number at which this write was accepted, once it was. */
  ackSeq: number | null
}

class Replica {
  local = new Map<string, UnitValue>()
  bases = new Map<string, { seq: number; value: UnitValue | null }>()
  conflicts: Record<string, OpenConflict> = {}
  /** The desk's open conflicts raised by other replicas, as this replica's last pull read them. */
  seen = new Map<string, string[]>()
  /** This replica's conflicts as it last raised them on the desk (DeskSync's state.shared). */
  shared = new Map<string, string>()
  /** The fields this replica set since the agreed version (DeskSync's state.edited). */
  edits = new LocalEdits({ serial: 0, units: {} })
  cursor = 0
  online = true
  clock = 0
  constructor(
    readonly id: number,
    readonly desk: Desk,
    readonly writes: Write[]
  ) {
    for (const [key, { seq, value }] of desk.units) {
      this.bases.set(key, { seq, value })
      if (value) this.local.set(key, structuredClone(value))
    }
    this.cursor = desk.seq
  }

  private stamp(): string {
    return new Date(Date.UTC(2026, 0, 1) + ++this.clock * 1000 + this.id).toISOString()
  }

  write(key: string, patch: Record<string, unknown>): void {
    const current = this.local.get(key)
    if (!current) return
    const next = { ...current, ...patch, ...(kindOf(key) === 'story' ? {} : { updatedAt: this.stamp() }) }
    this.local.set(key, next)
    // As DeskSync.changed notes each write's fields (from the store's record of it).
    this.edits.note(key, changedFields(current, next))
    for (const [field, value] of Object.entries(patch))
      // A write of the value already there changes nothing, and there is nothing of it to lose.
      if (!isDeepStrictEqual(current[field], value))
        this.writes.push({
          replica: this.id,
          key,
          field,
          value: structuredClone(value),
          sawSeq: this.bases.get(key)?.seq ?? 0,
          ackSeq: null
        })
  }

  claims(): string[] {
    return [...this.local.keys()].filter((k) => k.startsWith('claim:')).sort()
  }

  create(n: number): void {
    const head = this.local.get(HEAD)
    if (!head) return
    const number = head.nextClaimNumber as number
    this.local.set(HEAD, { ...head, nextClaimNumber: number + 1 })
    const id = `c${this.id}-${n}`
    this.local.set(`claim:${id}`, { ...claimTemplate, id, number, comments: [], updatedAt: this.stamp() })
  }

  addEvidence(claimKey: string, n: number): void {
    if (!this.local.has(claimKey)) return
    const id = `e${this.id}-${n}`
    this.local.set(`evidence:${id}`, { ...evidenceTemplate, id, claimId: claimKey.slice(6) })
  }

  remove(claimKey: string): void {
    if (!this.local.has(claimKey)) return
    const gone = [claimKey]
    for (const [k, v] of this.local) if (k.startsWith('evidence:') && v.claimId === claimKey.slice(6)) gone.push(k)
    for (const key of gone) {
      this.local.delete(key)
      const sawSeq = this.bases.get(key)?.seq ?? 0
      this.writes.push({ replica: this.id, key, field: DELETED_FIELD, value: null, sawSeq, ackSeq: null })
    }
  }

  /** A merge of what the desk sent, the way DeskSync.mergeInto runs it. */
  merge(rows: { key: string; seq: number; value: UnitValue | null; fields?: Record<string, number> }[]): void {
    if (rows.length === 0) return
    const bases: Record<string, unknown> = {}
    const baseSeqs: Record<string, number> = {}
    for (const [k, b] of this.bases) {
      bases[k] = b.value
      baseSeqs[k] = b.seq
    }
    const out = mergeScope({
      storyId: STORY,
      local: Object.fromEntries(this.local),
      bases,
      baseSeqs,
      edited: this.edits.ofKeys(rows.map((r) => r.key)),
      remote: rows.map((r) => ({ key: r.key, kind: kindOf(r.key), value: r.value, fieldSeqs: r.fields })),
      conflicts: this.conflicts
    })
    for (const [key, { value }] of Object.entries(out.values))
      if (value) this.local.set(key, value)
      else this.local.delete(key)
    const seqOf = new Map(rows.map((r) => [r.key, r.seq]))
    for (const [key, value] of Object.entries(out.bases)) this.bases.set(key, { seq: seqOf.get(key)!, value })
    this.conflicts = out.conflicts
    // Conflicts are plain data: they survive a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(out.conflicts))).toEqual(out.conflicts)
  }

  pull(): void {
    if (!this.online) return
    const rows = [...this.desk.units]
      .filter(([key, u]) => u.seq > this.cursor && this.bases.get(key)?.seq !== u.seq)
      .map(([key, u]) => ({ key, seq: u.seq, value: structuredClone(u.value), fields: { ...u.fields } }))
      .sort((a, b) => a.seq - b.seq)
    this.merge(rows)
    this.cursor = this.desk.seq
    // Every pull reads the desk's open conflicts (DeskSync.readDeskConflicts).
    this.seen = new Map()
    for (const c of this.desk.conflicts.values())
      if (c.raisedBy !== this.id) this.seen.set(c.key, [...(this.seen.get(c.key) ?? []), ...c.fields])
  }

  /** Raises this replica's new or changed conflicts on the desk (DeskSync.shareConflicts). */
  share(): void {
    if (!this.online) return
    for (const c of Object.values(this.conflicts)) {
      const fields = c.fields.map((f) => f.field)
      if (this.shared.get(c.key) === JSON.stringify(fields)) continue
      this.desk.conflicts.set(`${c.key} ${this.id}`, { key: c.key, fields, raisedBy: this.id })
      this.shared.set(c.key, JSON.stringify(fields))
    }
  }

  /** True when this replica shows a conflict on `field` of `key` (its own, or one the desk holds open). */
  shows(key: string, field: string): boolean {
    const own = this.conflicts[key]?.fields.map((f) => f.field) ?? []
    return [...own, ...(this.seen.get(key) ?? [])].some((f) => f === field || f === DELETED_FIELD)
  }

  /** Pending units pushed one by one; stale ones fetched and merged (the next round pushes the result). */
  push(): void {
    if (!this.online) return
    const held = heldKeys(this.conflicts)
    const stale: string[] = []
    for (const key of new Set([...this.local.keys(), ...this.bases.keys()])) {
      if (held.has(key)) continue
      const value = this.local.get(key) ?? null
      const base = this.bases.get(key)
      // A field set back to the agreed value is a local change too (DeskSync.collect), named to the desk.
      const set = setBack(value, base?.value ?? null, this.edits.of(key))
      if (isDeepStrictEqual(value, base?.value ?? null) && set.length === 0) continue
      const answer = this.desk.push(key, structuredClone(value), base?.seq ?? 0, set)
      if (answer === 'stale') {
        stale.push(key)
        continue
      }
      this.edits.clear(key)
      for (const w of this.writes)
        if (
          w.replica === this.id &&
          w.key === key &&
          w.ackSeq === null &&
          (w.field === DELETED_FIELD ? value === null : isDeepStrictEqual(value?.[w.field], w.value))
        )
          w.ackSeq = answer.seq
      this.bases.set(key, { seq: answer.seq, value })
      // The desk numbered the claim: its value is merged now, as the client does with a rewritten answer.
      if (!isDeepStrictEqual(answer.value, value)) this.merge([{ key, seq: answer.seq, value: answer.value }])
    }
    if (stale.length > 0)
      this.merge(
        stale.map((key) => {
          const u = this.desk.units.get(key)!
          return { key, seq: u.seq, value: structuredClone(u.value), fields: { ...u.fields } }
        })
      )
  }

  sync(): void {
    this.push()
    this.pull()
    this.share()
    this.push()
  }

  resolveFirst(pick: number): boolean {
    const conflict = Object.values(this.conflicts)[0]
    if (!conflict) return false
    const choices: Record<string, 'local' | 'remote'> = {}
    conflict.fields.forEach((f, i) => (choices[f.field] = (pick >> i) & 1 ? 'remote' : 'local'))
    const heldLocal = Object.fromEntries(Object.keys(conflict.held ?? {}).map((k) => [k, this.local.get(k) ?? null]))
    const values = resolveConflict(
      conflict,
      this.local.get(conflict.key) ?? null,
      this.bases.get(conflict.key)?.value ?? null,
      heldLocal,
      choices
    )
    for (const [k, v] of Object.entries(values))
      if (v) this.local.set(k, v)
      else this.local.delete(k)
    // The fields chosen for are settled (DeskSync.resolve), and so is what the unit held.
    const deleted = conflict.fields.some((f) => f.field === DELETED_FIELD)
    this.edits.clear(conflict.key, Infinity, deleted ? undefined : conflict.fields.map((f) => f.field))
    for (const key of Object.keys(conflict.held ?? {})) this.edits.clear(key)
    // A choice is an edit made knowing the desk's side: it may overwrite what the desk holds.
    const sawSeq = this.bases.get(conflict.key)?.seq ?? 0
    for (const f of conflict.fields)
      this.writes.push({
        replica: -1,
        chooser: this.id,
        key: conflict.key,
        field: f.field,
        value: null,
        sawSeq,
        ackSeq: null
      })
    // Keeping a claim against a delete brings back the evidence it held: knowingly too.
    for (const key of Object.keys(conflict.held ?? {}))
      this.writes.push({
        replica: -1,
        chooser: this.id,
        key,
        field: DELETED_FIELD,
        value: null,
        sawSeq: this.bases.get(key)?.seq ?? 0,
        ackSeq: null
      })
    const { [conflict.key]: _done, ...rest } = this.conflicts
    this.conflicts = rest
    // Settled here: closed on the desk (DeskSync's state.closing, sent by the next sync; here at once).
    this.desk.conflicts.delete(`${conflict.key} ${this.id}`)
    this.shared.delete(conflict.key)
    return true
  }

  liveValues(): Record<string, UnitValue> {
    return Object.fromEntries([...this.local].sort(([a], [b]) => a.localeCompare(b)))
  }
}

type Op =
  | { t: 'verdict'; r: number; c: number; v: string | null }
  | { t: 'tags'; r: number; c: number; tags: string[] }
  | { t: 'anchor'; r: number; c: number; start: number }
  | { t: 'comment'; r: number; c: number }
  | { t: 'title'; r: number; title: string }
  | { t: 'revise'; r: number }
  | { t: 'create'; r: number }
  | { t: 'evidence'; r: number; c: number }
  | { t: 'delete'; r: number; c: number }
  | { t: 'sync'; r: number }
  | { t: 'net'; r: number }
  | { t: 'resolve'; r: number; pick: number }
  | {
      t: 'bounce'
      r: number
      c: number
      field: Bounced
      pick: number
      rival: number | null
      back: boolean
      /** Set and set back in the library, with no sync between (offline, or within one round). */
      local: boolean
    }

/** The fields a bounce sets and sets back: a scalar, a list, an object (the anchor) and the story's title. */
type Bounced = 'verdict' | 'tags' | 'anchor' | 'title'

const op = (replicas: number): fc.Arbitrary<Op> => {
  const r = fc.nat({ max: replicas - 1 })
  const c = fc.nat({ max: 6 })
  return fc.oneof(
    fc.record({
      t: fc.constant('verdict' as const),
      r,
      c,
      v: fc.constantFrom('accurate', 'false', 'misleading', null)
    }),
    fc.record({
      t: fc.constant('tags' as const),
      r,
      c,
      tags: fc.array(fc.constantFrom('roads', 'budget', 'crime'), { maxLength: 2 })
    }),
    fc.record({ t: fc.constant('anchor' as const), r, c, start: fc.nat({ max: 40 }) }),
    fc.record({ t: fc.constant('comment' as const), r, c }),
    fc.record({ t: fc.constant('title' as const), r, title: fc.constantFrom('Budget', 'Roads', 'Council') }),
    fc.record({ t: fc.constant('revise' as const), r }),
    fc.record({ t: fc.constant('create' as const), r }),
    fc.record({ t: fc.constant('evidence' as const), r, c }),
    fc.record({ t: fc.constant('delete' as const), r, c }),
    fc.record({ t: fc.constant('sync' as const), r }),
    fc.record({ t: fc.constant('sync' as const), r }),
    fc.record({ t: fc.constant('net' as const), r }),
    fc.record({ t: fc.constant('resolve' as const), r, pick: fc.nat({ max: 255 }) }),
    // A -> B -> A by one editor, often with another editor setting B offline meanwhile (the history
    // random ops found about one run in ten: the desk's A read as unchanged, the offline B won).
    fc.record({
      t: fc.constant('bounce' as const),
      r,
      c,
      field: fc.constantFrom<Bounced>('verdict', 'tags', 'anchor', 'title'),
      pick: fc.nat({ max: 40 }),
      rival: fc.option(fc.nat({ max: replicas - 1 }), { nil: null }),
      back: fc.boolean(),
      local: fc.boolean()
    })
  )
}

/** A value B for a bounced field, from `pick`. */
function bounced(field: Bounced, current: UnitValue, pick: number): unknown {
  switch (field) {
    case 'verdict':
      return ['accurate', 'false', 'misleading', null][pick % 4]
    case 'tags':
      return [['roads'], ['budget', 'crime'], []][pick % 3]
    case 'anchor': {
      const anchor = current.anchor as { position: { start: number; end: number } }
      return { ...anchor, position: { ...anchor.position, start: pick, end: pick + 5 } }
    }
    case 'title':
      return ['Budget', 'Roads', 'Council'][pick % 3]
  }
}

function run(replicaCount: number, ops: Op[]): { desk: Desk; replicas: Replica[]; writes: Write[] } {
  const desk = new Desk()
  for (const u of storyUnits(file)) desk.push(u.key, structuredClone(u.value), 0)
  const writes: Write[] = []
  const replicas = Array.from({ length: replicaCount }, (_, i) => new Replica(i, desk, writes))
  let n = 0
  for (const o of ops) {
    const rep = replicas[o.r]!
    const claim = 'c' in o ? rep.claims()[o.c % Math.max(1, rep.claims().length)] : undefined
    switch (o.t) {
      case 'verdict':
        if (claim) rep.write(claim, { verdict: o.v })
        break
      case 'tags':
        if (claim) rep.write(claim, { tags: o.tags })
        break
      case 'anchor':
        if (claim) {
          const anchor = rep.local.get(claim)!.anchor as { position: { start: number; end: number } }
          rep.write(claim, {
            anchor: { ...anchor, position: { ...anchor.position, start: o.start, end: o.start + 5 } }
          })
        }
        break
      case 'comment':
        if (claim) {
          const comments = rep.local.get(claim)!.comments as unknown[]
          const id = `k${o.r}-${++n}`
          rep.write(claim, { comments: [...comments, { id, body: 'note', by: 'p', at: '2026-01-01T00:00:00.000Z' }] })
        }
        break
      case 'title':
        rep.write(HEAD, { title: o.title })
        break
      case 'revise': {
        // A new revision moves every claim's anchor onto it.
        const head = rep.local.get(HEAD)
        if (!head) break
        const revision = (head.revision as number) + 1
        rep.write(HEAD, { revision })
        for (const k of rep.claims()) rep.write(k, { anchor: { ...(rep.local.get(k)!.anchor as object), revision } })
        break
      }
      case 'create':
        rep.create(++n)
        break
      case 'evidence':
        if (claim) rep.addEvidence(claim, ++n)
        break
      case 'delete':
        if (claim) rep.remove(claim)
        break
      case 'sync':
        rep.sync()
        break
      case 'net':
        rep.online = !rep.online
        break
      case 'resolve':
        rep.resolveFirst(o.pick)
        break
      case 'bounce': {
        const key = o.field === 'title' ? HEAD : claim
        const current = key ? rep.local.get(key) : undefined
        if (!key || !current) break
        const was = structuredClone(current[o.field])
        const next = bounced(o.field, current, o.pick)
        if (isDeepStrictEqual(was, next)) break
        const rival = o.rival !== null && o.rival !== o.r ? replicas[o.rival]! : null
        if (o.local) {
          // A -> B -> A in the library with no sync between; the rival sets B, and one of the two
          // reaches the desk first (the bouncer, when `back`; else the rival, as if the bouncer was offline).
          rep.write(key, { [o.field]: next })
          rep.write(key, { [o.field]: was })
          if (rival?.local.has(key)) rival.write(key, { [o.field]: structuredClone(next) })
          for (const first of o.back ? [rep, rival] : [rival, rep]) first?.sync()
          break
        }
        // The rival sets B while offline; it comes back online after the bounce (it syncs later).
        if (rival?.local.has(key)) {
          rival.online = false
          rival.write(key, { [o.field]: structuredClone(next) })
        }
        rep.write(key, { [o.field]: next })
        rep.sync()
        rep.write(key, { [o.field]: was })
        if (o.back) rep.sync()
        if (rival) rival.online = true
        break
      }
    }
  }
  return { desk, replicas, writes }
}

/** Everyone online, syncing in turns until nothing moves. */
function quiesce(replicas: Replica[], desk: Desk): void {
  for (const r of replicas) r.online = true
  for (let round = 0; round < 30; round++) {
    const before = [desk.seq, JSON.stringify([...desk.conflicts])]
    for (const r of replicas) r.sync()
    if (desk.seq === before[0] && JSON.stringify([...desk.conflicts]) === before[1]) return
  }
  throw new Error('the replicas never stopped pushing')
}

const deskValues = (desk: Desk): Record<string, UnitValue> =>
  Object.fromEntries(
    [...desk.units]
      .filter(([, u]) => u.value !== null)
      .map(([k, u]) => [k, u.value!] as const)
      .sort(([a], [b]) => a.localeCompare(b))
  )

/** True when `value` (a unit, or undefined when deleted) still has what the write `w` wrote. */
function holds(value: UnitValue | undefined, w: Write): boolean {
  if (w.field === DELETED_FIELD) return !value
  if (!value) return false
  if (isDeepStrictEqual(value[w.field], w.value)) return true
  // Comments merge by union: each comment written is still there.
  if (w.field !== 'comments') return false
  const ids = new Set((value.comments as { id: string }[]).map((c) => c.id))
  return (w.value as { id: string }[]).every((c) => ids.has(c.id))
}

const history = fc
  .integer({ min: 2, max: 5 })
  .chain((replicas) =>
    fc.tuple(
      fc.constant(replicas),
      fc.array(op(replicas), { minLength: 5, maxLength: 60 }),
      fc.array(fc.nat(255), { maxLength: 40 })
    )
  )

/**
 * Runs one generated history and checks it: converges, loses no acknowledged edit without a conflict,
 * keeps conflicts plain and numbers unique.
 */
function checkHistory([count, ops, picks]: [number, Op[], number[]]): void {
  const { desk, replicas, writes } = run(count, ops)
  quiesce(replicas, desk)

  // No acknowledged edit disappears without a visible conflict. Every edit an editor saved (the
  // library acknowledged it, whether or not the desk has it yet) is still on the desk, or was
  // overwritten by an editor who had seen it (a later edit of the same field in the same library,
  // a replica that had merged it from the desk, or a choice in a conflict), or a conflict on that
  // field (or on the unit's delete) is open and shown on every replica: the one that made the
  // edit, and every other, all of which read the desk's open conflicts.
  const now = deskValues(desk)
  writes.forEach((w, index) => {
    if (w.replica < 0) return
    if (holds(now[w.key], w)) return
    // Once on the desk, others could see it: from when the desk held this value (for this field)
    // without a break up to the write's acceptance, or (a write the desk never took, as another
    // editor made the same edit first) up to the last time the desk held the same value.
    // Before that only its own library had it.
    let since = Infinity
    const versions = [...(desk.history.get(w.key) ?? [])].reverse()
    const has = (v: { value: UnitValue | null }): boolean =>
      w.field === DELETED_FIELD ? v.value === null : isDeepStrictEqual(v.value?.[w.field], w.value)
    // A version the writer had merged when it wrote does not count: the write was a new edit after it
    // (a field set back to the agreed value, A -> B -> A, in the writer's library), which nobody else
    // had seen, even though the desk held the same value before.
    const upTo = w.ackSeq ?? versions.find((v) => v.seq > w.sawSeq && has(v))?.seq ?? null
    if (upTo !== null) {
      since = upTo
      for (const v of versions) {
        if (v.seq > upTo) continue
        if (!has(v) || v.seq <= w.sawSeq) break
        since = v.seq
      }
    }
    const overwrittenKnowingly = writes.some(
      (o, i) =>
        o !== w &&
        o.key === w.key &&
        (o.field === w.field || o.field === DELETED_FIELD) &&
        (o.sawSeq >= since || (i > index && (o.replica === w.replica || o.chooser === w.replica)))
    )
    if (overwrittenKnowingly) return
    // Still in its library, in a unit held back by a conflict on another field: waiting, not lost.
    const writer = replicas[w.replica]!
    if (holds(writer.local.get(w.key), w) && heldKeys(writer.conflicts).has(w.key) && !writer.shows(w.key, w.field))
      return
    for (const r of replicas)
      expect(
        r.shows(w.key, w.field),
        `write ${JSON.stringify(w)} lost without a conflict shown on replica ${r.id} (since ${since}; others ${JSON.stringify(writes.filter((o) => o.key === w.key && o !== w))})`
      ).toBe(true)
  })

  // Conflicts resolved one by one, until none is left; then every replica holds the desk's values.
  for (let i = 0, p = 0; i < 50 && replicas.some((r) => Object.keys(r.conflicts).length > 0); i++) {
    for (const r of replicas) while (r.resolveFirst(picks[p++ % Math.max(1, picks.length)] ?? 0));
    quiesce(replicas, desk)
  }
  for (const r of replicas) expect(r.conflicts).toEqual({})
  const final = deskValues(desk)
  for (const r of replicas) expect(r.liveValues()).toEqual(final)

  // Claim numbers are unique in the story, and none was given twice.
  const numbers = Object.entries(final)
    .filter(([k]) => k.startsWith('claim:'))
    .map(([, v]) => v.number)
  expect(new Set(numbers).size).toBe(numbers.length)
  const head = final[HEAD]
  if (head) for (const n of numbers) expect(head.nextClaimNumber as number).toBeGreaterThan(n as number)
}

describe('merge core under generated edit histories', () => {
  it('converges, loses no acknowledged edit without a conflict, keeps conflicts plain and numbers unique', () => {
    // A fixed seed, so that a run of the suite is repeatable: random seeds found the known case below
    // (about one run in ten). FACTDESK_PROPERTY_SEED explores others; FACTDESK_PROPERTY_RUNS runs more.
    fc.assert(fc.property(history, checkHistory), {
      numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 300),
      seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)
    })
  }, 120_000)

  // Found by a random seed in CI (issue 23): a field changed and changed back to its agreed value
  // (A -> B -> A) read as unchanged to a value-only three-way merge, so an editor who was offline and
  // set it to B overwrote the other editor's deliberate A without a conflict. Now the desk says when
  // each field last changed and the merge takes a field changed after the agreed version as the
  // desk's change. Failed on the old code (held there as it.fails).
  it('an edit set back to the agreed value is not overwritten by an offline editor without a conflict', () => {
    checkHistory([
      2,
      [
        { t: 'create', r: 1 },
        { t: 'verdict', r: 0, c: 0, v: 'misleading' },
        { t: 'sync', r: 0 },
        { t: 'verdict', r: 0, c: 0, v: 'accurate' },
        { t: 'verdict', r: 1, c: 1, v: 'misleading' },
        { t: 'evidence', r: 0, c: 0 },
        { t: 'verdict', r: 0, c: 0, v: 'accurate' }
      ],
      []
    ])
  })
})

describe('a field set A -> B -> A in the library (issue 23, the mirror case)', () => {
  // Each failed on the code before the library named the fields it set: its A read as no change,
  // against the desk's B. Offline: the desk's B overwrote the library's A in silence on reconnect.
  // Pushed first (with another change): the desk, told nothing, let the offline B overwrite it.
  const bounce = (first: 'bouncer' | 'rival', field: Bounced, pick: number): Op => ({
    t: 'bounce',
    r: 0,
    c: 0,
    field,
    pick,
    rival: 1,
    back: first === 'bouncer',
    local: true
  })
  for (const first of ['rival', 'bouncer'] as const)
    for (const [field, pick] of [
      ['verdict', 1],
      ['tags', 0],
      ['anchor', 3],
      ['title', 1]
    ] as const)
      it(`is a conflict shown to both editors, settled on both: ${field}, ${first === 'rival' ? 'the desk took B first' : 'the library pushed first'}`, () => {
        const { desk, replicas, writes } = run(2, [bounce(first, field, pick)])
        quiesce(replicas, desk)
        const key = field === 'title' ? HEAD : replicas[0]!.claims()[0]!
        for (const r of replicas) expect(r.shows(key, field)).toBe(true)
        checkHistory([2, [bounce(first, field, pick)], [0]])
        expect(writes.some((w) => w.replica === 0 && w.field === field)).toBe(true)
      })

  it('found by the default seed once the property was tightened: an anchor set back here while another editor’s revision moved it', () => {
    checkHistory([
      4,
      [
        { t: 'revise', r: 0 },
        { t: 'evidence', r: 0, c: 0 },
        { t: 'bounce', r: 1, c: 0, field: 'anchor', pick: 0, rival: null, back: false, local: true },
        { t: 'comment', r: 0, c: 0 },
        { t: 'create', r: 0 }
      ],
      []
    ])
  })

  const KEY = `claim:${claimTemplate.id as string}`
  const base = claimTemplate
  it('merges a field named as set here against the desk’s other value as a conflict, the library keeping its value', () => {
    const out = mergeScope({
      storyId: STORY,
      local: { [KEY]: base },
      bases: { [KEY]: base },
      baseSeqs: { [KEY]: 3 },
      edited: { [KEY]: ['verdict'] },
      remote: [{ key: KEY, kind: 'claim', value: { ...base, verdict: 'false' }, fieldSeqs: { verdict: 5 } }],
      conflicts: {}
    })
    expect(out.conflicts[KEY]?.fields).toEqual([{ field: 'verdict', local: base.verdict, remote: 'false' }])
    expect(out.values[KEY]?.value?.verdict).toBe(base.verdict)
    // Named or not, a field the desk did not change merges as before.
    const other = mergeScope({
      storyId: STORY,
      local: { [KEY]: base },
      bases: { [KEY]: base },
      baseSeqs: { [KEY]: 3 },
      edited: { [KEY]: ['verdict'] },
      remote: [{ key: KEY, kind: 'claim', value: { ...base, tags: ['roads'] }, fieldSeqs: { tags: 5 } }],
      conflicts: {}
    })
    expect(other.conflicts).toEqual({})
    expect(other.values[KEY]?.value).toEqual({ ...base, tags: ['roads'] })
  })

  it('names to the desk only fields back at the agreed value that could conflict (no stamps or counters)', () => {
    const value = { ...base, verdict: base.verdict, tags: ['roads'], updatedAt: base.updatedAt }
    expect(setBack(value, base, ['verdict', 'tags', 'updatedAt'])).toEqual(['verdict'])
    expect(setBack(null, base, ['verdict'])).toEqual([])
  })

  it('an acknowledged push clears only what it held; a field set again meanwhile stays named', () => {
    const edits = new LocalEdits({ serial: 0, units: {} })
    edits.note(KEY, ['verdict'])
    const pushed = edits.mark()
    edits.note(KEY, ['tags'])
    edits.clear(KEY, pushed)
    expect(edits.of(KEY)).toEqual(['tags'])
    edits.clear(KEY)
    expect(edits.of(KEY)).toBeUndefined()
  })

  it('a claim deleted here and edited on the desk stays in conflict when the desk sends the same value again (a field set back)', () => {
    const edited = { ...base, verdict: 'false' }
    const first = mergeScope({
      storyId: STORY,
      local: { [KEY]: null },
      bases: { [KEY]: base },
      baseSeqs: { [KEY]: 3 },
      remote: [{ key: KEY, kind: 'claim', value: edited, fieldSeqs: { verdict: 5 } }],
      conflicts: {}
    })
    const conflict = first.conflicts[KEY]!
    expect(conflict.fields).toEqual([{ field: DELETED_FIELD, local: 'deleted', remote: 'edited' }])
    // The library holds the desk's edit while it is open; the desk's next change is the same value.
    const again = (value: UnitValue | null) =>
      mergeScope({
        storyId: STORY,
        local: { [KEY]: edited },
        bases: { [KEY]: edited },
        baseSeqs: { [KEY]: 5 },
        remote: [{ key: KEY, kind: 'claim', value, fieldSeqs: { verdict: 6 } }],
        conflicts: { [KEY]: conflict }
      })
    expect(again(edited).conflicts[KEY]?.fields).toEqual(conflict.fields)
    // Deleted on the desk too: nothing is left to choose, and the claim goes.
    const gone = again(null)
    expect(gone.conflicts).toEqual({})
    expect(gone.values[KEY]?.value).toBeNull()
  })
})

describe('a field the desk set A -> B -> A', () => {
  // The desk's value equals the agreed one, but its version of the field is newer than the agreed
  // version (seq 5 after 3): the desk changed it, so a local edit of it is a conflict. Each failed on
  // the old code, which compared values only and kept the local edit in silence.
  const KEY = `claim:${claimTemplate.id as string}`
  const base = claimTemplate
  const merge = (local: UnitValue | null, fieldSeqs: Record<string, number>) =>
    mergeScope({
      storyId: STORY,
      local: { [KEY]: local },
      bases: { [KEY]: base },
      baseSeqs: { [KEY]: 3 },
      remote: [{ key: KEY, kind: 'claim', value: base, fieldSeqs }],
      conflicts: {}
    })
  const anchor = base.anchor as { position: { start: number; end: number } }
  const edits: [string, unknown][] = [
    ['verdict', 'false'],
    ['tags', ['roads', 'crime']],
    ['anchor', { ...anchor, position: { start: 2, end: 9 } }]
  ]
  for (const [field, value] of edits)
    it(`is a conflict against a local edit of it: ${field}`, () => {
      const out = merge({ ...base, [field]: value }, { [field]: 5 })
      expect(out.conflicts[KEY]?.fields).toEqual([{ field, local: value, remote: base[field] }])
      expect(out.conflicts[KEY]?.baseSeq).toBe(3)
      // The library keeps its edit while the conflict is open.
      expect(out.values[KEY]?.value?.[field]).toEqual(value)
    })

  it('is a conflict against a local delete (edit versus delete, not a silent delete)', () => {
    const out = merge(null, { verdict: 5 })
    expect(out.conflicts[KEY]?.fields).toEqual([{ field: DELETED_FIELD, local: 'deleted', remote: 'edited' }])
  })

  it('is no conflict when the local edit is of another field, nor when both hold the same value', () => {
    const other = merge({ ...base, tags: ['roads'] }, { verdict: 5 })
    expect(other.conflicts).toEqual({})
    expect(other.values[KEY]?.value?.tags).toEqual(['roads'])
    // A version the library had agreed already (seq 3, not after it) is no change of the desk's.
    const agreed = merge({ ...base, verdict: 'false' }, { verdict: 3 })
    expect(agreed.conflicts).toEqual({})
    expect(agreed.values[KEY]?.value?.verdict).toBe('false')
  })

  it('asks about the verdict once: the checked words go with it and take the side chosen for it', () => {
    const words = { exact: 'a budget', prefix: '', suffix: '', revision: 1, by: 'ben', at: '2026-01-02T00:00:00.000Z' }
    const desk = { ...base, verdict: null, checked: null }
    const mine = { ...base, verdict: 'false', checked: words }
    const out = mergeScope({
      storyId: STORY,
      local: { [KEY]: mine },
      bases: { [KEY]: desk },
      baseSeqs: { [KEY]: 3 },
      remote: [{ key: KEY, kind: 'claim', value: desk, fieldSeqs: { verdict: 5, checked: 5 } }],
      conflicts: {}
    })
    expect(out.conflicts[KEY]?.fields).toEqual([{ field: 'verdict', local: 'false', remote: null }])
    expect(out.values[KEY]?.value).toMatchObject({ verdict: 'false', checked: words })
    const taken = resolveConflict(out.conflicts[KEY]!, mine, desk, {}, { verdict: 'remote' })[KEY]
    expect(taken).toMatchObject({ verdict: null, checked: null })
    const kept = resolveConflict(out.conflicts[KEY]!, mine, desk, {}, { verdict: 'local' })[KEY]
    expect(kept).toMatchObject({ verdict: 'false', checked: words })
  })

  it('merges comments by union and stamps by the later one, as any change', () => {
    const comment = { id: 'k1', body: 'note', by: 'p', at: '2026-01-01T00:00:00.000Z' }
    const out = merge(
      { ...base, comments: [comment], updatedAt: '2030-01-01T00:00:00.000Z' },
      { comments: 5, updatedAt: 5 }
    )
    expect(out.conflicts).toEqual({})
    expect(out.values[KEY]?.value).toMatchObject({ comments: [comment], updatedAt: '2030-01-01T00:00:00.000Z' })
  })
})

describe('desk settings an older Factdesk wrote', () => {
  it('are read with their verdict and status names as the scales, not kept aside as unreadable', () => {
    const { verdicts: _v, statuses: _s, ...rest } = defaultSettings
    const older = {
      ...rest,
      verdictLabels: {
        accurate: 'True',
        mostly_accurate: 'Mostly true',
        needs_context: 'Needs context',
        misleading: 'Misleading',
        false: 'False',
        unverifiable: 'Unverifiable'
      },
      statusLabels: { open: 'Open', in_progress: 'In progress', waiting: 'Waiting on source', done: 'Done' }
    }
    // This library, upgraded from the same agreed settings: its scales carry the same names.
    const named: Record<string, string> = { accurate: 'True', mostly_accurate: 'Mostly true' }
    const local = {
      ...defaultSettings,
      verdicts: defaultSettings.verdicts.map((v) => ({ ...v, name: named[v.id] ?? v.name }))
    }
    const out = mergeScope({
      storyId: null,
      local: { settings: local },
      bases: { settings: older },
      remote: [{ key: 'settings', kind: 'settings', value: { ...older, organisationName: 'The Ledger' } }],
      conflicts: {}
    })
    expect(out.unreadable).toEqual([])
    expect(out.conflicts).toEqual({})
    const merged = out.values.settings?.value as unknown as Settings
    expect(merged.organisationName).toBe('The Ledger')
    expect(merged.verdicts).toEqual(local.verdicts)
  })
})
