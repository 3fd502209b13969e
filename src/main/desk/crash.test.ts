// Crashes and restarts: a client killed with SIGKILL mid-push, and the desk server restarted mid-sync.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claim } from '../../shared/model'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'
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
