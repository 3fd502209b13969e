// The desk schema on a real PostgreSQL server: migrations, and permissions enforced by the database.
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, createDesk } from './admin'
import { startLocalPostgres, type LocalPostgres } from './local-postgres'
import { migrate, migrations } from './migrations'

let pg: LocalPostgres
let admin: Client
const clients: Client[] = []

beforeAll(async () => {
  pg = await startLocalPostgres()
  admin = new Client({ connectionString: pg.url })
  await admin.connect()
  await createDesk(admin, 'deska', 'Desk A')
  await createDesk(admin, 'deskb', 'Desk B')
  await addMember(admin, { deskId: 'deska', role: 'lead_a', password: 'lead-a-pw', personId: 'p-lead', lead: true })
  await addMember(admin, { deskId: 'deska', role: 'ed_a', password: 'ed-a-pw', personId: 'p-ed' })
  await addMember(admin, { deskId: 'deskb', role: 'ed_b', password: 'ed-b-pw', personId: 'p-b' })
}, 60_000)

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined)
  await admin?.end()
  await pg?.remove()
})

async function as(user: string, password: string): Promise<Client> {
  const client = new Client({ host: pg.host, port: pg.port, database: pg.database, user, password })
  await client.connect()
  clients.push(client)
  return client
}

const unit = (key: string, kind: string, value: unknown, baseSeq: number | null = null) => ({
  key,
  kind,
  storyId: kind === 'claim' ? 's1' : null,
  value,
  baseSeq,
  changeId: `${key}-${Math.random()}`
})
const push = (c: Client, desk: string, units: unknown[], activity: unknown[] = []) =>
  c
    .query<{ answer: { results: [string, string, number | null][] } }>(
      'SELECT factdesk.push_page($1, $2, $3) AS answer',
      [desk, JSON.stringify(units), JSON.stringify(activity)]
    )
    .then((r) =>
      r.rows[0]!.answer.results.map(([key, status, seq]) => ({ key, status, seq: seq === null ? null : Number(seq) }))
    )

describe('desk schema', () => {
  it('migrates an empty database once and records the version', async () => {
    expect(await migrate(admin)).toEqual([])
    const rows = await admin.query('SELECT version FROM factdesk.schema_migrations ORDER BY version')
    expect(rows.rows.map((r: { version: number }) => r.version)).toEqual(migrations.map((m) => m.version))
  })

  it('lets a member push and read their desk, and compare-and-set refuses a stale base', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    const [first] = await push(ed, 'deska', [unit('claim:c1', 'claim', { verdict: 'false' })])
    expect(first!.status).toBe('applied')
    const [stale] = await push(ed, 'deska', [unit('claim:c1', 'claim', { verdict: 'accurate' })])
    expect(stale!.status).toBe('stale')
    const change = unit('claim:c1', 'claim', { verdict: 'accurate' }, first!.seq)
    const [second] = await push(ed, 'deska', [change])
    const [again] = await push(ed, 'deska', [change])
    expect(second!.status).toBe('applied')
    expect(again).toEqual(second)
    const rows = await ed.query('SELECT value FROM factdesk.units WHERE key = $1', ['claim:c1'])
    expect(rows.rows).toEqual([{ value: { verdict: 'accurate' } }])
  })

  it('refuses a wrong password', async () => {
    await expect(as('ed_a', 'not-the-password')).rejects.toMatchObject({ code: '28P01' })
  })

  it('keeps desk A out of desk B', async () => {
    const edB = await as('ed_b', 'ed-b-pw')
    await push(edB, 'deskb', [unit('claim:secret', 'claim', { verdict: 'false' })])
    const edA = await as('ed_a', 'ed-a-pw')
    expect((await edA.query(`SELECT * FROM factdesk.units WHERE desk_id = 'deskb'`)).rows).toEqual([])
    expect((await edA.query(`SELECT * FROM factdesk.desks`)).rows.map((r: { id: string }) => r.id)).toEqual(['deska'])
    await expect(push(edA, 'deskb', [unit('claim:x', 'claim', {})])).rejects.toMatchObject({ code: '42501' })
    await expect(
      edA.query(
        `INSERT INTO factdesk.units (desk_id, key, kind, value, seq) VALUES ('deskb', 'claim:y', 'claim', '{}', 1)`
      )
    ).rejects.toMatchObject({ code: '42501' })
  })

  it('lets only the lead change desk settings', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    await expect(push(ed, 'deska', [unit('settings', 'settings', { organisationName: 'X' })])).rejects.toMatchObject({
      code: '42501'
    })
    const lead = await as('lead_a', 'lead-a-pw')
    const [ok] = await push(lead, 'deska', [unit('settings', 'settings', { organisationName: 'X' })])
    expect(ok!.status).toBe('applied')
    await expect(
      push(ed, 'deska', [unit('settings', 'settings', { organisationName: 'Y' }, ok!.seq)])
    ).rejects.toMatchObject({ code: '42501' })
  })

  it('keeps activity append-only for everyone, the owner included', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    await push(ed, 'deska', [], [{ id: 'a1', storyId: 's1', summary: 'x' }])
    await push(ed, 'deska', [], [{ id: 'a1', storyId: 's1', summary: 'x' }])
    expect((await ed.query(`SELECT id FROM factdesk.activity`)).rows).toEqual([{ id: 'a1' }])
    await expect(ed.query(`UPDATE factdesk.activity SET entry = '{}'`)).rejects.toMatchObject({ code: '42501' })
    await expect(ed.query(`DELETE FROM factdesk.activity`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`DELETE FROM factdesk.activity`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`UPDATE factdesk.changes SET value = NULL`)).rejects.toMatchObject({ code: '42501' })
  })
})
