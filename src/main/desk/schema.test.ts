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
    // History is stored in batches (schema 11); factdesk.activity is a read-only view of its entries.
    await expect(ed.query(`DELETE FROM factdesk.history`)).rejects.toMatchObject({ code: '42501' })
    await expect(ed.query(`UPDATE factdesk.history SET entries = '[]'`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`DELETE FROM factdesk.history`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`UPDATE factdesk.history SET entries = '[]'`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`UPDATE factdesk.changes SET value = NULL`)).rejects.toMatchObject({ code: '42501' })
    // Since schema 15 factdesk.changes is a view of the log (factdesk.change_log) and the units' current changes.
    await expect(admin.query(`UPDATE factdesk.change_log SET value = NULL`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`DELETE FROM factdesk.changes`)).rejects.toMatchObject({ code: '42501' })
    await expect(admin.query(`DELETE FROM factdesk.superseded`)).rejects.toMatchObject({ code: '42501' })
  })

  it('a member with psql can do no more than the app: the attacks of issue 23 are refused by the database', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    const [mine] = await push(ed, 'deska', [unit('claim:psql', 'claim', { verdict: 'false' })])
    // Freezing every pull by moving a unit past everyone's cursor, forging who wrote it, writing another desk's rows.
    for (const attack of [
      `UPDATE factdesk.units SET seq = 9000000000000000000 WHERE desk_id = 'deska'`,
      `UPDATE factdesk.units SET by_role = 'lead_a' WHERE key = 'claim:psql'`,
      `INSERT INTO factdesk.units (desk_id, key, kind, value, seq) VALUES ('deska', 'claim:z', 'claim', '{}', 9000000000000000000)`,
      `INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role) VALUES ('x', 'deska', 'claim:z', 1, NULL, 'lead_a')`,
      `INSERT INTO factdesk.change_log (change_id, desk_id, key, seq, value, by_role) VALUES ('x', 'deska', 'claim:z', 1, NULL, 'lead_a')`,
      `UPDATE factdesk.units SET at = now() WHERE key = 'claim:psql'`,
      `INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role) VALUES ('deska', 'forged', 's1', '{}', 1, 'lead_a')`,
      `INSERT INTO factdesk.history (desk_id, story_id, seq, ids, entries, by_role) VALUES ('deska', 's1', 1, '{forged}', '[{}]', 'lead_a')`,
      `DELETE FROM factdesk.units`,
      `SELECT setval('factdesk.seq', 9000000000000000000)`,
      `INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key) VALUES ('deska', 's1', 1, 'claim:z')`,
      // The change log refers to values (schema 10): neither the reference nor a replaced value can be written.
      `UPDATE factdesk.units SET change_id = 'x' WHERE key = 'claim:psql'`,
      `INSERT INTO factdesk.superseded (desk_id, change_id, value) VALUES ('deska', 'x', '{}')`
    ])
      await expect(ed.query(attack), attack).rejects.toMatchObject({ code: '42501' })
    const [row] = (
      await admin.query<{ seq: string; by_role: string }>(
        `SELECT seq, by_role FROM factdesk.units WHERE desk_id = 'deska' AND key = 'claim:psql'`
      )
    ).rows
    expect({ seq: Number(row!.seq), by: row!.by_role }).toEqual({ seq: mine!.seq, by: 'ed_a' })
    // A history entry in another editor's name is refused, and nothing of its push is written: the
    // lead's own person (members), or a person whose entries another member pushed first.
    const count = async () =>
      Number((await admin.query(`SELECT count(*) AS n FROM factdesk.activity WHERE desk_id = 'deska'`)).rows[0].n)
    const before = await count()
    await expect(
      push(
        ed,
        'deska',
        [unit('claim:forged', 'claim', { verdict: 'true' })],
        [{ id: 'a-forge', storyId: 's1', by: 'p-lead' }]
      )
    ).rejects.toMatchObject({ code: '42501' })
    const lead = await as('lead_a', 'lead-a-pw')
    await push(lead, 'deska', [], [{ id: 'a-lead', storyId: 's1', by: 'p-lead-laptop' }])
    await expect(
      push(ed, 'deska', [], [{ id: 'a-forge-2', storyId: 's1', by: 'p-lead-laptop' }])
    ).rejects.toMatchObject({ code: '42501' })
    expect(await count()).toBe(before + 1)
    expect(
      (await admin.query(`SELECT key FROM factdesk.units WHERE desk_id = 'deska' AND key = 'claim:forged'`)).rows
    ).toEqual([])
    // Entries under one's own name go through, under the member's role; so does an entry the desk
    // already has, pushed again by an editor who pulled it (it is not judged again).
    await push(
      ed,
      'deska',
      [],
      [
        { id: 'a-own', storyId: 's1', by: 'p-ed' },
        { id: 'a-lead', storyId: 's1', by: 'p-lead-laptop' }
      ]
    )
    expect(
      (
        await admin.query(
          `SELECT id, by_role FROM factdesk.activity WHERE desk_id = 'deska' AND id IN ('a-own', 'a-lead') ORDER BY id`
        )
      ).rows
    ).toEqual([
      { id: 'a-lead', by_role: 'lead_a' },
      { id: 'a-own', by_role: 'ed_a' }
    ])
    // A malformed unit (a story key that is not its story, a value that is not an object) is refused.
    await expect(push(ed, 'deska', [unit('story:s1', 'story', { title: 'x' })])).rejects.toMatchObject({
      code: '22023'
    })
    await expect(push(ed, 'deska', [unit('claim:n', 'claim', 42)])).rejects.toMatchObject({ code: '22023' })
  })

  it('a member with psql cannot use the staging tables of a COPY push to forge seq, author or desk', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    const seqOf = async (key: string) =>
      (
        await admin.query<{ desk_id: string; seq: string; by_role: string }>(
          `SELECT desk_id, seq, by_role FROM factdesk.units WHERE key = $1`,
          [key]
        )
      ).rows
    // Staging tables made by hand, with columns for seq, by_role and desk, are not the desk's: refused.
    await ed.query('BEGIN')
    await ed.query(
      `CREATE TEMPORARY TABLE factdesk_stage_units (ord int, key text, kind text, story_id text, value jsonb, base_seq bigint, change_id text, seq bigint, by_role name, desk_id text)`
    )
    await ed.query(`CREATE TEMPORARY TABLE factdesk_stage_activity (entry jsonb)`)
    await ed.query(
      `INSERT INTO pg_temp.factdesk_stage_units VALUES (1, 'claim:hand', 'claim', 's1', '{}', NULL, 'hand-1', 9000000000000000000, 'lead_a', 'deskb')`
    )
    await ed.query('SELECT factdesk.open_stage()')
    await expect(ed.query(`SELECT factdesk.push_staged('deska')`)).rejects.toMatchObject({ code: '42501' })
    await ed.query('ROLLBACK')
    expect(await seqOf('claim:hand')).toEqual([])

    // The desk's own staging tables: a member may only insert, with no column for seq, author or desk.
    await ed.query('BEGIN; SELECT factdesk.open_stage()')
    for (const attack of [
      `SELECT * FROM pg_temp.factdesk_stage_units`,
      `ALTER TABLE pg_temp.factdesk_stage_units ADD COLUMN seq bigint`,
      `CREATE RULE forge AS ON INSERT TO pg_temp.factdesk_stage_units DO ALSO NOTIFY x`,
      `DROP TABLE pg_temp.factdesk_stage_units`
    ]) {
      await ed.query('SAVEPOINT attack')
      await expect(ed.query(attack), attack).rejects.toMatchObject({ code: '42501' })
      await ed.query('ROLLBACK TO SAVEPOINT attack')
    }
    await ed.query('SAVEPOINT attack')
    await expect(
      ed.query(
        `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, change_id, seq) VALUES (1, 'claim:h', 'claim', 'h', 1)`
      )
    ).rejects.toMatchObject({ code: '42703' })
    await ed.query('ROLLBACK TO SAVEPOINT attack')
    // Filled by hand, it is judged like any push: server seq, the caller as author, the desk asked for.
    await ed.query(
      `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, base_seq, change_id) VALUES (1, 'claim:staged', 'claim', 's1', '{"verdict": "false"}', NULL, 'staged-1')`
    )
    const answer = (
      await ed.query<{ a: { results: [string, string, number][] } }>(`SELECT factdesk.push_staged('deska') AS a`)
    ).rows[0]!.a
    await ed.query('COMMIT')
    const [row] = await seqOf('claim:staged')
    expect(row).toEqual({ desk_id: 'deska', seq: String(answer.results[0]![2]), by_role: 'ed_a' })
    // Another desk's staging, a forged history author and a malformed unit are refused, nothing written.
    for (const [stage, desk] of [
      [
        `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, change_id) VALUES (1, 'claim:x', 'claim', 's1', '{}', 'x')`,
        'deskb'
      ],
      [
        `INSERT INTO pg_temp.factdesk_stage_activity (entry) VALUES ('{"id": "a-staged", "storyId": "s1", "by": "p-lead"}')`,
        'deska'
      ],
      [
        `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, change_id) VALUES (1, 'story:s2', 'story', 's1', '{}', 'y')`,
        'deska'
      ],
      [
        `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, change_id) VALUES (1, 'claim:d', 'claim', 's1', '{}', 'd1'), (1, 'claim:e', 'claim', 's1', '{}', 'd2')`,
        'deska'
      ]
    ] as const) {
      await ed.query('BEGIN; SELECT factdesk.open_stage()')
      await ed.query(stage)
      await expect(ed.query(`SELECT factdesk.push_staged($1)`, [desk]), stage).rejects.toMatchObject({
        code: expect.stringMatching(/^(42501|22023)$/)
      })
      await ed.query('ROLLBACK')
    }
    expect(await seqOf('claim:x')).toEqual([])
    expect(await seqOf('claim:d')).toEqual([])
    // Rows staged and committed without a push are gone at the commit: a later push sees only its own.
    await ed.query('BEGIN; SELECT factdesk.open_stage()')
    await ed.query(
      `INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, change_id) VALUES (1, 'claim:left', 'claim', 's1', '{}', 'left')`
    )
    await ed.query('COMMIT')
    const empty = (await ed.query<{ a: { results: unknown[] } }>(`SELECT factdesk.push_staged('deska') AS a`)).rows[0]!
      .a
    expect(empty.results).toEqual([])
    expect(await seqOf('claim:left')).toEqual([])
  })

  it('keeps change ids and notification channels per desk', async () => {
    const edA = await as('ed_a', 'ed-a-pw')
    const edB = await as('ed_b', 'ed-b-pw')
    const same = (key: string) => ({ ...unit(key, 'claim', { verdict: 'false' }), changeId: 'the-same-change-id' })
    const [b] = await push(edB, 'deskb', [same('claim:b-only')])
    // Desk A's push with the same change id is judged on its own: not taken for desk B's change, not blocked by it.
    const [a] = await push(edA, 'deska', [same('claim:a-only')])
    expect([a!.status, b!.status]).toEqual(['applied', 'applied'])
    expect(
      (await edA.query(`SELECT key FROM factdesk.units WHERE desk_id = 'deska' AND key = 'claim:a-only'`)).rows
    ).toHaveLength(1)
    // Each desk's channel is a secret its members read; another desk's members cannot learn it.
    const channelA = (await edA.query<{ channel: string }>(`SELECT channel FROM factdesk.desks`)).rows
    expect(channelA).toHaveLength(1)
    expect(channelA[0]!.channel).toMatch(/^factdesk_[0-9a-f]{32}$/)
    expect((await edB.query(`SELECT channel FROM factdesk.desks WHERE id = 'deska'`)).rows).toEqual([])
    const heard: string[] = []
    const listenB = await as('ed_b', 'ed-b-pw')
    const channelB = (await listenB.query<{ channel: string }>(`SELECT channel FROM factdesk.desks`)).rows[0]!.channel
    listenB.on('notification', (n) => heard.push(n.channel))
    await listenB.query(`LISTEN ${listenB.escapeIdentifier(channelB)}`)
    await push(edA, 'deska', [unit('claim:a-2', 'claim', { verdict: 'false' })])
    await push(edB, 'deskb', [unit('claim:b-2', 'claim', { verdict: 'false' })])
    await expect.poll(() => heard).toEqual([channelB])
  })

  it('gives claim numbers per story for life: a number taken first elsewhere becomes the story’s next', async () => {
    const ed = await as('ed_a', 'ed-a-pw')
    const claim = (id: string, number: number, base: number | null = null) =>
      ({ ...unit(`claim:${id}`, 'claim', { id, number }, base), storyId: 'numbers' }) as ReturnType<typeof unit>
    const pushed = async (units: ReturnType<typeof unit>[]) =>
      (
        await ed.query<{ answer: { results: [string, string, number, { number: number } | null][] } }>(
          'SELECT factdesk.push_page($1, $2, $3) AS answer',
          ['deska', JSON.stringify(units), '[]']
        )
      ).rows[0]!.answer.results
    const [[, , first, same]] = (await pushed([claim('n1', 1)])) as [[string, string, number, null]]
    expect(same).toBeNull()
    // Two editors marked C2 offline; and C3 was marked and deleted before: numbers are never reused.
    await pushed([claim('n2', 2), claim('n3', 3)])
    await pushed([claim('n3', 3, null)].map((u) => ({ ...u, value: null })))
    const results = await pushed([claim('other', 2)])
    expect(results[0]![3]).toMatchObject({ number: 4 })
    // A claim keeps its number for life, whatever a later push says.
    const again = await pushed([claim('n1', 9, Number(first))])
    expect(again[0]![3]).toMatchObject({ number: 1 })
  })
})
