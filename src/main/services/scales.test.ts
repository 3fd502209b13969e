// The desk's verdict scale and statuses through the real dispatch and store: an edit round-trips and
// survives a restart, a verdict the desk added is given, signed off and published with its own rating in a
// ClaimReview that still fits Google's shape, a rename leaves the old claim's label in every report, and
// the edits and verdicts the rules refuse come back coded, with nothing saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Settings, VerdictEdit } from '../../shared/model'
import { statusAsEdit, verdictAsEdit } from '../../shared/rules/scales'
import { parseClaimReviews } from '../reports/testing/claimreview-schema'
import { exportStory } from '../testing/export-story'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string
let nowMs = Date.UTC(2026, 11, 1, 9)
const text = 'The council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'

beforeEach(async () => {
  nowMs = Date.UTC(2026, 11, 1, 9)
  t = await openTestCore({ now: () => new Date((nowMs += 1000)) })
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
const settingsNow = async (): Promise<Settings> => (await t.call('library.get', {})).settings

const missingContext: VerdictEdit = {
  name: 'Missing context',
  colour: '#8e4ec6',
  retired: false,
  rating: { ratingValue: 2, bestRating: 6, worstRating: 0, alternateName: '' }
}

describe('the desk’s scales through dispatch', () => {
  it('adds a verdict and a status, keeps them over a restart, and publishes the verdict with its own rating', async () => {
    const before = await settingsNow()
    const saved = await t.call('settings.update', {
      patch: {
        verdicts: [...before.verdicts.map(verdictAsEdit), missingContext],
        statuses: [
          ...before.statuses.map(statusAsEdit),
          { name: 'Legal review', stage: 'done', colour: '#3e63dd', retired: false }
        ]
      }
    })
    expect(saved.verdicts.at(-1)).toMatchObject({ id: 'missing_context', name: 'Missing context', formerNames: [] })
    expect(saved.statuses.at(-1)).toMatchObject({ id: 'done:legal_review', name: 'Legal review' })
    await t.restart()
    expect(await settingsNow()).toEqual(saved)

    const claim = await mark('12 bus routes')
    // A status at the Done stage is Done for every rule: sign-off clears with it.
    await t.call('claims.update', {
      storyId,
      claimId: claim.id,
      patch: { verdict: 'missing_context', status: 'done:legal_review' }
    })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    const [review, ...others] = parseClaimReviews(await exportStory(t, storyId, 'claimreview'))
    expect(others).toEqual([])
    expect(review?.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 2,
      bestRating: 6,
      worstRating: 0,
      alternateName: 'Missing context'
    })
  })

  it('keeps the label an old claim was given under in every report after a rename and a retirement', async () => {
    const before = await settingsNow()
    await t.call('settings.update', { patch: { verdicts: [...before.verdicts.map(verdictAsEdit), missingContext] } })
    const old = await mark('12 bus routes')
    await t.call('claims.update', { storyId, claimId: old.id, patch: { verdict: 'missing_context', status: 'done' } })

    const added = await settingsNow()
    await t.call('settings.update', {
      patch: {
        verdicts: added.verdicts.map((e) =>
          verdictAsEdit(e.id === 'missing_context' ? { ...e, name: 'Lacks context' } : e)
        )
      }
    })
    const fresh = await mark('no school route was affected')
    await t.call('claims.update', { storyId, claimId: fresh.id, patch: { verdict: 'missing_context', status: 'done' } })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    // Retired: no longer offered, still printed as given.
    const renamed = await settingsNow()
    await t.call('settings.update', {
      patch: {
        verdicts: renamed.verdicts.map((e) => verdictAsEdit(e.id === 'missing_context' ? { ...e, retired: true } : e))
      }
    })
    await t.restart()

    for (const format of ['markdown', 'html', 'json', 'csv', 'annotations'] as const) {
      const out = await exportStory(t, storyId, format)
      expect(out, format).toContain('Missing context')
      expect(out, format).toContain('Lacks context')
    }
    const reviews = parseClaimReviews(await exportStory(t, storyId, 'claimreview'))
    expect(reviews.map((r) => r.reviewRating.alternateName)).toEqual(['Missing context', 'Lacks context'])

    const another = await mark('on Monday')
    expect(
      await fail('claims.update', { storyId, claimId: another.id, patch: { verdict: 'missing_context' } })
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('is not a verdict this desk gives now') })
  })

  it('refuses an edit that drops an entry, a colour that does not read, or an unknown verdict, and saves nothing', async () => {
    const before = await settingsNow()
    expect(
      await fail('settings.update', { patch: { verdicts: before.verdicts.slice(1).map(verdictAsEdit) } })
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Retire it instead') })
    expect(
      await fail('settings.update', {
        patch: { verdicts: [...before.verdicts.map(verdictAsEdit), { ...missingContext, colour: '#fdfdfd' }] }
      })
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('too light to read on the light theme') })
    expect(
      await fail('settings.update', { patch: { verdicts: [{ ...missingContext, id: 'not_here' }] } })
    ).toMatchObject({ code: 'invalid_input' })
    const claim = await mark('12 bus routes')
    expect(
      await fail('claims.update', { storyId, claimId: claim.id, patch: { verdict: 'pants_on_fire' } })
    ).toMatchObject({
      code: 'invalid_input'
    })
    expect(
      await fail('claims.update', { storyId, claimId: claim.id, patch: { status: 'done:nothing' } })
    ).toMatchObject({
      code: 'invalid_input'
    })
    await t.restart()
    expect(await settingsNow()).toEqual(before)
  })
})
