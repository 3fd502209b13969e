// The store against the best embedded engine, in the same run: the same claim-save workload, 500
// stories x 40 worked claims (evidence, five activity entries per claim, three revisions), through
// Factdesk's store (a claims.update call, as the window makes it) and through better-sqlite3 in WAL
// mode with synchronous=FULL (so a committed save survives a power cut, as an acknowledged
// Factdesk save does). Saves are made by turns, Factdesk first on even turns and SQLite first on odd
// ones, so the disk's and the machine's noise falls on both alike; the ratio of their p95 (and p50)
// is the figure the issue tracks.
//
// One SQLite save is what one claims.update writes: in one transaction, the claim's row read,
// patched and written back as JSON, one activity row inserted, and the story row's updatedAt set.
// better-sqlite3 is a devDependency for this bench only; its native binding is built by its install
// script, and the bench says so clearly when it is missing.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openTestCore, type TestCore } from '../../src/main/testing/test-core'
import { benchIdentity, buildLibrary } from '../../src/main/testing/library-fixture'
import { percentile, row, type Bench, type BenchRow } from './types'

const STORIES = 500
const CLAIMS = 40
const SAVES = 1000
const statuses = ['open', 'in_progress', 'waiting', 'done'] as const

type Patch = { status: (typeof statuses)[number] } | { rationale: string }

/** The part of better-sqlite3's API this bench uses (its types are not installed for one bench). */
interface Statement {
  run(...params: unknown[]): unknown
  get(...params: unknown[]): unknown
}
interface Database {
  pragma(source: string): unknown
  exec(source: string): unknown
  prepare(source: string): Statement
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void
  close(): void
}
type DatabaseClass = new (file: string) => Database

/** The i-th save of the workload: which story and claim, and what changes. */
function workload(i: number): { storyId: string; claimId: string; patch: Patch } {
  const storyId = `story${(i * 7) % STORIES}`
  const claimId = `${storyId}-c${(i * 13) % CLAIMS}`
  const patch: Patch =
    i % 2 === 0
      ? { status: statuses[i % 4] ?? 'open' }
      : { rationale: `Checked against the ministry table, pass ${i}.` }
  return { storyId, claimId, patch }
}

interface SqliteStore {
  save(i: number): void
  close(): void
}

/** Loads the library's stories, claims, evidence and activity into a fresh SQLite database. */
async function sqliteOf(Database: DatabaseClass, libraryDir: string, file: string): Promise<SqliteStore> {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`
    CREATE TABLE stories (id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE claims (id TEXT PRIMARY KEY, story_id TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE evidence (id TEXT PRIMARY KEY, claim_id TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE activity (seq INTEGER PRIMARY KEY, story_id TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX activity_story ON activity (story_id);
  `)
  const insertStory = db.prepare('INSERT INTO stories VALUES (?, ?)')
  const insertClaim = db.prepare('INSERT INTO claims VALUES (?, ?, ?)')
  const insertEvidence = db.prepare('INSERT INTO evidence VALUES (?, ?, ?)')
  const insertActivity = db.prepare('INSERT INTO activity (story_id, data) VALUES (?, ?)')
  const storiesDir = path.join(libraryDir, 'stories')
  for (const id of await readdir(storiesDir)) {
    const state = JSON.parse(await readFile(path.join(storiesDir, id, 'story.json'), 'utf8')) as {
      story: { id: string }
      claims: { id: string }[]
      evidence: { id: string; claimId: string }[]
    }
    const activity = (await readFile(path.join(storiesDir, id, 'activity.jsonl'), 'utf8')).split('\n').filter(Boolean)
    db.transaction(() => {
      insertStory.run(id, JSON.stringify(state.story))
      for (const c of state.claims) insertClaim.run(c.id, id, JSON.stringify(c))
      for (const e of state.evidence) insertEvidence.run(e.id, e.claimId, JSON.stringify(e))
      for (const a of activity) insertActivity.run(id, a)
    })()
  }
  db.pragma('wal_checkpoint(TRUNCATE)')

  const readClaim = db.prepare('SELECT data FROM claims WHERE id = ?')
  const writeClaim = db.prepare('UPDATE claims SET data = ? WHERE id = ?')
  const touchStory = db.prepare("UPDATE stories SET data = json_set(data, '$.updatedAt', ?) WHERE id = ?")
  const save = db.transaction((i: number) => {
    const { storyId, claimId, patch } = workload(i)
    const at = new Date().toISOString()
    const claim = JSON.parse((readClaim.get(claimId) as { data: string }).data) as Record<string, unknown>
    const [field, value] = Object.entries(patch)[0] as [string, unknown]
    const from = claim[field]
    Object.assign(claim, patch, { updatedAt: at, updatedBy: 'bench' })
    writeClaim.run(JSON.stringify(claim), claimId)
    insertActivity.run(
      storyId,
      JSON.stringify({
        id: `sqlite-${i}`,
        at,
        by: 'bench',
        action: 'claim.updated',
        storyId,
        claimId,
        field,
        from,
        to: value,
        summary: `${field} changed`
      })
    )
    touchStory.run(at, storyId)
  })
  return { save: (i) => save(i), close: () => db.close() }
}

