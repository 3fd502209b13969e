// A push page through COPY (DeskRepository.pushPage) on a real PostgreSQL: whatever text a unit or history
// entry holds reaches the desk exactly as sent, and a page the desk refuses leaves nothing behind.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, createDesk } from './admin'
import { startLocalPostgres, type LocalPostgres } from './local-postgres'
import { DeskRepository, type PushUnit } from './repository'

let pg: LocalPostgres
let admin: Client
let ed: Client

beforeAll(async () => {
  pg = await startLocalPostgres()
  admin = new Client({ connectionString: pg.url })
  await admin.connect()
  await createDesk(admin, 'desk', 'Desk')
  await addMember(admin, { deskId: 'desk', role: 'ed', password: 'ed-pw', personId: 'p-ed' })
  ed = new Client({ host: pg.host, port: pg.port, database: pg.database, user: 'ed', password: 'ed-pw' })
  await ed.connect()
}, 60_000)

afterAll(async () => {
  await ed?.end()
  await admin?.end()
  await pg?.remove()
})

/** Text with what COPY's text format must escape (backslash, tab, line breaks, a literal \N) mixed in; no NUL, which jsonb refuses. */
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom('\\', '\t', '\n', '\r', '\\N', '\\\\', '"', '\u2028', '😀'),
      fc.string({ unit: 'binary', maxLength: 12 })
    ),
    { maxLength: 8 }
  )
  .map((parts) => parts.join('').split(String.fromCharCode(0)).join(''))

