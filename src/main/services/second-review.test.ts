// The desk's second review (issue 28, item 7), through the real dispatch and store: when the desk asks
// for it, a claim is Done only once an editor other than the verdict's giver agreed with the present
// verdict; a dissent is kept in the claim, its history and every report; sign-off lists what lacks one.
import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReviewStance } from '../../shared/model'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string
let nowMs = Date.UTC(2026, 10, 25, 9)
const text = 'The council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'
const people: Record<string, string> = {}

async function as(name: string): Promise<void> {
  await t.call('people.setCurrent', { id: people[name]! })
}
const tick = () => void (nowMs += 1000)

beforeEach(async () => {
  nowMs = Date.UTC(2026, 10, 25, 9)
  t = await openTestCore({ now: () => new Date(nowMs) })
  people.Ana = await withEditor(t, 'Ana Ruiz')
  people.Ben = (await t.call('people.create', { name: 'Ben Okafor' })).id
  people.Cleo = (await t.call('people.create', { name: 'Cleo Park' })).id
  await as('Ana')
  storyId = (await t.call('stories.create', { title: 'Bus routes', text })).id
})
afterEach(() => t.cleanup())

const mark = (words: string) =>
  t.call('claims.create', { storyId, start: text.indexOf(words), end: text.indexOf(words) + words.length })
const fail = async (channel: string, input: unknown) => {
  const result = await t.core.dispatch(channel, input, appSender)
  if (result.ok) throw new Error(`${channel} should have failed`)
  return result.error
}
const review = (claimId: string, stance: ReviewStance, note = '') => {
  tick()
  return t.call('claims.review', { storyId, claimId, stance, confidence: 'high', note })
}
const requireReview = (on: boolean) => t.call('settings.update', { patch: { requireSecondReview: on } })
const options = { includeExcerpts: true, includeActivity: true, includeOrphaned: false, internal: false }
async function report(format: 'html' | 'markdown' | 'csv' | 'json'): Promise<string> {
  t.platform.saveDir = t.dir
  const result = await t.call('export.report', { scope: 'story', storyIds: [storyId], format, options })
  return readFile(result.path, 'utf8')
}

