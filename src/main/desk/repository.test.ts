// The desk repository on a real PostgreSQL server (started by the test): each query the sync sends,
// asked as a desk member through the same client settings the app uses.
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeskConnection } from '../../shared/contract'
import { addMember, createDesk } from './admin'
import { startLocalPostgres, type LocalPostgres } from './local-postgres'
import { LATEST_DESK_SCHEMA, migrate } from './migrations'
import {
  clientConfig,
  DeskRepository,
  endSession,
  mayMigrate,
  openSession,
  watchSession,
  type PushUnit
} from './repository'

let pg: LocalPostgres
let admin: Client
const clients: Client[] = []

beforeAll(async () => {
  pg = await startLocalPostgres()
  admin = new Client({ connectionString: pg.url })
  await admin.connect()
  await createDesk(admin, 'one', 'Desk one')
  await createDesk(admin, 'two', 'Desk two')
  await addMember(admin, { deskId: 'one', role: 'r_lead', password: 'lead-pw', personId: 'p-lead', lead: true })
  await addMember(admin, { deskId: 'one', role: 'r_ed', password: 'ed-pw', personId: 'p-ed' })
  await addMember(admin, { deskId: 'two', role: 'r_two', password: 'two-pw', personId: 'p-two' })
}, 60_000)

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined)
  await admin?.end()
  await pg?.remove()
})

const connection = (user: string, deskId: string): DeskConnection => ({
  host: pg.host,
  port: pg.port,
  database: pg.database,
  user,
  ssl: false,
  deskId
})

async function member(
  user: string,
  password: string,
  deskId: string
): Promise<{ client: Client; repo: DeskRepository }> {
  const client = new Client(clientConfig(connection(user, deskId), password))
  await client.connect()
  clients.push(client)
  return { client, repo: new DeskRepository(client, deskId) }
}

let changes = 0
const story = (id: string, baseSeq: number | null = null): PushUnit => ({
  key: `story:${id}`,
  kind: 'story',
  storyId: id,
  value: { id, title: `Story ${id}` },
  baseSeq,
  changeId: `change-${++changes}`
})
const claim = (storyId: string, id: string, number: number, baseSeq: number | null = null): PushUnit => ({
  key: `claim:${id}`,
  kind: 'claim',
  storyId,
  value: { id, number, text: `claim ${id}` },
  baseSeq,
  changeId: `change-${++changes}`
})
const person = (id: string): PushUnit => ({
  key: `person:${id}`,
  kind: 'person',
  storyId: null,
  value: { id, name: id },
  baseSeq: null,
  changeId: `change-${++changes}`
})
const entry = (storyId: string, id: string) => ({ id, storyId, by: 'p-ed', action: 'claim.created', at: '2026-01-01' })