/** better-sqlite3, or null with the reason when its native binding is not built here. */
function loadSqlite(): { Database: DatabaseClass } | { missing: string } {
  try {
    const Database = createRequire(__filename)('better-sqlite3') as DatabaseClass
    new Database(':memory:').close()
    return { Database }
  } catch (error) {
    return { missing: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) }
  }
}

const bench: Bench = {
  name: 'store-vs-sqlite',
  async run(): Promise<BenchRow[]> {
    const sqlite = loadSqlite()
    if ('missing' in sqlite) {
      process.stderr.write(
        `store-vs-sqlite: better-sqlite3 cannot load (${sqlite.missing}); run \`npm rebuild better-sqlite3\` to build its native binding. The SQLite reference rows are skipped.\n`
      )
      return []
    }
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-sqlite-'))
    try {
      const dir = path.join(root, 'library')
      await buildLibrary(dir, STORIES, CLAIMS)
      const db = await sqliteOf(sqlite.Database, dir, path.join(root, 'reference.sqlite'))
      const t: TestCore = await openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })
      // Both warmed up: every story opened once, and a few saves to each before timing.
      for (let s = 0; s < STORIES; s++) await t.call('stories.get', { id: `story${s}` })
      for (let i = 0; i < 20; i++) {
        await t.call('claims.update', workload(SAVES + i))
        db.save(SAVES + i)
      }
      const factdesk: number[] = []
      const reference: number[] = []
      const timeFactdesk = async (i: number): Promise<void> => {
        const started = performance.now()
        await t.call('claims.update', workload(i))
        factdesk.push(performance.now() - started)
      }
      const timeSqlite = (i: number): void => {
        const started = performance.now()
        db.save(i)
        reference.push(performance.now() - started)
      }
      for (let i = 0; i < SAVES; i++) {
        if (i % 2 === 0) {
          await timeFactdesk(i)
          timeSqlite(i)
        } else {
          timeSqlite(i)
          await timeFactdesk(i)
        }
      }
      await t.core.close()
      db.close()
      const p = (values: number[], n: number): number => percentile(values, n)
      return [
        row(`claim save p50, ${STORIES} stories x ${CLAIMS} claims, Factdesk store`, p(factdesk, 50), 'ms'),
        row(`claim save p95, ${STORIES} stories x ${CLAIMS} claims, Factdesk store`, p(factdesk, 95), 'ms'),
        row(`claim save p50, same workload, SQLite WAL synchronous=FULL (better-sqlite3)`, p(reference, 50), 'ms'),
        row(`claim save p95, same workload, SQLite WAL synchronous=FULL (better-sqlite3)`, p(reference, 95), 'ms'),
        row('claim save p50 ratio, Factdesk / SQLite (same run, by turns)', p(factdesk, 50) / p(reference, 50), 'x'),
        row('claim save p95 ratio, Factdesk / SQLite (same run, by turns)', p(factdesk, 95) / p(reference, 95), 'x', {
          max: 2
        })
      ]
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }
}
export default bench
