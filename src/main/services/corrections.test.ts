// The corrections log after publication, through the real dispatch and store: only a signed-off story
// takes one, it survives a restart, the reports print it and ClaimReview dates the claims it touches.
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseClaimReviews } from '../reports/testing/claimreview-schema'
import { exportStory } from '../testing/export-story'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string
/** The app's clock, moved on by the test: a correction comes days after publication. */
let nowMs = Date.UTC(2026, 10, 25, 9)
const text = 'The council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'
const day = 24 * 60 * 60 * 1000

beforeEach(async () => {
  nowMs = Date.UTC(2026, 10, 25, 9)
  t = await openTestCore({ now: () => new Date(nowMs) })
  await withEditor(t, 'Rosa Diaz')
  await t.call('settings.update', {
    patch: { organisationName: 'The Ledger', factCheckBaseUrl: 'https://ledger.example/checks' }
  })
  storyId = (await t.call('stories.create', { title: 'Bus routes', text, url: 'https://ledger.example/bus' })).id
})
afterEach(() => t.cleanup())

const mark = (words: string) =>
  t.call('claims.create', { storyId, start: text.indexOf(words), end: text.indexOf(words) + words.length })
const fail = async (channel: string, input: unknown) => {
  const result = await t.core.dispatch(channel, input, appSender)
  if (result.ok) throw new Error(`${channel} should have failed`)
  return result.error
}
describe('the corrections log', () => {
  it('is refused on a story not signed off, and for a claim of another story', async () => {
    const routes = await mark('12 bus routes')
    expect(
      (await fail('stories.correct', { id: storyId, what: 'Figure', note: 'Fixed.', claimIds: [routes.id] })).code
    ).toBe('conflict')
    await t.call('claims.update', { storyId, claimId: routes.id, patch: { status: 'done', verdict: 'accurate' } })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    expect(
      (await fail('stories.correct', { id: storyId, what: 'Figure', note: 'Fixed.', claimIds: ['nope'] })).code
    ).toBe('not_found')
    expect((await fail('stories.correct', { id: storyId, what: ' ', note: 'Fixed.', claimIds: [] })).code).toBe(
      'invalid_input'
    )
    expect((await t.call('stories.get', { id: storyId })).story.corrections).toEqual([])
  })

  it('dates the claims it touches in ClaimReview, prints in the report, is logged and survives a restart', async () => {
    const routes = await mark('12 bus routes')
    const school = await mark('no school route was affected')
    for (const c of [routes, school])
      await t.call('claims.update', { storyId, claimId: c.id, patch: { status: 'done', verdict: 'accurate' } })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    const published = parseClaimReviews(await exportStory(t, storyId, 'claimreview'))
    expect(published.map((r) => r.dateModified)).toEqual([undefined, undefined])

    nowMs += 3 * day
    const correction = await t.call('stories.correct', {
      id: storyId,
      what: 'The council cut 11 routes, not 12',
      note: 'An earlier version gave the number of routes cut as 12.',
      claimIds: [routes.id]
    })
    const reviews = parseClaimReviews(await exportStory(t, storyId, 'claimreview'))
    expect(reviews[0]!.datePublished).toBe(published[0]!.datePublished)
    expect(reviews.map((r) => r.dateModified)).toEqual([correction.at.slice(0, 10), undefined])

    await t.restart()
    const detail = await t.call('stories.get', { id: storyId })
    expect(detail.story.corrections).toEqual([correction])
    expect(detail.activity.at(-1)).toMatchObject({
      action: 'story.corrected',
      summary: 'Correction logged: The council cut 11 routes, not 12'
    })
    const html = await t.call('export.report', {
      scope: 'story',
      storyIds: [storyId],
      format: 'html',
      options: { includeExcerpts: true, includeActivity: false, includeOrphaned: false, internal: false }
    })
    const page = await readFile(html.path, 'utf8')
    expect(page).toContain('An earlier version gave the number of routes cut as 12.')
    expect(page).toContain('The council cut 11 routes, not 12')
  })
})