describe('desk repository', () => {
  it('knows who is a member, the lead, the schema version and the desk channel', async () => {
    const { client, repo } = await member('r_lead', 'lead-pw', 'one')
    expect(await repo.membership()).toEqual({ lead: true })
    expect(await new DeskRepository(client, 'two').membership()).toBeNull()
    expect(await (await member('r_ed', 'ed-pw', 'one')).repo.membership()).toEqual({ lead: false })
    expect(await repo.schemaVersion()).toBe(LATEST_DESK_SCHEMA)
    expect(await repo.notifyChannel()).toMatch(/^factdesk_[0-9a-f]{32}$/)
    // Members do not migrate; the database owner does.
    expect(await mayMigrate(client)).toBe(false)
    expect(await mayMigrate(admin)).toBe(true)
  })

  it('pushes a page, answers stale for an old base, and finds the changes it accepted', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const first = [story('s1'), claim('s1', 'c1', 1)]
    const answer = await repo.pushPage(first, [entry('s1', 'a1')])
    expect(answer.results.map(([key, status]) => [key, status])).toEqual([
      ['story:s1', 'applied'],
      ['claim:c1', 'applied']
    ])
    expect(Number(answer.top)).toBeGreaterThan(Number(answer.prior))
    const seqOfClaim = Number(answer.results[1]![2])
    const again = await repo.pushPage([claim('s1', 'c1', 1, null)], [])
    expect(again.results[0]![1]).toBe('stale')
    const accepted = await repo.acceptedChanges([first[1]!, { key: 'claim:c1', changeId: 'never-sent' }])
    expect(accepted).toEqual([{ change_id: first[1]!.changeId, seq: String(seqOfClaim), value: first[1]!.value }])
    // Units by key, in sequence order.
    const rows = await repo.unitsByKey(['claim:c1', 'story:s1', 'story:none'])
    expect(rows.map((r) => r.key)).toEqual(['story:s1', 'claim:c1'])
    expect(rows[1]).toMatchObject({ kind: 'claim', story_id: 's1', value: first[1]!.value })
  })

  it('logs a change by reference: its value is stored once, and found again after later changes replace it', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const v1 = claim('s9', 'c9', 1)
    const first = await repo.pushPage([story('s9'), v1], [])
    const seq1 = Number(first.results[1]![2])
    // The log names the change; the value is the unit's (schema 10), never a second copy.
    const logged = await admin.query<{ value: unknown; by_reference: boolean }>(
      `SELECT value, by_reference FROM factdesk.changes WHERE desk_id = 'one' AND change_id = $1`,
      [v1.changeId]
    )
    expect(logged.rows).toEqual([{ value: null, by_reference: true }])
    // The unit names its current change; the log's own table gets a change only once a later one replaces it (schema 15).
    const inLog = async () =>
      (
        await admin.query<{ change_id: string }>(
          `SELECT change_id FROM factdesk.change_log WHERE desk_id = 'one' AND key = 'claim:c9' ORDER BY seq`
        )
      ).rows.map((r) => r.change_id)
    expect(await inLog()).toEqual([])
    const v2 = { ...claim('s9', 'c9', 1, seq1), value: { id: 'c9', number: 1, text: 'second' } }
    const seq2 = Number((await repo.pushPage([v2], [])).results[0]![2])
    const gone: PushUnit = { ...claim('s9', 'c9', 1, seq2), value: null }
    const seq3 = Number((await repo.pushPage([gone], [])).results[0]![2])
    expect(await inLog()).toEqual([v1.changeId, v2.changeId])
    // factdesk.changes lists each accepted change once, as before: the log's and the unit's current one.
    const listed = await admin.query<{ change_id: string; seq: string; by_role: string; at: Date | null }>(
      `SELECT change_id, seq, by_role, at FROM factdesk.changes WHERE desk_id = 'one' AND key = 'claim:c9' ORDER BY seq`
    )
    expect(listed.rows.map((r) => [r.change_id, Number(r.seq), r.by_role])).toEqual([
      [v1.changeId, seq1, 'r_ed'],
      [v2.changeId, seq2, 'r_ed'],
      [gone.changeId, seq3, 'r_ed']
    ])
    expect(listed.rows.every((r) => r.at instanceof Date)).toBe(true)
    // Each change still reads as the value it gave the unit: replaced ones from superseded, the last from the unit.
    const accepted = await repo.acceptedChanges([v1, v2, gone])
    expect(accepted.sort((a, b) => Number(a.seq) - Number(b.seq))).toEqual([
      { change_id: v1.changeId, seq: String(seq1), value: v1.value },
      { change_id: v2.changeId, seq: String(seq2), value: v2.value },
      { change_id: gone.changeId, seq: String(seq3), value: null }
    ])
    // Pushed again after all that, the first change is recognised, and the desk says nothing differs.
    const retried = await repo.pushPage([v1], [])
    expect(retried.results.map(([k, s, q, v]) => [k, s, Number(q), v])).toEqual([['claim:c9', 'applied', seq1, null]])
    // So is the unit's current change (named by the unit alone), and neither is logged again.
    const current = await repo.pushPage([gone], [])
    expect(current.results.map(([k, s, q, v]) => [k, s, Number(q), v])).toEqual([['claim:c9', 'applied', seq3, null]])
    expect(await inLog()).toEqual([v1.changeId, v2.changeId])
    // A value is stored in superseded once, only when replaced: two here, none for the unit's latest.
    const kept = await admin.query(`SELECT change_id FROM factdesk.superseded WHERE desk_id = 'one' ORDER BY 1`)
    expect(kept.rows.map((r) => r.change_id).sort()).toEqual([v1.changeId, v2.changeId].sort())
  })

  it('a desk migrated to schema 15 keeps its log: changes logged when accepted are found, listed once and not logged again', async () => {
    await admin.query('CREATE DATABASE upgrade15')
    const db = new Client({ connectionString: pg.url.replace(/\/[^/]*$/, '/upgrade15') })
    await db.connect()
    clients.push(db)
    await migrate(db, 14)
    await db.query(`INSERT INTO factdesk.desks (id, name) VALUES ('up', 'Upgraded')`)
    await addMember(db, { deskId: 'up', role: 'r_up', password: 'up-pw', personId: 'p-up' })
    const client = new Client({ ...clientConfig(connection('r_up', 'up'), 'up-pw'), database: 'upgrade15' })
    await client.connect()
    clients.push(client)
    const repo = new DeskRepository(client, 'up')
    const seqOf = (answer: { results: unknown[][] }): number => Number(answer.results.at(-1)![2])
    const next = (base: number, text: string): PushUnit => ({
      ...claim('su', 'cu', 1, base),
      value: { id: 'cu', number: 1, text }
    })
    const a = claim('su', 'cu', 1)
    const seqA = seqOf(await repo.pushPage([story('su'), a], []))
    const b = next(seqA, 'b')
    const seqB = seqOf(await repo.pushPage([b], []))
    expect(await migrate(db, 15)).toEqual([15])
    const listed = async () =>
      (
        await db.query<{ change_id: string }>(
          `SELECT change_id FROM factdesk.changes WHERE desk_id = 'up' AND key = 'claim:cu' ORDER BY seq`
        )
      ).rows.map((r) => r.change_id)
    const logged = async () =>
      (
        await db.query<{ change_id: string }>(
          `SELECT change_id FROM factdesk.change_log WHERE desk_id = 'up' AND key = 'claim:cu' ORDER BY seq`
        )
      ).rows.map((r) => r.change_id)
    expect(await listed()).toEqual([a.changeId, b.changeId])
    // Both pushed again: recognised (b is the unit's current change, logged when accepted under schema 14).
    const again = await repo.pushPage([b], [])
    expect(again.results.map(([, s, q]) => [s, Number(q)])).toEqual([['applied', seqB]])
    const c = next(seqB, 'c')
    const seqC = seqOf(await repo.pushPage([c], []))
    const d = next(seqC, 'd')
    const seqD = seqOf(await repo.pushPage([d], []))
    // b, replaced, is not logged a second time; c, accepted under 15, is logged once replaced.
    expect(await logged()).toEqual([a.changeId, b.changeId, c.changeId])
    expect(await listed()).toEqual([a.changeId, b.changeId, c.changeId, d.changeId])
    const accepted = await repo.acceptedChanges([a, b, c, d])
    expect(accepted.sort((x, y) => Number(x.seq) - Number(y.seq))).toEqual([
      { change_id: a.changeId, seq: String(seqA), value: a.value },
      { change_id: b.changeId, seq: String(seqB), value: b.value },
      { change_id: c.changeId, seq: String(seqC), value: c.value },
      { change_id: d.changeId, seq: String(seqD), value: d.value }
    ])
    expect((await db.query(`SELECT factdesk.change_value('up', $1) AS v`, [b.changeId])).rows).toEqual([{ v: b.value }])
    // Schema 16 keys the log and the kept values by unit: what was kept before takes its unit from the log.
    expect(await migrate(db)).toEqual([16])
    expect((await repo.acceptedChanges([a, b, c, d])).sort((x, y) => Number(x.seq) - Number(y.seq))).toEqual(accepted)
    expect(await logged()).toEqual([a.changeId, b.changeId, c.changeId])
  })

  it('a member who pushes a unit of their own under another unit’s change id touches neither that change’s log entry nor its value (desk schema 16)', async () => {
    const honest = (await member('r_lead', 'lead-pw', 'one')).repo
    const { repo: sly } = await member('r_ed', 'ed-pw', 'one')
    const seqOf = (answer: { results: unknown[][] }): number => Number(answer.results.at(-1)![2])
    const first = claim('sb', 'honest', 1)
    const seq1 = seqOf(await honest.pushPage([story('sb'), first], []))
    // The member's own claim, pushed under the id of the honest claim's current change, then replaced.
    const borrowed: PushUnit = { ...claim('sb', 'sly', 2), changeId: first.changeId }
    const slySeq = seqOf(await sly.pushPage([borrowed], []))
    await sly.pushPage([{ ...claim('sb', 'sly', 2, slySeq), value: { id: 'sly', number: 2, text: 'mine' } }], [])
    // Then the honest claim's change is replaced too.
    const second: PushUnit = { ...claim('sb', 'honest', 1, seq1), value: { id: 'honest', number: 1, text: 'checked' } }
    await honest.pushPage([second], [])
    // Its change is in the log, and reads as the value it gave the honest claim, not the member's.
    const logged = await admin.query<{ key: string }>(
      `SELECT key FROM factdesk.change_log WHERE desk_id = 'one' AND change_id = $1 ORDER BY key`,
      [first.changeId]
    )
    expect(logged.rows.map((r) => r.key)).toEqual(['claim:honest', 'claim:sly'])
    expect(await honest.acceptedChanges([first])).toEqual([
      { change_id: first.changeId, seq: String(seq1), value: first.value }
    ])
    // Pushed again (a library settling a crash), it is recognised with nothing to correct.
    const again = await honest.pushPage([first], [])
    expect(again.results.map(([k, st, q, v]) => [k, st, Number(q), v])).toEqual([
      ['claim:honest', 'applied', seq1, null]
    ])
  })

  it('records when each field of a unit last changed (desk schema 13), and every query of a pull sends it', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const cursor = await repo.top()
    const at = (answer: { results: unknown[][] }): number => Number(answer.results.at(-1)![2])
    const push = async (value: Record<string, unknown> | null, baseSeq: number | null): Promise<number> =>
      at(await repo.pushPage([{ ...claim('s12', 'c12', 1, baseSeq), value }], []))
    const fieldsOf = async (): Promise<unknown> => (await repo.unitsByKey(['claim:c12']))[0]!.field_seqs
    const a = { id: 'c12', number: 1, verdict: 'accurate', text: 'claim' }
    const created = at(await repo.pushPage([story('s12'), { ...claim('s12', 'c12', 1), value: a }], []))
    // A new unit: no field has changed since it was created.
    expect(await fieldsOf()).toBeNull()
    const b = await push({ ...a, verdict: 'false' }, created)
    expect(await fieldsOf()).toEqual({ verdict: b })
    // Set back to the first value: the field changed again (the value alone would say it never did).
    const back = await push(a, b)
    expect(await fieldsOf()).toEqual({ verdict: back })
    // Another field, and a field removed: each takes its change's number; the others keep theirs.
    const { text: _text, ...noText } = a
    const edited = await push({ ...noText, tags: ['roads'] }, back)
    expect(await fieldsOf()).toEqual({ verdict: back, text: edited, tags: edited })
    // A delete keeps them; a unit brought back changed every field it has (one it no longer has keeps its last).
    const deleted = await push(null, edited)
    expect(await fieldsOf()).toEqual({ verdict: back, text: edited, tags: edited })
    const kept = await push(a, deleted)
    const sent = { id: kept, number: kept, verdict: kept, text: kept, tags: edited }
    expect(await fieldsOf()).toEqual(sent)
    // Every query of a pull sends the fields' versions with the unit.
    expect((await repo.pageAfter(cursor, [], 100)).find((r) => r.key === 'claim:c12')?.field_seqs).toEqual(sent)
    expect((await repo.wholeStories(['s12'])).find((r) => r.key === 'claim:c12')?.field_seqs).toEqual(sent)
    // A member cannot set them (nor anything else of a unit) by hand.
    await expect(
      repo['client'].query(`UPDATE factdesk.units SET field_seqs = '{}' WHERE desk_id = 'one' AND key = 'claim:c12'`)
    ).rejects.toMatchObject({ code: '42501' })
  })

  it('stamps the fields a push names as set back to the value they had (desk schema 14), and only its own units', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const at = (answer: { results: unknown[][] }): number => Number(answer.results.at(-1)![2])
    const fieldsOf = async (id: string): Promise<unknown> => (await repo.unitsByKey([`claim:${id}`]))[0]!.field_seqs
    const a = { id: 'c15', number: 1, verdict: 'accurate', text: 'claim' }
    const other = { id: 'c16', number: 2, verdict: 'accurate', text: 'other' }
    const made = await repo.pushPage(
      [story('s15'), { ...claim('s15', 'c15', 1), value: a }, { ...claim('s15', 'c16', 2), value: other }],
      []
    )
    const seqOf = (key: string): number => Number(made.results.find((r) => r[0] === key)![2])
    // A: set to B and back in the library, pushed with a comment: the verdict is named as set back.
    // A name the value does not have stamps nothing; the other claim, pushed in the same page, is not named.
    const mine = {
      ...claim('s15', 'c15', 1, seqOf('claim:c15')),
      value: { ...a, text: 'claim, noted' },
      setBack: ['verdict', 'nothing']
    }
    const theirs = { ...claim('s15', 'c16', 2, seqOf('claim:c16')), value: { ...other, text: 'other, noted' } }
    const answer = await repo.pushPage([mine, theirs], [])
    const [seqA, seqB] = answer.results.map((r) => Number(r[2]))
    expect(await fieldsOf('c15')).toEqual({ verdict: seqA, text: seqA })
    expect(await fieldsOf('c16')).toEqual({ text: seqB })
    // The names last for their transaction only: the next push stamps by value again.
    const later = at(await repo.pushPage([{ ...claim('s15', 'c15', 1, seqA), value: { ...a, text: 'again' } }], []))
    expect(await fieldsOf('c15')).toEqual({ verdict: seqA, text: later })
    // A unit with nothing changed but a field set back is a change of that field.
    const confirmed = at(
      await repo.pushPage(
        [{ ...claim('s15', 'c15', 1, later), value: { ...a, text: 'again' }, setBack: ['verdict'] }],
        []
      )
    )
    expect(await fieldsOf('c15')).toEqual({ verdict: confirmed, text: later })
  })

  it('gives units changed before desk schema 13 their fields’ last changes from the change log', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const at = (answer: { results: unknown[][] }): number => Number(answer.results.at(-1)![2])
    const a = { id: 'c13', number: 1, verdict: 'accurate', text: 'claim' }
    const created = at(await repo.pushPage([story('s13'), { ...claim('s13', 'c13', 1), value: a }], []))
    const b = at(await repo.pushPage([{ ...claim('s13', 'c13', 1, created), value: { ...a, verdict: 'false' } }], []))
    const back = at(await repo.pushPage([{ ...claim('s13', 'c13', 1, b), value: a }], []))
    const other = { id: 'c14', number: 2, text: 'x' }
    const made = at(await repo.pushPage([{ ...claim('s13', 'c14', 2), value: other }], []))
    const gone = at(await repo.pushPage([{ ...claim('s13', 'c14', 2, made), value: null }], []))
    const again = at(await repo.pushPage([{ ...claim('s13', 'c14', 2, gone), value: { ...other, text: 'y' } }], []))
    // The desk as schema 11 left it: no field versions, no trigger; then migrated (13 reads the change
    // log as factdesk.changes lists it, whichever schema wrote it).
    await admin.query(`DROP TRIGGER units_field_seqs ON factdesk.units; DROP FUNCTION factdesk.stamp_fields();
      ALTER TABLE factdesk.units DROP COLUMN field_seqs; DELETE FROM factdesk.schema_migrations WHERE version IN (13, 14)`)
    expect(await migrate(admin)).toEqual([13, 14])
    const rows = await repo.unitsByKey(['claim:c13', 'claim:c14', 'story:s13'])
    expect(Object.fromEntries(rows.map((r) => [r.key, r.field_seqs]))).toEqual({
      'story:s13': null,
      'claim:c13': { verdict: back },
      'claim:c14': { id: again, number: again, text: again }
    })
    // And the trigger works on from there.
    const later = at(await repo.pushPage([{ ...claim('s13', 'c13', 1, back), value: { ...a, text: 'z' } }], []))
    expect((await repo.unitsByKey(['claim:c13']))[0]!.field_seqs).toEqual({ verdict: back, text: later })
  })

  it('reads a pull: top, library units and story heads after a cursor, whole stories, pages leaving some out', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const cursor = await repo.top()
    await repo.pushPage(
      [person('pat'), story('s2'), claim('s2', 'c2', 1), story('s3'), claim('s3', 'c3', 1)],
      [entry('s2', 'a2'), entry('s3', 'a3')]
    )
    const top = await repo.top()
    expect(top).toBeGreaterThan(cursor)
    expect((await repo.libraryUnitsAfter(cursor)).map((r) => r.key)).toEqual(['person:pat'])
    expect((await repo.storiesChangedAfter(cursor)).sort()).toEqual(['s2', 's3'])
    const whole = await repo.wholeStories(['s2'])
    expect(whole.map((r) => [r.t, r.key]).sort()).toEqual([
      ['a', 'a2'],
      ['u', 'claim:c2'],
      ['u', 'story:s2']
    ])
    const page = await repo.pageAfter(cursor, ['s2'], 100)
    expect(page.map((r) => r.key)).toEqual(['person:pat', 'story:s3', 'claim:c3', 'a3'])
    expect(page.map((r) => Number(r.seq))).toEqual([...page.map((r) => Number(r.seq))].sort((a, b) => a - b))
    // A page is cut at the limit; the next starts after the last row's sequence number.
    const [one] = await repo.pageAfter(cursor, [], 1)
    expect((await repo.pageAfter(Number(one!.seq), [], 1))[0]!.key).not.toBe(one!.key)
    expect(await repo.pageAfter(top, [], 100)).toEqual([])
  })

  it("stores a push page's history as one batch per story, read entry by entry and never cut across pages", async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const cursor = await repo.top()
    const entries = ['h1', 'h2', 'h3', 'h4', 'h5'].map((id) => entry('s16', id))
    // One entry the desk has already and one repeated within the page are taken once.
    await repo.pushPage([story('s16')], [entries[0]!])
    await repo.pushPage([], [...entries, entries[3]!])
    const batches = await admin.query<{ ids: string[] }>(
      `SELECT ids FROM factdesk.history WHERE desk_id = 'one' AND story_id = 's16' ORDER BY seq`
    )
    expect(batches.rows.map((r) => r.ids)).toEqual([['h1'], ['h2', 'h3', 'h4', 'h5']])
    // A page asked for 2 rows holds the whole batch its second row is in, in the order sent.
    const first = await repo.pageAfter(cursor, [], 2)
    expect(first.map((r) => r.key)).toEqual(['story:s16', 'h1'])
    const second = await repo.pageAfter(Number(first.at(-1)!.seq), [], 2)
    expect(second.map((r) => [r.t, r.key, r.value])).toEqual(entries.slice(1).map((e) => ['a', e.id, e]))
    expect(await repo.pageAfter(Number(second.at(-1)!.seq), [], 2)).toEqual([])
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    await admin.query('SELECT pg_stat_statements_reset()')
    const whole = await repo.wholeStories(['s16'])
    expect(whole.filter((r) => r.t === 'a').map((r) => r.key)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5'])
    expect(whole.filter((r) => r.t === 'a').map((r) => r.value)).toEqual(entries)
    // The desk sends the history as stored, one row per batch (the header and two batches), not one per
    // entry sorted by its place (six rows through the view, its entries sorted on every fetch).
    const sent = await admin.query<{ rows: string }>(
      `SELECT sum(rows) AS rows FROM pg_stat_statements WHERE query LIKE '%story_id = ANY%' AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'r_ed')`
    )
    expect(Number(sent.rows[0]!.rows)).toBe(3)
  })

  it('runs a pull in one read-only snapshot: a write inside it is refused and nothing is left open', async () => {
    const { repo } = await member('r_ed', 'ed-pw', 'one')
    const { repo: other } = await member('r_lead', 'lead-pw', 'one')
    const seen = await repo.snapshot(async () => {
      const before = await repo.top()
      await other.pushPage([story('s4')], [])
      // The other member's push is not seen inside the snapshot.
      return [before, await repo.top()]
    })
    expect(seen[0]).toBe(seen[1])
    expect(await repo.top()).toBeGreaterThan(seen[0]!)
    await expect(repo.snapshot(() => repo.pushPage([story('s5')], []))).rejects.toMatchObject({ code: '25006' })
    // Rolled back: the connection works outside a transaction again.
    expect((await repo.pushPage([story('s5')], [])).results[0]![1]).toBe('applied')
  })

  it('raises, lists and closes each member’s conflicts', async () => {
    const { repo: ed } = await member('r_ed', 'ed-pw', 'one')
    const { repo: lead } = await member('r_lead', 'lead-pw', 'one')
    const fields = [{ field: 'text', local: 'mine', remote: 'theirs' }]
    const conflict = { key: 'claim:c1', kind: 'claim' as const, storyId: 's1', unitId: 'c1', fields }
    await ed.raiseConflicts([conflict])
    await lead.raiseConflicts([{ ...conflict, fields: [{ field: 'text', local: 'lead', remote: 'mine' }] }])
    const open = await lead.openConflicts()
    expect(open.map((c) => c.raised_by).sort()).toEqual(['r_ed', 'r_lead'])
    expect(open.find((c) => c.raised_by === 'r_ed')).toMatchObject({
      key: 'claim:c1',
      story_id: 's1',
      kind: 'claim',
      unit_id: 'c1',
      fields
    })
    // The lead settles the editor's conflict: only that one closes.
    await lead.closeConflict('claim:c1', 'r_ed', 'text kept the lead’s value')
    expect((await ed.openConflicts()).map((c) => c.raised_by)).toEqual(['r_lead'])
    // Another desk sees none of desk one's conflicts.
    const { repo: two } = await member('r_two', 'two-pw', 'two')
    expect(await two.openConflicts()).toEqual([])
  })

  it('opens a session as a member: not a member is not_member; a push to the desk is heard, one to another desk is not', async () => {
    await expect(openSession(connection('r_two', 'one'), 'two-pw', () => undefined)).rejects.toMatchObject({
      code: 'not_member'
    })
    await expect(openSession(connection('r_ed', 'one'), 'wrong', () => undefined)).rejects.toMatchObject({
      code: 'forbidden'
    })
    let heard = 0
    const session = await openSession(connection('r_ed', 'one'), 'ed-pw', () => heard++)
    try {
      expect(session.lead).toBe(false)
      const { repo: two } = await member('r_two', 'two-pw', 'two')
      await two.pushPage([story('t1')], [])
      await session.repo.pushPage([story('s6')], [])
      await expect.poll(() => heard).toBe(1)
      // A lost session is reported once it closes.
      const lost: unknown[] = []
      watchSession(session, (e) => lost.push(e))
      await session.listener.end()
      await expect.poll(() => lost.length).toBeGreaterThan(0)
    } finally {
      await endSession(session)
    }
  })
})
