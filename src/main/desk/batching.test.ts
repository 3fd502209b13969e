// The desk sync works a page at a time, never a unit or a story at a time. Counted, not timed: the
// statements each role runs on the server (pg_stat_statements, nested statements in functions
// included), and the writes each story costs in the library.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildLibrary } from '../testing/library-fixture'
import { openTestCore } from '../testing/test-core'
import { deskStatus, settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

const STORIES = 30
const CLAIMS = 8
/** Units on the desk: each story's header, its claims and their evidence. */
const UNITS = STORIES * (1 + 2 * CLAIMS)

let cluster: DeskCluster
let root: string
beforeAll(async () => {
  cluster = await startDeskCluster()
  root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-batching-'))
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
  await cluster.admin('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
  if (root) await rm(root, { recursive: true, force: true })
})

/** Statements a role ran since the last reset, nested ones included. */
async function statementsBy(role: string): Promise<number> {
  const [row] = await cluster.admin<{ calls: string | null }>(
    `SELECT sum(calls) AS calls FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
    [role]
  )
  return Number(row?.calls ?? 0)
}

describe('desk sync batching', () => {
  it('pushes a library (one read per story) and pulls it into an empty one in a bounded number of statements, one write per story', async () => {
    const dir = path.join(root, 'seeded')
    await buildLibrary(dir, STORIES, CLAIMS)
    const seeded = await openTestCore({
      libraryDir: dir,
      identity: { load: async () => 'bench', save: async () => undefined },
      checkOutput: false,
      deskRetryMs: 150
    })
    try {
      // Each story is read once by the push (to compare its units and take its history), not again.
      const reads = new Map<string, number>()
      const store = seeded.core.store
      const readStory = store.readStory.bind(store)
      store.readStory = (id) => {
        reads.set(id, (reads.get(id) ?? 0) + 1)
        return readStory(id)
      }
      await cluster.admin('SELECT pg_stat_statements_reset()')
      await seeded.call('desk.connect', cluster.connectInput('news', 'ana'))
      await settled(seeded)
      expect(reads.size).toBe(STORIES)
      expect([...reads.values()].every((n) => n === 1)).toBe(true)
      const [onDesk] = await cluster.admin<{ n: string }>(
        `SELECT count(*) AS n FROM factdesk.units WHERE desk_id = 'news' AND story_id IS NOT NULL`
      )
      expect(Number(onDesk!.n)).toBe(UNITS)
      // Unit by unit this was five statements per unit (over 2,500); a page is about a dozen.
      const pushed = await statementsBy('ana')
      expect(pushed).toBeLessThan(40)

      const fresh = await openTestCore({ checkOutput: false, deskRetryMs: 150 })
      try {
        const writes = new Map<string, number>()
        fresh.core.store.onChange((change) => {
          if (change.entity === 'story') writes.set(change.summary.id, (writes.get(change.summary.id) ?? 0) + 1)
        })
        await cluster.admin('SELECT pg_stat_statements_reset()')
        await fresh.call('desk.connect', cluster.connectInput('news', 'ben'))
        await waitFor(
          'every story in the empty library',
          async () => {
            await fresh.core.desk.sync?.idle()
            return fresh.core.store.library.stories.length > STORIES && (await deskStatus(fresh)).pending === 0
          },
          60_000
        )
        expect(await statementsBy('ben')).toBeLessThan(20)
        // Each story written once, whole: claims, evidence and history together.
        expect(writes.size).toBe(STORIES)
        expect([...writes.values()].every((n) => n === 1)).toBe(true)
        const pulled = await fresh.call('stories.get', { id: 'story7' })
        expect(pulled.claims).toHaveLength(CLAIMS)
        expect(pulled.evidence).toHaveLength(CLAIMS)
        expect(pulled.activity).toHaveLength((await seeded.call('stories.get', { id: 'story7' })).activity.length)
        // Nothing came back to be pushed: the pulled library agrees with the desk.
        expect((await settled(fresh)).pending).toBe(0)
      } finally {
        await fresh.cleanup()
      }
    } finally {
      await seeded.cleanup()
    }
  }, 120_000)
})