describe('the second review', () => {
  it('is not asked for unless the desk settings say so', async () => {
    const routes = await mark('12 bus routes')
    await t.call('claims.update', { storyId, claimId: routes.id, patch: { verdict: 'accurate', status: 'done' } })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
  })

  it('refuses Done until another editor agrees; a dissent does not count; the rule survives a restart', async () => {
    await requireReview(true)
    const routes = await mark('12 bus routes')
    tick()
    await t.call('claims.update', { storyId, claimId: routes.id, patch: { verdict: 'accurate' } })
    const done = { storyId, claimId: routes.id, patch: { status: 'done' as const } }
    expect(await fail('claims.update', done)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^C1 needs an agreeing second review/)
    })
    // The giver cannot review their own verdict; a dissent needs a reason.
    expect(
      (await fail('claims.review', { storyId, claimId: routes.id, stance: 'agree', confidence: 'high', note: '' })).code
    ).toBe('forbidden')
    await as('Ben')
    expect(
      (await fail('claims.review', { storyId, claimId: routes.id, stance: 'dissent', confidence: 'low', note: ' ' }))
        .code
    ).toBe('invalid_input')
    await review(routes.id, 'dissent', 'The minutes say 11 routes, not 12.')
    await as('Ana')
    expect((await fail('claims.update', done)).code).toBe('conflict')

    await t.restart()
    await as('Ana')
    expect((await fail('claims.update', done)).code).toBe('conflict')
    await as('Cleo')
    await review(routes.id, 'agree')
    await as('Ana')
    expect((await t.call('claims.update', done)).status).toBe('done')

    await t.restart()
    const claim = (await t.call('stories.get', { id: storyId })).claims[0]!
    expect(claim.reviews.map((r) => [r.by, r.stance, r.verdict])).toEqual([
      [people.Ben, 'dissent', 'accurate'],
      [people.Cleo, 'agree', 'accurate']
    ])
    const log = (await t.call('stories.get', { id: storyId })).activity.filter((a) => a.action === 'claim.reviewed')
    expect(log.map((a) => a.summary)).toEqual([
      'C1 · Second review dissents from “Accurate” (high confidence): The minutes say 11 routes, not 12.',
      'C1 · Second review agrees with “Accurate” (high confidence)'
    ])
  })

  it('a review is of one verdict: changing the verdict needs a new agreement, and a Done claim cannot change it alone', async () => {
    await requireReview(true)
    const routes = await mark('12 bus routes')
    await t.call('claims.update', { storyId, claimId: routes.id, patch: { verdict: 'accurate' } })
    await as('Ben')
    await review(routes.id, 'agree')
    await as('Ana')
    await t.call('claims.update', { storyId, claimId: routes.id, patch: { status: 'done' } })
    tick()
    expect((await fail('claims.update', { storyId, claimId: routes.id, patch: { verdict: 'false' } })).code).toBe(
      'conflict'
    )
    expect((await t.call('stories.get', { id: storyId })).claims[0]).toMatchObject({
      verdict: 'accurate',
      status: 'done'
    })
    // Ben agreeing and then dissenting withdraws his agreement.
    await as('Ben')
    await review(routes.id, 'dissent', 'On second thought the figure is for next year.')
    const blocked = await fail('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    expect(blocked).toMatchObject({
      code: 'conflict',
      issues: [{ path: 'claims', message: 'C1: no agreeing second review by another editor' }]
    })
  })

  it('sign-off lists the claims missing their review; the dissent prints in every report', async () => {
    const routes = await mark('12 bus routes')
    const school = await mark('no school route was affected')
    for (const c of [routes, school])
      await t.call('claims.update', { storyId, claimId: c.id, patch: { verdict: 'accurate', status: 'done' } })
    await requireReview(true)
    const blocked = await fail('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    expect(blocked.issues?.map((i) => i.message)).toEqual([
      'C1: no agreeing second review by another editor',
      'C2: no agreeing second review by another editor'
    ])
    await as('Ben')
    await review(routes.id, 'dissent', 'Minutes list 11 routes.')
    await as('Cleo')
    await review(routes.id, 'agree', 'Checked the timetable too.')
    await review(school.id, 'agree')
    await as('Ana')
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })

    const dissent = 'Minutes list 11 routes.'
    const html = await report('html')
    expect(html).toContain(dissent)
    expect(html).toMatch(/Ben Okafor<\/bdi> dissents/)
    const md = await report('markdown')
    expect(md).toContain(`Ben Okafor dissents (high confidence`)
    expect(md).toContain(dissent)
    const csv = await report('csv')
    expect(csv).toContain('secondReviews')
    expect(csv).toContain(`Ben Okafor dissents (high confidence): ${dissent}`)
    const json = JSON.parse(await report('json'))
    expect(JSON.stringify(json)).toContain(dissent)
  })
})

describe('the rule against a model of it', () => {
  it('Done is allowed exactly when someone other than the giver last agreed with the present verdict since it was given', async () => {
    const editors = ['Ana', 'Ben', 'Cleo'] as const
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('verdict' as const),
        who: fc.constantFrom(...editors),
        verdict: fc.constantFrom('accurate', 'false')
      }),
      fc.record({
        kind: fc.constant('review' as const),
        who: fc.constantFrom(...editors),
        stance: fc.constantFrom<ReviewStance>('agree', 'dissent')
      })
    )
    await requireReview(true)
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const claim = await mark('12 bus routes')
        let verdict: string | null = null
        let giver: string | null = null
        let stances = new Map<string, ReviewStance>()
        for (const s of steps) {
          tick()
          await as(s.who)
          if (s.kind === 'verdict') {
            await t.call('claims.update', { storyId, claimId: claim.id, patch: { verdict: s.verdict } })
            if (s.verdict !== verdict) {
              verdict = s.verdict
              giver = s.who
              stances = new Map()
            }
          } else {
            const result = await t.core.dispatch(
              'claims.review',
              { storyId, claimId: claim.id, stance: s.stance, confidence: 'medium', note: 'n' },
              appSender
            )
            expect(result.ok).toBe(verdict !== null && s.who !== giver)
            if (result.ok) stances.set(s.who, s.stance)
          }
        }
        const expected = [...stances.values()].includes('agree')
        const result = await t.core.dispatch(
          'claims.update',
          { storyId, claimId: claim.id, patch: { status: 'done' } },
          appSender
        )
        expect(result.ok).toBe(expected)
        await as('Ana')
        await t.call('claims.delete', { storyId, claimId: claim.id })
      }),
      { numRuns: 25, seed: 2811 }
    )
  })
})
