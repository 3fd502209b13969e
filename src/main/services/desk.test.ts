// The desk's services through the real dispatch and store: every change is stamped and logged,
// deletes can be undone, and one source can back claims in many stories.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let editor: string
let storyId: string
const text = 'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather for the delay.'

beforeEach(async () => {
  t = await openTestCore()
  editor = await withEditor(t, 'Rosa Diaz')
  storyId = (await t.call('stories.create', { title: 'Exports', text })).id
})
afterEach(() => t.cleanup())

const detail = () => t.call('stories.get', { id: storyId })
const mark = (words: string) =>
  t.call('claims.create', { storyId, start: text.indexOf(words), end: text.indexOf(words) + words.length })

describe('claims', () => {
  it('marks words (trimmed to whole words), guesses a type, and logs who changed what from what to what', async () => {
    const claim = await t.call('claims.create', {
      storyId,
      start: text.indexOf('exports') - 1,
      end: text.indexOf('March') + 5
    })
    expect(claim).toMatchObject({
      type: 'statistic',
      status: 'open',
      createdBy: editor,
      anchor: { quote: { exact: 'exports rose 12 percent in March' } }
    })
    await t.call('claims.update', {
      storyId,
      claimId: claim.id,
      patch: { status: 'done', verdict: 'accurate', rationale: 'Matches the ministry table.' }
    })
    await t.call('claims.comment', { storyId, claimId: claim.id, body: 'Checked with the statistics office too.' })
    const { activity, claims } = await detail()
    expect(claims[0]).toMatchObject({
      status: 'done',
      verdict: 'accurate',
      updatedBy: editor,
      comments: [{ body: 'Checked with the statistics office too.', by: editor }]
    })
    const changes = activity.filter((a) => a.claimId === claim.id).map((a) => [a.action, a.field, a.from, a.to, a.by])
    expect(changes).toEqual(
      expect.arrayContaining([
        ['claim.created', null, null, 'exports rose 12 percent in March', editor],
        ['claim.updated', 'status', 'open', 'done', editor],
        ['claim.updated', 'verdict', null, 'accurate', editor],
        ['claim.commented', null, null, 'Checked with the statistics office too.', editor]
      ])
    )
  })

  it('refuses changes until someone says who they are', async () => {
    const other = await openTestCore()
    try {
      const sample = (await other.call('stories.list', {}))[0]!.id
      const result = await other.core.dispatch('claims.create', { storyId: sample, start: 0, end: 10 }, appSender)
      expect(result).toMatchObject({ ok: false, error: { code: 'no_editor' } })
    } finally {
      await other.cleanup()
    }
  })

  it('refuses a second claim on exactly the same words, but allows one nested inside them', async () => {
    const claim = await mark('exports rose 12 percent')
    const again = await t.core.dispatch(
      'claims.create',
      { storyId, start: text.indexOf('exports') - 1, end: text.indexOf('percent') + 7 },
      appSender
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await mark('12 percent')
    expect((await detail()).claims.map((c) => c.anchor.quote.exact)).toEqual(['exports rose 12 percent', '12 percent'])
    expect(claim.anchor.quote.exact).toBe('exports rose 12 percent')
  })

  it('takes back a comment (undo), only for the editor who wrote it', async () => {
    const claim = await mark('exports rose 12 percent')
    const comment = await t.call('claims.comment', { storyId, claimId: claim.id, body: 'Ask the ministry.' })
    await withEditor(t, 'Someone Else')
    expect(
      await t.core.dispatch('claims.uncomment', { storyId, claimId: claim.id, commentId: comment.id }, appSender)
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await t.call('people.setCurrent', { id: editor })
    await t.call('claims.uncomment', { storyId, claimId: claim.id, commentId: comment.id })
    expect((await detail()).claims[0]!.comments).toEqual([])
    expect(
      await t.core.dispatch('claims.uncomment', { storyId, claimId: claim.id, commentId: comment.id }, appSender)
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('undoes a deleted claim with its evidence', async () => {
    const claim = await mark('Officials blamed the weather')
    const source = await t.call('sources.create', {
      fields: { title: 'Met Office bulletin', url: 'https://example.org/met' }
    })
    await t.call('evidence.add', {
      storyId,
      claimId: claim.id,
      sourceId: source.id,
      fields: { excerpt: 'Storm warnings all week', stance: 'context' }
    })
    const deleted = await t.call('claims.delete', { storyId, claimId: claim.id })
    expect((await detail()).claims).toHaveLength(0)
    await t.call('claims.restore', { storyId, deleted })
    const after = await detail()
    expect(after.claims.map((c) => c.id)).toEqual([claim.id])
    expect(after.evidence.map((e) => e.excerpt)).toEqual(['Storm warnings all week'])
    const again = await t.core.dispatch('claims.restore', { storyId, deleted }, appSender)
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('sources and evidence', () => {
  it('lets one source back claims in two stories, found by searching as you type', async () => {
    const source = await t.call('sources.create', {
      fields: {
        title: 'Trade statistics, March',
        publisher: 'National Statistics Office',
        url: 'https://stats.example/trade'
      }
    })
    const second = (
      await t.call('stories.create', { title: 'Follow-up', text: 'Exports rose again in April, officials said.' })
    ).id
    const first = await mark('exports rose 12 percent')
    const other = await t.call('claims.create', { storyId: second, start: 0, end: 25 })
    await t.call('evidence.add', {
      storyId,
      claimId: first.id,
      sourceId: source.id,
      fields: { excerpt: 'Table 1: +12.0%', locator: 'p. 4' }
    })
    await t.call('evidence.add', { storyId: second, claimId: other.id, sourceId: source.id })
    expect((await t.call('sources.list', { query: 'statistics off' })).map((s) => s.id)).toEqual([source.id])
    expect(await t.call('sources.list', { query: 'no such thing' })).toEqual([])

    await t.call('sources.update', {
      id: source.id,
      patch: { archiveUrl: 'https://web.archive.org/web/2026/https://stats.example/trade' }
    })
    expect((await t.call('sources.list', { query: 'web.archive.org/web/2026' })).map((s) => s.id)).toEqual([source.id])
    for (const id of [storyId, second]) {
      const d = await t.call('stories.get', { id })
      expect(d.sources.map((s) => s.archiveUrl)).toEqual([
        'https://web.archive.org/web/2026/https://stats.example/trade'
      ])
    }
  })

  it('updates, removes and restores evidence, logging each', async () => {
    const claim = await mark('exports rose 12 percent')
    const source = await t.call('sources.create', { fields: { title: 'Ministry release' } })
    const evidence = await t.call('evidence.add', { storyId, claimId: claim.id, sourceId: source.id })
    await t.call('evidence.update', {
      storyId,
      evidenceId: evidence.id,
      patch: { stance: 'contradicts', excerpt: 'Up 10 percent' }
    })
    const removed = await t.call('evidence.remove', { storyId, evidenceId: evidence.id })
    expect((await detail()).evidence).toEqual([])
    await t.call('evidence.restore', { storyId, evidence: removed })
    const d = await detail()
    expect(d.evidence).toMatchObject([{ stance: 'contradicts', excerpt: 'Up 10 percent' }])
    expect(d.activity.map((a) => a.action)).toEqual(
      expect.arrayContaining(['evidence.added', 'evidence.updated', 'evidence.removed'])
    )
  })
})

describe('stories', () => {
  it('renames, moves through desk states, goes to the trash and comes back', async () => {
    await t.call('stories.update', { id: storyId, patch: { title: 'Exports up 12%', deskState: 'in_check' } })
    let summary = (await t.call('stories.list', {})).find((s) => s.id === storyId)!
    expect(summary).toMatchObject({ title: 'Exports up 12%', deskState: 'in_check' })
    await t.call('stories.delete', { id: storyId })
    expect((await t.call('stories.trash', {})).map((s) => s.id)).toContain(storyId)
    expect((await t.core.dispatch('stories.get', { id: storyId }, appSender)).ok).toBe(false)
    await t.call('stories.restore', { id: storyId })
    summary = (await t.call('stories.list', {})).find((s) => s.id === storyId)!
    expect(summary.deletedAt).toBeNull()
    const actions = (await detail()).activity.map((a) => [a.action, a.field, a.from, a.to])
    expect(actions).toEqual(expect.arrayContaining([['story.updated', 'deskState', 'draft', 'in_check']]))
  })
})
