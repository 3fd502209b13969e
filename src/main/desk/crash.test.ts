// Crashes and restarts: a client killed with SIGKILL mid-push, and the desk server restarted mid-sync.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTcpProxy } from '../../../e2e/support/tcp-proxy'
import type { Claim } from '../../shared/model'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'
import { benchIdentity, buildLibrary } from '../testing/library-fixture'
import { storyUnits } from './units'
import { settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

const TEXT = Array.from({ length: 40 }, (_, i) => `Statement number ${i} says ${i * 7} things happened.`).join(' ')

async function storyWithClaims(t: TestCore, count: number): Promise<{ storyId: string; claims: string[] }> {
  const story = await t.call('stories.create', { title: 'Crash story', text: TEXT })
  const claims: string[] = []
  for (let i = 0; i < count; i++) {
    const words = `Statement number ${i} says`
    const start = TEXT.indexOf(words)
    claims.push((await t.call('claims.create', { storyId: story.id, start, end: start + words.length })).id)
  }
  return { storyId: story.id, claims }
}

/** What the desk holds for a story: claim rationales and the activity entry ids. */
async function onDesk(storyId: string): Promise<{ rationale: Map<string, string>; activity: string[] }> {
  const units = await cluster.admin<{ key: string; value: Claim }>(
    `SELECT key, value FROM factdesk.units WHERE desk_id = 'news' AND story_id = $1 AND kind = 'claim'`,
    [storyId]
  )
  const activity = await cluster.admin<{ id: string }>(
    `SELECT id FROM factdesk.activity WHERE desk_id = 'news' AND story_id = $1`,
    [storyId]
  )
  return { rationale: new Map(units.map((u) => [u.value.id, u.value.rationale])), activity: activity.map((a) => a.id) }
}

describe('desk sync under crashes', () => {
  it('a client killed with SIGKILL mid-push loses no acknowledged change and duplicates nothing', async () => {
    const seed = await openTestCore()
    const editor = await withEditor(seed, 'Ana')
    const { storyId, claims } = await storyWithClaims(seed, 10)
    const dir = seed.dir
    await seed.core.close()

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'testing/push-child.ts'),
        dir,
        JSON.stringify(cluster.connectInput('news', 'ana')),
        storyId,
        claims.join(','),
        editor
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let saved = -1
    let errors = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const last = /saved (\d+)\n$/.exec(chunk.toString())
      if (last) saved = Number(last[1])
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    // Kill it once the desk has acknowledged a good number of its edits, while it is still pushing.
    await waitFor(
      `the child to push (${errors})`,
      async () => (await cluster.admin(`SELECT 1 FROM factdesk.changes WHERE by_role = 'ana'`)).length > 40,
      60_000
    )
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    expect(saved).toBeGreaterThan(0)
    const acknowledged = await onDesk(storyId)

    // The same library opened again (the desk password is asked again: it was only in that process's memory).
    const again = await openTestCore({
      libraryDir: dir,
      identity: { load: async () => editor, save: async () => undefined },
      deskRetryMs: 100
    })
    try {
      await again.call('desk.connect', cluster.connectInput('news', 'ana'))
      await settled(again)
      const local = await again.call('stories.get', { id: storyId })
      const desk = await onDesk(storyId)
      // Every saved edit is in the library and on the desk, exactly once.
      for (const c of local.claims) expect(desk.rationale.get(c.id)).toBe(c.rationale)
      expect(desk.activity.sort()).toEqual(local.activity.map((a) => a.id).sort())
      for (const id of acknowledged.activity) expect(desk.activity).toContain(id)
      const updates = local.activity.filter((a) => a.action === 'claim.updated')
      expect(updates.length).toBeGreaterThanOrEqual(saved + 1)
      const dupes = await cluster.admin(
        `SELECT key, factdesk.change_value(desk_id, change_id) AS value FROM factdesk.changes WHERE desk_id = 'news' GROUP BY 1, 2 HAVING count(*) > 1`
      )
      expect(dupes).toEqual([])
    } finally {
      await again.cleanup()
    }
  }, 120_000)

  it('a push whose answer the network lost after the desk committed it is agreed on reconnect, not pushed again (was: the same value a second time, its fields stamped as set back)', async () => {
    const relay = await startTcpProxy({ host: cluster.pg.host, port: cluster.pg.port })
    const t = await openTestCore({ deskRetryMs: 100 })
    try {
      await withEditor(t, 'Ben')
      await t.call('desk.connect', { ...cluster.connectInput('news', 'ben'), port: relay.port })
      const { storyId, claims } = await storyWithClaims(t, 2)
      await settled(t)
      const key = `claim:${claims[0]}`
      const lost = relay.loseNextPushAnswer()
      await t.call('claims.update', { storyId, claimId: claims[0]!, patch: { rationale: 'As the minutes say' } })
      await lost
      await settled(t)
      expect((await onDesk(storyId)).rationale.get(claims[0]!)).toBe('As the minutes say')
      // Two changes of the claim: its creation and the edit, each once.
      const changes = await cluster.admin<{ rationale: string }>(
        `SELECT factdesk.change_value(desk_id, change_id)->>'rationale' AS rationale FROM factdesk.changes WHERE desk_id = 'news' AND key = $1 ORDER BY seq`,
        [key]
      )
      expect(changes.map((c) => c.rationale)).toEqual(['', 'As the minutes say'])
      // After a restart nothing is left to push, and the desk still has those two changes.
      await t.restart()
      expect((await settled(t)).pending).toBe(0)
      expect(
        await cluster.admin(`SELECT key FROM factdesk.changes WHERE desk_id = 'news' AND key = $1`, [key])
      ).toHaveLength(2)
    } finally {
      await t.cleanup()
      await relay.close()
    }
  }, 60_000)

  it('a first push of many pages killed with SIGKILL, two pages in flight, is taken again without loss or duplicates', async () => {
    // 60 stories x 40 claims: 4,861 units and 12,000 history entries, three pages or more; a page is
    // sent while the answer to the one before is applied, so two are in flight at a time.
    await cluster.member('many', 'cy')
    const seed = await openTestCore()
    await seed.core.close()
    const dir = seed.dir
    await buildLibrary(dir, 60, 40)
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'testing/push-child.ts'),
        dir,
        JSON.stringify(cluster.connectInput('many', 'cy')),
        'story0',
        'story0-c0,story0-c1',
        'bench'
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    const unitsOnDesk = async (): Promise<number> =>
      Number(
        (await cluster.admin<{ n: string }>(`SELECT count(*) AS n FROM factdesk.units WHERE desk_id = 'many'`))[0]!.n
      )
    // Killed once the desk has taken its first page, while it is still pushing the rest.
    await waitFor(`the child to push a page (${errors})`, async () => (await unitsOnDesk()) > 0, 60_000)
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    // Killed half-way: pages of the push are still to be taken (each takes far longer than one poll).
    expect(await unitsOnDesk()).toBeLessThan(4000)

    const again = await openTestCore({ libraryDir: dir, identity: benchIdentity, checkOutput: false, deskRetryMs: 100 })
    try {
      await again.call('desk.connect', cluster.connectInput('many', 'cy'))
      await settled(again, 110_000)
      // Every unit of every story is on the desk once, with the library's value; every history entry once.
      const desk = await cluster.admin<{ key: string; value: unknown }>(
        `SELECT key, value FROM factdesk.units WHERE desk_id = 'many' AND story_id IS NOT NULL`
      )
      const local = new Map<string, unknown>()
      const entries: string[] = []
      for (const summary of again.core.store.library.stories) {
        const file = await again.core.store.readStory(summary.id)
        if (file.story.origin.kind === 'sample') continue
        for (const u of storyUnits(file)) local.set(u.key, u.value)
        entries.push(...file.activity.map((a) => `${file.story.id} ${a.id}`))
      }
      expect(local.size).toBeGreaterThan(4000)
      expect(new Map(desk.map((r) => [r.key, r.value]))).toEqual(local)
      const history = await cluster.admin<{ entry: string }>(
        `SELECT story_id || ' ' || id AS entry FROM factdesk.activity WHERE desk_id = 'many'`
      )
      expect(history.map((h) => h.entry).sort()).toEqual(entries.sort())
      const dupes = await cluster.admin(
        `SELECT key FROM factdesk.changes WHERE desk_id = 'many' GROUP BY key, seq HAVING count(*) > 1`
      )
      expect(dupes).toEqual([])
    } finally {
      await again.cleanup()
    }
  }, 120_000)

  it('recovers when the desk server restarts in the middle of a sync', async () => {
    const a = await cluster.client('news', 'ana')
    const b = await cluster.client('news', 'ben')
    const { storyId, claims } = await storyWithClaims(a, 30)
    await settled(a)
    const edits = claims.map((claimId, i) =>
      a.call('claims.update', { storyId, claimId, patch: { verdict: i % 2 ? 'false' : 'accurate', status: 'done' } })
    )
    await new Promise((r) => setTimeout(r, 30))
    await cluster.pg.restart()
    await Promise.all(edits)
    await settled(a)
    await waitFor(
      'every verdict on B',
      async () => {
        const got = await b.call('stories.get', { id: storyId }).catch(() => null)
        return got && got.claims.length === 30 && got.claims.every((c) => c.status === 'done')
      },
      30_000
    )
    const desk = await onDesk(storyId)
    const local = await a.call('stories.get', { id: storyId })
    expect(desk.activity.sort()).toEqual(local.activity.map((x) => x.id).sort())
  }, 90_000)
})
