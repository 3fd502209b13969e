import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string

const draft = [
  'The ministry said exports rose 12 percent in March.',
  'Officials blamed the weather for the delay.',
  'The port handled 4 million containers last year, a record.'
].join('\n\n')

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t)
  storyId = (await t.call('stories.create', { title: 'Exports', text: draft })).id
})
afterEach(() => t.cleanup())

async function mark(words: string) {
  const start = draft.indexOf(words)
  return t.call('claims.create', { storyId, start, end: start + words.length })
}

const revise = (text: string) => t.call('stories.revise', { id: storyId, text })

describe('stories.revise', () => {
  it('keeps the old revision, follows edited claims, orphans lost ones and logs each', async () => {
    const exports = await mark('exports rose 12 percent in March')
    const weather = await mark('Officials blamed the weather for the delay.')
    const port = await mark('handled 4 million containers last year')
    const next = [
      'A new first paragraph.',
      'The ministry said exports rose 12.5 percent in March.',
      'The port handled 4 million containers last year, a record.'
    ].join('\n\n')

    const { detail, report } = await revise(next)

    expect(report).toMatchObject({ revision: 2, moved: 1, fuzzy: 1, orphaned: [weather.id] })
    expect(report.followed).toEqual([
      { claimId: exports.id, before: 'exports rose 12 percent in March', after: 'exports rose 12.5 percent in March' }
    ])
    expect(detail.story.revision).toBe(2)
    const byId = new Map(detail.claims.map((c) => [c.id, c]))
    expect(byId.get(exports.id)!.anchor.quote.exact).toBe('exports rose 12.5 percent in March')
    expect(byId.get(port.id)!.anchor.position.start).toBe(next.indexOf('handled 4 million'))
    expect(byId.get(weather.id)!.orphaned).toBe(true)
    expect(byId.get(weather.id)!.anchor.quote.exact).toBe('Officials blamed the weather for the delay.')

    const old = await t.call('stories.revision', { id: storyId, revision: 1 })
    expect(old.text).toBe(draft)
    const actions = detail.activity.map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['story.revised', 'claim.orphaned', 'claim.reanchored']))
  })

  it('finds an orphan again when its sentence comes back, and re-attaches by selection', async () => {
    const weather = await mark('Officials blamed the weather for the delay.')
    await revise(draft.replace('Officials blamed the weather for the delay.\n\n', ''))
    const { detail, report } = await revise(draft)
    expect(report.orphaned).toEqual([])
    expect(detail.claims.find((c) => c.id === weather.id)!.orphaned).toBe(false)

    await revise(draft.replace('Officials blamed the weather for the delay.', 'Nobody explained it.'))
    const text = (await t.call('stories.get', { id: storyId })).story.text
    const start = text.indexOf('Nobody explained it.')
    const claim = await t.call('claims.reattach', { storyId, claimId: weather.id, start, end: start + 20 })
    expect(claim).toMatchObject({ orphaned: false, anchor: { quote: { exact: 'Nobody explained it.' } } })
  })

  it('rejects an empty revision and leaves the story as it was', async () => {
    const result = await t.core.dispatch(
      'stories.revise',
      { id: storyId, text: ' \n\n ' },
      { url: 'app://factdesk/index.html', isMainFrame: true }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const detail = await t.call('stories.get', { id: storyId })
    expect(detail.story).toMatchObject({ revision: 1, text: draft })
  })
})
