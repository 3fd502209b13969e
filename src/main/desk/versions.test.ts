// The versioned wire format of issue 23 (item 7) on a real desk: a desk newer than this version is
// refused with desk_too_new and nothing changes, and a value on the desk this version cannot read is
// kept aside and reported, never dropped while the cursor moves on (also across a restart).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestCore, withEditor } from '../testing/test-core'
import { LATEST_DESK_SCHEMA } from './migrations'
import { deskStatus, settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'lead', { lead: true })
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

const TEXT = 'The council spent 4 million on roads. The mayor said crime fell by half.'

describe('versions on the desk', () => {
  it('refuses a desk whose schema is newer, with desk_too_new, and changes nothing on either side', async () => {
    const t = await openTestCore({ deskRetryMs: 150 })
    try {
      await withEditor(t, 'Ana')
      await t.call('stories.create', { title: 'Kept here', text: TEXT })
      await cluster.admin(`INSERT INTO factdesk.schema_migrations (version, name) VALUES ($1, 'from the future')`, [
        LATEST_DESK_SCHEMA + 1
      ])
      const refused = await t.core.dispatch('desk.connect', cluster.connectInput('news', 'ana'), {
        url: 'app://factdesk/index.html',
        isMainFrame: true
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'desk_too_new' } })
      expect(await deskStatus(t)).toMatchObject({ state: 'off', pending: 0 })
      const units = await cluster.admin<{ n: string }>(`SELECT count(*) AS n FROM factdesk.units`)
      expect(Number(units[0]!.n)).toBe(0)
      // Nothing of the desk was written into the library: after a restart it is still not connected.
      await t.restart()
      expect((await deskStatus(t)).state).toBe('off')
    } finally {
      await cluster.admin(`DELETE FROM factdesk.schema_migrations WHERE version = $1`, [LATEST_DESK_SCHEMA + 1])
      await t.cleanup()
    }
  }, 60_000)

  it('keeps a desk value it cannot read aside, reports it, and applies it once it reads', async () => {
    // The lead sets up the desk's settings first, so a member's are agreed, not held (no other notice).
    await settled(await cluster.client('news', 'lead'))
    const a = await cluster.client('news', 'ana')
    const story = await a.call('stories.create', { title: 'Newer verdicts', text: TEXT })
    const start = TEXT.indexOf('4 million')
    const claim = await a.call('claims.create', { storyId: story.id, start, end: start + 9 })
    await settled(a)
    // Another editor, on a newer Factdesk, adds a claim with a status in a workflow stage this version does
    // not know (a verdict is any id of the desk's own scale now, so an unknown verdict id is readable).
    const ben = new Client({ ...cluster.connectInput('news', 'ben'), ssl: false })
    await ben.connect()
    const push = async (value: object, baseSeq: number | null) =>
      (
        await ben.query<{ answer: { results: [string, string, string][] } }>(
          'SELECT factdesk.push_page($1, $2, $3) AS answer',
          [
            'news',
            JSON.stringify([
              {
                key: 'claim:from-v9',
                kind: 'claim',
                storyId: story.id,
                value,
                baseSeq,
                changeId: `v9-${Math.random()}`
              }
            ]),
            '[]'
          ]
        )
      ).rows[0]!.answer.results[0]!
    const newer = { ...claim, id: 'from-v9', number: 7, status: 'escalated' }
    try {
      const [, status, seq] = await push(newer, null)
      expect(status).toBe('applied')
      const reported = await waitFor('the unreadable change reported', async () => {
        const s = await deskStatus(a)
        return s.error?.code === 'unsupported' ? s : null
      })
      expect(reported.error!.message).toMatch(/1 change on the desk need/)
      const ids = async () => (await a.call('stories.get', { id: story.id })).claims.map((c) => c.id)
      expect(await ids()).not.toContain('from-v9')
      // Still kept after a restart, though the cursor has moved past it.
      await a.restart()
      await a.core.desk.sync?.idle()
      await waitFor('still reported after a restart', async () => (await deskStatus(a)).error?.code === 'unsupported')
      // The desk's value becomes one this version reads: it arrives, and the report goes.
      await push({ ...newer, status: 'in_progress' }, Number(seq))
      await waitFor('the claim arrived', async () => (await ids()).includes('from-v9'))
      await waitFor('the report gone', async () => (await deskStatus(a)).error === null)
    } finally {
      await ben.end()
    }
  }, 90_000)

  it('keeps a history entry it cannot read aside and reports it, also after a restart', async () => {
    const a = await cluster.client('news', 'ana')
    const story = await a.call('stories.create', { title: 'Newer history', text: TEXT })
    await settled(a)
    const ben = new Client({ ...cluster.connectInput('news', 'ben'), ssl: false })
    await ben.connect()
    // Another editor, on a newer Factdesk, logs an action this version does not know.
    const entry = {
      id: 'entry-from-v9',
      at: new Date().toISOString(),
      by: 'ben-on-v9',
      action: 'story.escalated',
      storyId: story.id,
      claimId: null,
      field: null,
      from: null,
      to: null,
      summary: 'Escalated to the legal desk'
    }
    const push = async (value: object) =>
      ben.query('SELECT factdesk.push_page($1, $2, $3) AS answer', ['news', '[]', JSON.stringify([value])])
    const entries = async () => (await a.call('stories.get', { id: story.id })).activity.map((e) => e.id)
    try {
      await push(entry)
      const reported = await waitFor('the unreadable entry reported', async () => {
        const s = await deskStatus(a)
        return s.error?.code === 'unsupported' ? s : null
      })
      expect(reported.error!.message).toMatch(/1 change on the desk need/)
      expect(await entries()).not.toContain(entry.id)
      // Still kept after a restart, though the cursor has moved past it (dropped on the old code).
      await a.restart()
      await a.core.desk.sync?.idle()
      await waitFor('still reported after a restart', async () => (await deskStatus(a)).error?.code === 'unsupported')
      // Kept whole in the library's desk state, to be offered again at every pull (an update may read it).
      const state = JSON.parse(await readFile(path.join(a.dir, 'desk', 'state.json'), 'utf8')) as {
        asideActivity?: Record<string, { story_id: string; entry: unknown }>
      }
      expect(Object.values(state.asideActivity ?? {})).toEqual([{ story_id: story.id, entry }])
    } finally {
      await ben.end()
    }
  }, 90_000)
})
