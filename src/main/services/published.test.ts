// After publication (issue 28, item 6), through the real dispatch, importer and store against a local
// HTTP server: a signed-off story's page is fetched again; an unchanged page changes nothing, a changed
// one becomes a revision whose edited claims wait for re-check, with a suggested corrections-log entry;
// logging it dates ClaimReview; a page that cannot be fetched changes nothing; all of it after a restart.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseClaimReviews } from '../reports/testing/claimreview-schema'
import { exportStory } from '../testing/export-story'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

const first =
  'Council cuts bus routes\n\nThe council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'
let page = first
let status = 200
let server: http.Server
let url = ''
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bus-routes`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let t: TestCore
let nowMs = Date.UTC(2026, 10, 25, 9)
const day = 24 * 60 * 60 * 1000
beforeEach(async () => {
  page = first
  status = 200
  nowMs = Date.UTC(2026, 10, 25, 9)
  t = await openTestCore({ now: () => new Date(nowMs) })
  await withEditor(t, 'Rosa Diaz')
  await t.call('settings.update', {
    patch: { organisationName: 'The Ledger', factCheckBaseUrl: 'https://ledger.example/checks' }
  })
})
afterEach(() => t.cleanup())

const fail = async (channel: string, input: unknown) => {
  const result = await t.core.dispatch(channel, input, appSender)
  if (result.ok) throw new Error(`${channel} should have failed`)
  return result.error
}

/** Imports the page, marks two claims Done with a verdict and signs the story off. */
async function published() {
  const { story } = await t.call('import.url', { url })
  const detail = await t.call('stories.get', { id: story.id })
  const text = detail.story.text
  const mark = (words: string) =>
    t.call('claims.create', { storyId: story.id, start: text.indexOf(words), end: text.indexOf(words) + words.length })
  const routes = await mark('cut 12 bus routes')
  const school = await mark('no school route was affected')
  for (const c of [routes, school])
    await t.call('claims.update', { storyId: story.id, claimId: c.id, patch: { status: 'done', verdict: 'accurate' } })
  await t.call('stories.update', { id: story.id, patch: { deskState: 'cleared' } })
  return { id: story.id, routes, school }
}

describe('checking the published page', () => {
  it('is refused for a story not signed off, and an unchanged page changes nothing', async () => {
    const { story } = await t.call('import.url', { url })
    expect((await fail('stories.checkPublished', { id: story.id })).code).toBe('conflict')
    const { id } = await published()
    const before = await t.call('stories.get', { id })
    const check = await t.call('stories.checkPublished', { id })
    expect(check).toMatchObject({ url, changed: false, suggestion: null })
    const after = await t.call('stories.get', { id })
    expect(after.story.revision).toBe(before.story.revision)
    expect(after.claims).toEqual(before.claims)
  })

  it('a changed page is a revision: the edited claim waits for re-check, the correction suggested dates ClaimReview', async () => {
    const { id, routes, school } = await published()
    const published1 = parseClaimReviews(await exportStory(t, id, 'claimreview'))
    expect(published1.map((r) => r.dateModified)).toEqual([undefined, undefined])

    nowMs += 2 * day
    page = first.replace('cut 12 bus routes', 'cut 11 bus routes')
    const check = await t.call('stories.checkPublished', { id })
    expect(check.changed).toBe(true)
    expect(check.report.recheck).toEqual([routes.id])
    expect(check.suggestion).toEqual({
      what: 'The published page changed (revision 2): C1 needs re-check',
      note: 'An earlier version of this article said “cut 12 bus routes”; it now says “cut 11 bus routes”.',
      claimIds: [routes.id]
    })

    await t.restart()
    const detail = await t.call('stories.get', { id })
    expect(detail.story.revision).toBe(2)
    expect(detail.story.signOff).not.toBeNull()
    const [c1, c2] = [routes.id, school.id].map((cid) => detail.claims.find((c) => c.id === cid)!)
    expect(c1!.recheck).toMatchObject({ reason: 'revised', revision: 2 })
    expect(c2!.recheck).toBeNull()
    expect(detail.activity.some((a) => a.action === 'story.revised')).toBe(true)

    // The editor logs the suggested correction and confirms the verdict for the new words.
    const correction = await t.call('stories.correct', { id, ...check.suggestion! })
    await t.call('claims.confirm', { storyId: id, claimId: routes.id })
    const reviews = parseClaimReviews(await exportStory(t, id, 'claimreview'))
    expect(reviews.find((r) => r.claimReviewed.includes('11'))?.dateModified).toBe(correction.at.slice(0, 10))
    expect(reviews.map((r) => r.datePublished)).toEqual(published1.map((r) => r.datePublished))
  })

  it('a page that cannot be fetched fails with a code and changes nothing', async () => {
    const { id } = await published()
    const before = await t.call('stories.get', { id })
    status = 500
    page = 'Server error'
    const error = await fail('stories.checkPublished', { id })
    expect(error.code).toMatch(/./)
    expect(error.message).toMatch(/500/)
    expect((await t.call('stories.get', { id })).story).toEqual(before.story)
  })
})
