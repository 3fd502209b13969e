// Claims in the headline: marked like words of the story text, kept apart from it, following a new
// headline the way claims in the text follow a revision, and shown as such in reports.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildReport } from '../reports/build'
import { renderCsv } from '../reports/csv'
import { renderHtml } from '../reports/html'
import { renderMarkdown } from '../reports/markdown'
import { sampleInput } from '../reports/testing/sample-report'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string

const title = 'Exports rose 12 percent in March, ministry says'
const text = 'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather for the delay.'

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t)
  storyId = (await t.call('stories.create', { title, text })).id
})
afterEach(() => t.cleanup())

async function markHeadline(words: string) {
  const start = title.indexOf(words)
  return t.call('claims.create', { storyId, part: 'headline', start, end: start + words.length })
}

describe('a claim in the headline', () => {
  it('anchors to the headline words, apart from the same words in the text, and comes first', async () => {
    const inText = await t.call('claims.create', {
      storyId,
      start: text.indexOf('exports rose'),
      end: text.indexOf(' in March')
    })
    const inHeadline = await markHeadline('Exports rose 12 percent')
    expect(inHeadline.anchor).toMatchObject({
      part: 'headline',
      quote: { exact: 'Exports rose 12 percent', prefix: '', suffix: ' in March, ministry says' },
      position: { start: 0, end: 23 }
    })
    expect(inHeadline.type).toBe('statistic')
    const detail = await t.call('stories.get', { id: storyId })
    expect(detail.claims.map((c) => c.id)).toEqual([inHeadline.id, inText.id])
    // The same offsets in the text are other words: not a twin.
    const sameOffsets = await t.call('claims.create', { storyId, start: 0, end: 23 })
    expect(sameOffsets.anchor).toMatchObject({ part: 'body', quote: { exact: 'The ministry said expor' } })
  })

  it('is refused a second time on the same words, and trimmed to words like any selection', async () => {
    const claim = await t.call('claims.create', { storyId, part: 'headline', start: 0, end: 24 })
    expect(claim.anchor.quote.exact).toBe('Exports rose 12 percent')
    const again = await t.core.dispatch('claims.create', { storyId, part: 'headline', start: 0, end: 23 }, appSender)
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const outside = await t.core.dispatch(
      'claims.create',
      { storyId, part: 'headline', start: 10, end: title.length + 5 },
      appSender
    )
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('follows a new headline: moved words stay, edited words ask for re-check, lost words orphan', async () => {
    const figure = await markHeadline('Exports rose 12 percent in March')
    const who = await markHeadline('ministry says')
    await t.call('claims.update', {
      storyId,
      claimId: figure.id,
      patch: { verdict: 'accurate', status: 'done', checkedAgainst: 'Ministry release' }
    })

    await t.call('stories.update', { id: storyId, patch: { title: 'Exports rose 12.5 percent in March' } })
    let detail = await t.call('stories.get', { id: storyId })
    const followed = detail.claims.find((c) => c.id === figure.id)!
    expect(followed.anchor).toMatchObject({
      part: 'headline',
      quote: { exact: 'Exports rose 12.5 percent in March' },
      position: { start: 0, end: 34 }
    })
    expect(followed.orphaned).toBe(false)
    expect(followed.recheck).toMatchObject({ reason: 'revised', revision: 1 })
    expect(detail.claims.find((c) => c.id === who.id)!.orphaned).toBe(true)
    expect(detail.activity.map((a) => a.summary)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Needs re-check: its words changed in the new headline'),
        expect.stringContaining('Lost its words in the new headline')
      ])
    )

    // A new headline that only adds words before keeps the verdict's words: moved, no re-check.
    await t.call('claims.confirm', { storyId, claimId: figure.id })
    await t.call('stories.update', { id: storyId, patch: { title: 'Trade: Exports rose 12.5 percent in March' } })
    detail = await t.call('stories.get', { id: storyId })
    const moved = detail.claims.find((c) => c.id === figure.id)!
    expect(moved.anchor.position).toMatchObject({ start: 7, end: 41 })
    expect(moved.recheck).toBeNull()
  })

  it('stays where it is when the story text is revised, and the text’s claims when the headline changes', async () => {
    const inHeadline = await markHeadline('Exports rose 12 percent')
    const inText = await t.call('claims.create', { storyId, start: text.indexOf('Officials'), end: text.length })
    const { report } = await t.call('stories.revise', {
      id: storyId,
      text: 'A new first paragraph.\n\nExports rose 12 percent in March.'
    })
    expect(report.orphaned).toEqual([inText.id])
    let detail = await t.call('stories.get', { id: storyId })
    expect(detail.claims.find((c) => c.id === inHeadline.id)).toMatchObject({
      orphaned: false,
      anchor: { part: 'headline', position: { start: 0, end: 23 } }
    })
    await t.call('stories.update', { id: storyId, patch: { title: 'Exports rose 12 percent' } })
    detail = await t.call('stories.get', { id: storyId })
    expect(detail.claims.find((c) => c.id === inText.id)).toMatchObject({ orphaned: true, anchor: { part: 'body' } })
  })

  it('re-attaches an orphan to words of the headline', async () => {
    const inText = await t.call('claims.create', { storyId, start: text.indexOf('Officials'), end: text.length })
    await t.call('stories.revise', { id: storyId, text: 'Something else entirely happened here today.' })
    const back = await t.call('claims.reattach', { storyId, claimId: inText.id, part: 'headline', start: 0, end: 12 })
    expect(back).toMatchObject({ orphaned: false, anchor: { part: 'headline', quote: { exact: 'Exports rose' } } })
  })

  it('is printed as words of the headline in the reports, with the headline around it', async () => {
    await markHeadline('12 percent')
    const model = buildReport(sampleInput({ stories: [await t.core.store.readStory(storyId)] }))
    expect(model.stories[0]!.claims[0]).toMatchObject({
      inHeadline: true,
      before: 'Exports rose ',
      quote: '12 percent',
      after: ' in March, ministry says'
    })
    expect(renderMarkdown(model)).toContain(
      '- **Words (in the headline):** Exports rose **12 percent** in March, ministry says'
    )
    expect(renderHtml(model)).toContain('<span class="badge headline">In the headline</span>')
    expect(renderCsv(model).split('\r\n')[0]).toContain(',inHeadline,')
    expect(renderCsv(model).split('\r\n')[1]).toContain(',yes,')
  })
})