describe('push through COPY', () => {
  it('keeps every key, story id, value and history entry exactly as sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(awkward, { minLength: 1, maxLength: 6 }), async (texts) => {
        const run = randomUUID()
        const units: PushUnit[] = texts.map((text, i) => ({
          key: `claim:${run}-${i}-${text}`,
          kind: 'claim',
          storyId: `s-${text}`,
          value: { rationale: text, nested: { list: [text, null, 1.5] } },
          baseSeq: null,
          changeId: `${run}-${i}`
        }))
        const activity = texts.map((text, i) => ({ id: `${run}-a${i}`, storyId: `s-${text}`, summary: text }))
        const answer = await new DeskRepository(ed, 'desk').pushPage(units, activity)
        expect(answer.results.map(([key, status]) => [key, status])).toEqual(units.map((u) => [u.key, 'applied']))
        const stored = await admin.query<{ key: string; story_id: string; value: unknown }>(
          `SELECT key, story_id, value FROM factdesk.units WHERE desk_id = 'desk' AND key LIKE $1 ORDER BY seq`,
          [`claim:${run}-%`]
        )
        expect(stored.rows).toEqual(units.map((u) => ({ key: u.key, story_id: u.storyId, value: u.value })))
        const entries = await admin.query<{ entry: unknown }>(
          `SELECT entry FROM factdesk.activity WHERE desk_id = 'desk' AND id LIKE $1 ORDER BY seq, ord`,
          [`${run}-a%`]
        )
        // History is kept per story (one batch per story of a page, schema 11): each story's entries in
        // the order sent, the stories in the order their first entries were.
        const first = activity.map((a) => activity.findIndex((b) => b.storyId === a.storyId))
        const perStory = activity.map((a, i) => ({ a, i })).sort((x, y) => first[x.i]! - first[y.i]! || x.i - y.i)
        expect(entries.rows.map((r) => r.entry)).toEqual(perStory.map((x) => x.a))
      }),
      { numRuns: 40 }
    )
  }, 120_000)

  it('looks a page up by key: pushing it scans none of the desk tables, however many rows they hold', async () => {
    const repo = new DeskRepository(ed, 'desk')
    const page = (tag: string, count: number, from: number, stories: number) => ({
      units: Array.from({ length: count }, (_, i): PushUnit => ({
        key: `claim:${tag}-${i}`,
        kind: 'claim',
        storyId: `big-${i % 50}`,
        value: { number: from + i, text: 'x'.repeat(200) },
        baseSeq: null,
        changeId: `${tag}-${i}`
      })),
      activity: Array.from({ length: count }, (_, i) => ({ id: `${tag}-a${i}`, storyId: `big-${i % stories}` }))
    })
    // The seed's history goes to 6,000 stories: as many batches (schema 11), a table worth an index.
    const seed = page('seed', 6000, 1, 6000)
    await repo.pushPage(seed.units, seed.activity)
    await admin.query('ANALYZE factdesk.units, factdesk.change_log, factdesk.history, factdesk.claim_numbers')
    const scans = async () =>
      (
        await admin.query<{ relname: string; seq_scan: string }>(
          `SELECT relname, seq_scan FROM pg_stat_user_tables WHERE schemaname = 'factdesk' ORDER BY relname`
        )
      ).rows
    /** The pushing session's counts, flushed: a scan of authors marks that they have arrived. */
    const flushed = async () => {
      const marked = Number((await scans()).find((r) => r.relname === 'authors')!.seq_scan)
      await ed.query('SELECT pg_stat_force_next_flush()')
      await ed.query('SELECT count(*) FROM factdesk.authors')
      let now = await scans()
      for (let i = 0; i < 200 && Number(now.find((r) => r.relname === 'authors')!.seq_scan) <= marked; i++) {
        await new Promise((r) => setTimeout(r, 25))
        await admin.query('SELECT pg_stat_clear_snapshot()')
        now = await scans()
      }
      return now.filter((r) => ['units', 'change_log', 'history', 'claim_numbers'].includes(r.relname))
    }
    const before = await flushed()
    const next = page('next', 2000, 100_000, 50)
    await repo.pushPage(next.units, next.activity)
    expect(await flushed()).toEqual(before)
  }, 60_000)

  it("looks no history entry up whose author is already the pusher's: a page's index probes of the history do not grow with its entries", async () => {
    const repo = new DeskRepository(ed, 'desk')
    const entries = (tag: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `${tag}-h${i}`, storyId: `hist-${i % 20}`, by: 'p-ed' }))
    // The first page names p-ed: looked up, and p-ed recorded as ed's.
    await repo.pushPage([], entries('first', 200))
    const probes = async (): Promise<number> => {
      await ed.query('SELECT pg_stat_force_next_flush()')
      await ed.query('SELECT 1')
      await admin.query('SELECT pg_stat_clear_snapshot()')
      const row = await admin.query<{ idx_scan: string }>(
        `SELECT idx_scan FROM pg_stat_user_tables WHERE schemaname = 'factdesk' AND relname = 'history'`
      )
      return Number(row.rows[0]!.idx_scan)
    }
    const settle = async (): Promise<number> => {
      // Counts reach the shared statistics once the pushing session flushes them: read until they stop moving.
      let last = await probes()
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50))
        const now = await probes()
        if (now === last) return now
        last = now
      }
      return last
    }
    const before = await settle()
    await repo.pushPage([], entries('second', 2000))
    const after = await settle()
    // The desk's history is looked up once per story of the page (20), not per entry: schema 9 probed
    // each of the 2,000 ids once for ON CONFLICT, schema 8 twice.
    expect(after - before).toBeLessThan(200)
    const stored = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM factdesk.activity WHERE desk_id = 'desk' AND id LIKE 'second-h%'`
    )
    expect(Number(stored.rows[0]!.n)).toBe(2000)
  }, 60_000)

  it('looks no change up for a unit new to the desk, nor a claim again for the number it kept (desk schema 15)', async () => {
    const repo = new DeskRepository(ed, 'desk')
    const probes = async (): Promise<Record<string, number>> => {
      await ed.query('SELECT pg_stat_force_next_flush()')
      await ed.query('SELECT 1')
      await admin.query('SELECT pg_stat_clear_snapshot()')
      const rows = await admin.query<{ relname: string; idx_scan: string }>(
        `SELECT relname, idx_scan FROM pg_stat_user_tables WHERE schemaname = 'factdesk' AND relname IN ('change_log', 'claim_numbers')`
      )
      return Object.fromEntries(rows.rows.map((r) => [r.relname, Number(r.idx_scan)]))
    }
    const settle = async (): Promise<Record<string, number>> => {
      // Counts reach the shared statistics once the pushing session flushes them: read until they stop moving.
      let last = await probes()
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50))
        const now = await probes()
        if (JSON.stringify(now) === JSON.stringify(last)) return now
        last = now
      }
      return last
    }
    const claims = (tag: string, count: number, numbered: (i: number) => number): PushUnit[] =>
      Array.from({ length: count }, (_, i) => ({
        key: `claim:${tag}-${i}`,
        kind: 'claim',
        storyId: `${tag}-story-${i % 10}`,
        value: { number: numbered(i), text: 'x' },
        baseSeq: null,
        changeId: `${tag}-${i}`
      }))
    const before = await settle()
    await repo.pushPage(
      claims('fresh', 1000, (i) => Math.floor(i / 10) + 1),
      []
    )
    const after = await settle()
    // Inserting each number probes its two unique indexes once each (ON CONFLICT); nothing more.
    expect(after).toEqual({ change_log: before.change_log, claim_numbers: before.claim_numbers! + 2000 })
    // A page where a number was taken looks every claim up, as before: the one taken is renumbered.
    const clash = claims('clash', 10, (i) => i + 1)
    clash.push({ ...clash[0]!, key: 'claim:clash-again', changeId: 'clash-again' })
    const answer = await repo.pushPage(clash, [])
    expect(answer.results.at(-1)).toMatchObject(['claim:clash-again', 'applied', expect.anything(), { number: 2 }])
    expect((await settle()).claim_numbers! - after.claim_numbers!).toBeGreaterThan(2 * 11)
  }, 60_000)

  it('judges a page without compiling it: no statement of a push is JIT-compiled, however costly it looks', async () => {
    // jit_above_cost 0: any statement the session plans with JIT on is compiled, so a push whose
    // statements inside push_staged compiled nothing ran them with JIT off (schema 12). The planner
    // priced every page's judging statement above the default threshold, since it cannot know how
    // many rows a new staging table holds. (The top-level call itself is the client's to plan.)
    const stats = await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(
      () => true,
      () => false
    )
    if (!stats) return // a server without the module: nothing to read the compilations from
    // A server built without LLVM compiles nothing either way.
    const jit = await admin.query<{ available: boolean }>(`SELECT pg_jit_available() AS available`)
    if (!jit.rows[0]!.available) return
    const units = Array.from({ length: 300 }, (_, i): PushUnit => ({
      key: `claim:jit-${i}`,
      kind: 'claim',
      storyId: `jit-${i % 7}`,
      value: { number: i + 1, text: 'y'.repeat(300) },
      baseSeq: null,
      changeId: `jit-${i}`
    }))
    const activity = units.map((u, i) => ({ id: `jit-a${i}`, storyId: u.storyId, by: 'p-ed' }))
    await admin.query('SELECT pg_stat_statements_reset()')
    await ed.query('SET jit_above_cost = 0')
    try {
      await new DeskRepository(ed, 'desk').pushPage(units, activity)
    } finally {
      await ed.query('RESET jit_above_cost')
    }
    const compiled = await admin.query<{ query: string }>(
      `SELECT query FROM pg_stat_statements WHERE jit_functions > 0 AND NOT toplevel`
    )
    expect(compiled.rows.map((r) => r.query)).toEqual([])
  }, 60_000)

  it('takes a refused page not at all: its staged rows leave with the rollback', async () => {
    const unit = (key: string, value: PushUnit['value']): PushUnit => ({
      key,
      kind: 'claim',
      storyId: 's1',
      value,
      baseSeq: null,
      changeId: randomUUID()
    })
    // The second unit is not an object: the whole page is refused, the first unit included.
    await expect(
      new DeskRepository(ed, 'desk').pushPage([unit('claim:good', { a: 1 }), unit('claim:bad', 42 as never)], [])
    ).rejects.toMatchObject({ code: '22023' })
    const answer = await new DeskRepository(ed, 'desk').pushPage([unit('claim:next', { b: 2 })], [])
    expect(answer.results.map(([key]) => key)).toEqual(['claim:next'])
    const keys = await admin.query<{ key: string }>(
      `SELECT key FROM factdesk.units WHERE desk_id = 'desk' AND key IN ('claim:good', 'claim:bad', 'claim:next')`
    )
    expect(keys.rows).toEqual([{ key: 'claim:next' }])
  })
})
