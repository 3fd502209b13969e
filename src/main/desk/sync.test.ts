// Two and three Factdesk cores on separate library folders, one real PostgreSQL desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claim } from '../../shared/model'
import type { ChannelInput } from '../../shared/contract'
import { openTestCore, type TestCore } from '../testing/test-core'
import { deskStatus, settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'lead', { lead: true })
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
  await cluster.member('other', 'olga')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

const TEXT = 'The council spent 4 million on roads. The mayor said crime fell by half. Unemployment is at 3 percent.'

async function newStory(t: TestCore, title: string): Promise<{ storyId: string; claims: string[] }> {
  const story = await t.call('stories.create', { title, text: TEXT })
  const claims: string[] = []
  for (const words of ['4 million', 'crime fell by half', '3 percent']) {
    const start = TEXT.indexOf(words)
    claims.push((await t.call('claims.create', { storyId: story.id, start, end: start + words.length })).id)
  }
  return { storyId: story.id, claims }
}

const claimOf = async (t: TestCore, storyId: string, claimId: string): Promise<Claim | undefined> => {
  const detail = await t.call('stories.get', { id: storyId }).catch(() => null)
  return detail?.claims.find((c) => c.id === claimId)
}

describe('desk sync', () => {
  it('brings a story to the others, and merges edits to different claims and different fields', async () => {
    const [a, b, c] = [
      await cluster.client('news', 'ana'),
      await cluster.client('news', 'ben'),
      await cluster.client('news', 'lead')
    ]
    const { storyId, claims } = await newStory(a, 'Council budget')
    await waitFor(
      'the story on B and C',
      async () => (await claimOf(b, storyId, claims[2]!)) && (await claimOf(c, storyId, claims[2]!))
    )

    await a.call('claims.update', { storyId, claimId: claims[0]!, patch: { verdict: 'false' } })
    await b.call('claims.update', { storyId, claimId: claims[1]!, patch: { status: 'in_progress' } })
    await c.call('claims.update', {
      storyId,
      claimId: claims[0]!,
      patch: { rationale: 'Budget line 4.2 says 3.1 million.' }
    })
    for (const t of [a, b, c]) {
      const claim0 = await waitFor('claim 1 merged', async () => {
        const got = await claimOf(t, storyId, claims[0]!)
        return got?.verdict === 'false' && got.rationale.startsWith('Budget') ? got : null
      })
      expect(claim0.verdict).toBe('false')
      await waitFor('claim 2 merged', async () => (await claimOf(t, storyId, claims[1]!))?.status === 'in_progress')
    }
    for (const t of [a, b, c]) expect((await settled(t)).conflicts).toEqual([])
    // Activity merges by union: every editor's entries, each once.
    const logs = await Promise.all(
      [a, b, c].map(async (t) => (await t.call('stories.get', { id: storyId })).activity.map((x) => x.id).sort())
    )
    await waitFor('activity union', async () => {
      const again = await Promise.all(
        [a, b, c].map(async (t) => (await t.call('stories.get', { id: storyId })).activity.map((x) => x.id).sort())
      )
      return (
        again.every((l) => l.length === again[0]!.length && new Set(l).size === l.length) &&
        again[0]!.length >= logs[0]!.length
      )
    })
  }, 60_000)

  it('keeps both values of a verdict changed on both sides, flags it, and an editor settles it (logged)', async () => {
    const [a, b] = [await cluster.client('news', 'ana'), await cluster.client('news', 'ben')]
    const { storyId, claims } = await newStory(a, 'Crime figures')
    await waitFor('the story on B', () => claimOf(b, storyId, claims[1]!))
    await settled(a)
    await settled(b)
    // B goes offline, both set a different verdict on the same claim.
    await b.core.desk.sync!.close()
    await a.call('claims.update', { storyId, claimId: claims[1]!, patch: { verdict: 'misleading' } })
    await settled(a)
    await b.call('claims.update', { storyId, claimId: claims[1]!, patch: { verdict: 'accurate' } })
    await b.core.desk.resume()
    const status = await waitFor('a conflict on B', async () => {
      const s = await deskStatus(b)
      return s.conflicts.length > 0 ? s : null
    })
    expect(status.conflicts).toEqual([
      {
        key: `claim:${claims[1]}`,
        kind: 'claim',
        storyId,
        unitId: claims[1],
        fields: [{ field: 'verdict', local: 'accurate', remote: 'misleading' }]
      }
    ])
    // Nothing was overwritten: B keeps its own verdict, the desk keeps A's, until someone chooses.
    expect((await claimOf(b, storyId, claims[1]!))?.verdict).toBe('accurate')
    await new Promise((r) => setTimeout(r, 300))
    expect((await claimOf(a, storyId, claims[1]!))?.verdict).toBe('misleading')

    await b.call('desk.resolve', { key: `claim:${claims[1]}`, choices: { verdict: 'remote' } })
    expect((await claimOf(b, storyId, claims[1]!))?.verdict).toBe('misleading')
    expect((await deskStatus(b)).conflicts).toEqual([])
    const log = (await b.call('stories.get', { id: storyId })).activity
    // Who chose what: the entry is by B's editor and names the side and both values.
    expect(log.at(-1)?.summary).toBe(
      'Sync conflict resolved: verdict kept the desk’s value “misleading” over “accurate”'
    )
    await waitFor('the resolution logged on A', async () =>
      (await a.call('stories.get', { id: storyId })).activity.some((x) => x.summary.includes('Sync conflict resolved'))
    )
  }, 60_000)

  it('an edit against a concurrent delete is a flagged conflict, not a silent delete', async () => {
    const [a, b] = [await cluster.client('news', 'ana'), await cluster.client('news', 'ben')]
    const { storyId, claims } = await newStory(a, 'Deletes')
    await waitFor('the story on B', () => claimOf(b, storyId, claims[0]!))
    await settled(b)
    await b.core.desk.sync!.close()
    await a.call('claims.delete', { storyId, claimId: claims[0]! })
    await settled(a)
    await b.call('claims.update', { storyId, claimId: claims[0]!, patch: { verdict: 'false' } })
    await b.core.desk.resume()
    const status = await waitFor('a conflict on B', async () =>
      (await deskStatus(b)).conflicts.length > 0 ? deskStatus(b) : null
    )
    expect(status.conflicts[0]!.fields).toEqual([{ field: '(deleted)', local: 'edited', remote: 'deleted' }])
    expect((await claimOf(b, storyId, claims[0]!))?.verdict).toBe('false')
  }, 60_000)

  it('queues edits while the desk is down and pushes them when it is back', async () => {
    const [a, b] = [await cluster.client('news', 'ana'), await cluster.client('news', 'ben')]
    const { storyId, claims } = await newStory(a, 'Offline')
    await waitFor('the story on B', () => claimOf(b, storyId, claims[2]!))
    await cluster.pg.stop()
    await waitFor('A offline', async () => (await deskStatus(a)).state === 'offline')
    await a.call('claims.update', { storyId, claimId: claims[2]!, patch: { verdict: 'accurate', status: 'done' } })
    expect(
      (await waitFor('pending on A', async () => ((await deskStatus(a)).pending > 0 ? deskStatus(a) : null))).state
    ).toBe('offline')
    await cluster.pg.restart()
    await waitFor('the edit on B', async () => (await claimOf(b, storyId, claims[2]!))?.verdict === 'accurate')
    expect((await settled(a)).pending).toBe(0)
  }, 60_000)

  it('refuses a wrong password, a non-member and a non-lead changing desk settings, with codes', async () => {
    const lead = await cluster.client('news', 'lead')
    await settled(lead)
    const t = await cluster.client('news', 'ana')
    const wrong = await t.core.dispatch('desk.connect', cluster.connectInput('news', 'ben', 'nope'), {
      url: 'app://factdesk/index.html',
      isMainFrame: true
    })
    expect(wrong.ok ? null : wrong.error.code).toBe('forbidden')
    const stranger = await t.core.dispatch('desk.connect', cluster.connectInput('news', 'olga'), {
      url: 'app://factdesk/index.html',
      isMainFrame: true
    })
    expect(stranger.ok ? null : stranger.error).toMatchObject({
      code: 'not_member',
      message: expect.stringContaining('not a member')
    })
    // The refused attempts left the working connection alone.
    await settled(t)
    await t.call('settings.update', { patch: { organisationName: 'Ana’s idea' } })
    const status = await waitFor('a refusal', async () => ((await deskStatus(t)).error ? deskStatus(t) : null))
    expect(status.error?.code).toBe('forbidden')
    expect(status.pending).toBe(0)
    const rows = await cluster.admin<{ name: string }>(
      `SELECT value->>'organisationName' AS name FROM factdesk.units WHERE desk_id = 'news' AND key = 'settings'`
    )
    expect(rows.map((r) => r.name)).not.toContain('Ana’s idea')
    await lead.call('settings.update', { patch: { organisationName: 'Riverton Ledger' } })
    // Ana's refused change and the lead's meet: a conflict Ana settles in the lead's favour.
    const clash = await waitFor('the settings conflict on Ana', async () =>
      (await deskStatus(t)).conflicts.find((c) => c.key === 'settings')
    )
    expect(clash.fields).toEqual([{ field: 'organisationName', local: 'Ana’s idea', remote: 'Riverton Ledger' }])
    await t.call('desk.resolve', { key: 'settings', choices: { organisationName: 'remote' } })
    expect((await t.call('library.get', {})).settings.organisationName).toBe('Riverton Ledger')
    expect((await settled(t)).error).toBeNull()
  }, 60_000)

  it('shows the lead every story on the desk with its counts and assignees, marked by how it stands with the desk', async () => {
    const [lead, b] = [await cluster.client('news', 'lead'), await cluster.client('news', 'ben')]
    const rosa = await b.call('people.create', { name: 'Rosa Diaz' })
    const { storyId, claims } = await newStory(b, 'Harbour dredging')
    await b.call('claims.update', {
      storyId,
      claimId: claims[0]!,
      patch: { assignee: rosa.id, status: 'done', verdict: 'accurate' }
    })
    await b.call('claims.update', { storyId, claimId: claims[1]!, patch: { status: 'in_progress' } })
    await settled(b)
    const query: ChannelInput<'library.search'> = {
      query: 'harbour',
      deskState: 'all',
      assignee: 'all',
      desk: 'all',
      sort: 'updated',
      offset: 0,
      limit: 50
    }
    const page = await waitFor('B’s story in the lead’s view', async () => {
      const p = await lead.call('library.search', query)
      return p.stories[0]?.statusCounts.done === 1 && p.marks[storyId] === 'synced' ? p : null
    })
    expect(page.stories).toHaveLength(1)
    expect(page.stories[0]).toMatchObject({
      id: storyId,
      claimCount: 3,
      statusCounts: { open: 1, in_progress: 1, waiting: 0, done: 1 },
      assignees: [rosa.id]
    })
    expect((await lead.call('library.get', {})).people.map((p) => p.name)).toContain('Rosa Diaz')
    await settled(lead)
    const whole = await lead.call('library.search', { ...query, query: '' })
    expect(whole.desk).toEqual({
      stories: whole.desk!.inLibrary,
      inLibrary: Number(
        (
          await cluster.admin<{ n: string }>(
            `SELECT count(*) AS n FROM factdesk.units WHERE desk_id = 'news' AND kind = 'story' AND value IS NOT NULL`
          )
        )[0]!.n
      )
    })
    // The sample story stays on this machine; filters and marks agree.
    const local = await lead.call('library.search', { ...query, query: '', desk: 'local' })
    expect(local.total).toBeGreaterThan(0)
    expect(Object.values(local.marks).every((m) => m === 'local')).toBe(true)
    expect(local.stories.some((s) => s.id === storyId)).toBe(false)

    // Offline, the lead's edit is marked as not on the desk yet, until it is pushed.
    await cluster.pg.stop()
    await waitFor('the lead offline', async () => (await deskStatus(lead)).state === 'offline')
    await lead.call('claims.update', { storyId, claimId: claims[2]!, patch: { status: 'waiting' } })
    const pending = await waitFor('the story marked pending', async () => {
      const p = await lead.call('library.search', { ...query, desk: 'pending' })
      return p.total === 1 ? p : null
    })
    expect(pending.marks[storyId]).toBe('pending')
    await cluster.pg.restart()
    await waitFor(
      'the story agreed again',
      async () => (await lead.call('library.search', query)).marks[storyId] === 'synced',
      30_000
    )
    await waitFor('the status on B', async () => (await claimOf(b, storyId, claims[2]!))?.status === 'waiting')

    // Without a desk the screen is the library, with no desk marks.
    const alone = await openTestCore()
    try {
      expect(await alone.call('library.search', { ...query, query: '', desk: 'pending' })).toMatchObject({
        desk: null,
        marks: {}
      })
    } finally {
      await alone.cleanup()
    }
  }, 90_000)

  it('an editor of one desk never receives another desk’s stories', async () => {
    const a = await cluster.client('news', 'ana')
    const o = await cluster.client('other', 'olga')
    const { storyId } = await newStory(a, 'News desk only')
    await settled(a)
    await settled(o)
    const theirs = await o.call('stories.list', {})
    expect(theirs.some((s) => s.id === storyId)).toBe(false)
  }, 60_000)
})
