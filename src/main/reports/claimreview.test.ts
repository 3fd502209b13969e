import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultVerdictScale, workflowStages } from '../../shared/model'
import { buildReport } from './build'
import { ratingExplanation, renderClaimReview } from './claimreview'
import { renderReport } from './render'
import { parseClaimReviews } from './testing/claimreview-schema'
import {
  at,
  budgetStory,
  hostile,
  hostileStory,
  sampleInput,
  settings,
  signedOff,
  sources
} from './testing/sample-report'

const noPdf = { writePdf: () => Promise.reject(new Error('not used')) }
const days = (n: number): number => n * 24 * 60
const withLogo = { ...settings, organisationLogoUrl: 'https://ledger.example/logo.png' }

describe('ClaimReview JSON-LD by Google’s guidelines', () => {
  it('gives one review per Done claim of a signed-off story, in the required and recommended shape', async () => {
    const rendered = await renderReport(
      'claimreview',
      buildReport(sampleInput({ stories: [signedOff(budgetStory())], settings: withLogo })),
      noPdf
    )
    const reviews = parseClaimReviews(new TextDecoder().decode(rendered.bytes))
    // "Needs context" on the In progress schools quote is not published: the claim is not Done.
    expect(rendered).toMatchObject({
      extension: 'jsonld',
      claimCount: 3,
      leftOut: { not_signed_off: 0, not_done: 3, no_verdict: 0, needs_recheck: 0, orphaned: 0 }
    })
    expect(reviews.map((r) => r.url)).toEqual([
      'https://ledger.example/fact-checks/budget-42m',
      'https://ledger.example/fact-checks/budget#story-budget-c3',
      'https://ledger.example/fact-checks/budget#story-budget-c4'
    ])
    for (const r of reviews) {
      expect(r.author).toEqual({
        '@type': 'Organization',
        name: 'Riverton Ledger Fact Check',
        url: 'https://ledger.example/',
        logo: { '@type': 'ImageObject', url: 'https://ledger.example/logo.png' }
      })
      // Published when the desk signed the story off, not when the claim last changed.
      expect(r.datePublished).toBe('2026-11-25')
      expect(r.dateModified).toBeUndefined()
      expect(r.inLanguage).toBe('en')
      expect(r.itemReviewed.appearance).toEqual([
        {
          '@type': 'CreativeWork',
          url: 'https://ledger.example/news/record-budget',
          headline: 'Riverton council approves record budget',
          datePublished: '2026-11-25',
          author: { '@type': 'Organization', name: 'Riverton Ledger' }
        }
      ])
      expect(r.itemReviewed.firstAppearance?.url).toBe('https://ledger.example/news/record-budget')
    }
    const [accurate, falseOne, unverifiable] = reviews
    expect(accurate).toMatchObject({
      reviewRating: {
        ratingValue: 5,
        alternateName: 'Accurate',
        ratingExplanation: 'Matches the adopted budget, page 3.'
      },
      itemReviewed: { author: { '@type': 'Person', name: 'Dana Ortiz' } }
    })
    // The first sentence of the rationale, not the whole of it.
    expect(falseOne).toMatchObject({
      reviewRating: { ratingValue: 1, ratingExplanation: 'The 2019 budget was $4.6 million.' },
      itemReviewed: { author: { '@type': 'Organization', name: 'Riverton Ledger' } }
    })
    expect(unverifiable?.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Unverifiable',
      ratingExplanation: 'The census only covers 2025.'
    })
  })

  it('publishes nothing from a story the desk has not signed off', () => {
    const { count, leftOut } = renderClaimReview(buildReport(sampleInput({ stories: [budgetStory()] })))
    expect(count).toBe(0)
    expect(leftOut).toEqual({ not_signed_off: 6, not_done: 0, no_verdict: 0, needs_recheck: 0, orphaned: 0 })
  })

  it('keeps the first publication date when the story is cleared again, and dates each correction it touches', () => {
    const file = signedOff(budgetStory(), at(50))
    // Reopened and cleared again two days later: the check was still first published on the 25th.
    file.story.signOff = { at: at(days(2)), by: 'p-jonas', override: null }
    file.story.corrections = [
      {
        id: 'k1',
        at: at(days(3)),
        by: 'p-jonas',
        what: 'Year fixed',
        note: 'We corrected the year.',
        claimIds: ['story-budget-largest']
      },
      {
        id: 'k2',
        at: at(days(5)),
        by: 'p-jonas',
        what: 'Figure',
        note: 'The figure was updated.',
        claimIds: ['story-budget-budget']
      }
    ]
    const reviews = parseClaimReviews(renderClaimReview(buildReport(sampleInput({ stories: [file] }))).text)
    expect(reviews.map((r) => [r.datePublished, r.dateModified])).toEqual([
      ['2026-11-25', '2026-11-30'],
      ['2026-11-25', '2026-11-28'],
      ['2026-11-25', undefined]
    ])
    // A correction of the story as a whole touches every review.
    file.story.corrections.push({
      id: 'k3',
      at: at(days(7)),
      by: 'p-amira',
      what: 'Headline',
      note: 'Headline changed.',
      claimIds: []
    })
    const after = parseClaimReviews(renderClaimReview(buildReport(sampleInput({ stories: [file] }))).text)
    expect(after.map((r) => r.dateModified)).toEqual(['2026-12-02', '2026-12-02', '2026-12-02'])
  })

  it('lists evidence marked as an appearance, the earliest as the first appearance; never a confidential one', () => {
    const file = signedOff(budgetStory())
    const growth = file.evidence.find((e) => e.claimId === 'story-budget-growth')!
    growth.appearance = true
    const census = sources.find((s) => s.id === 's-census')!
    const review = () =>
      parseClaimReviews(renderClaimReview(buildReport(sampleInput({ stories: [file], sources }))).text)[2]!
    expect(review().itemReviewed.appearance?.map((a) => a.url)).toEqual([
      'https://ledger.example/news/record-budget',
      census.url
    ])
    // The census table was published long before the story.
    expect(review().itemReviewed.firstAppearance).toMatchObject({ url: census.url, headline: census.title })
    const withheld = sources.map((s) => (s.id === 's-census' ? { ...s, confidential: { reason: 'At risk' } } : s))
    const hidden = parseClaimReviews(
      renderClaimReview(buildReport(sampleInput({ stories: [file], sources: withheld }))).text
    )[2]!
    expect(hidden.itemReviewed.appearance?.map((a) => a.url)).toEqual(['https://ledger.example/news/record-budget'])
  })

  it('reviews the words as they stand when the restatement was written before they changed', () => {
    const file = signedOff(budgetStory())
    const largest = file.claims.find((c) => c.id === 'story-budget-largest')!
    largest.restatement = 'The budget is the largest ever'
    const log = (id: string, minutes: number, action: 'claim.updated' | 'claim.recheck', field: string | null) =>
      file.activity.push({
        id,
        at: at(minutes),
        by: 'p-jonas',
        action,
        storyId: file.story.id,
        claimId: largest.id,
        field,
        from: null,
        to: null,
        summary: action
      })
    const reviewed = () =>
      parseClaimReviews(renderClaimReview(buildReport(sampleInput({ stories: [file] }))).text)[1]!.claimReviewed
    log('r1', 30, 'claim.updated', 'restatement')
    expect(reviewed()).toBe('The budget is the largest ever')
    log('r2', 40, 'claim.recheck', null)
    expect(reviewed()).toBe('the largest in the city’s history')
    log('r3', 45, 'claim.updated', 'restatement')
    expect(reviewed()).toBe('The budget is the largest ever')
  })

  it('gives every review its own URL whatever URLs the claims carry, and stays in shape (property)', () => {
    const urlPool = ['', '', 'https://ledger.example/a', 'https://ledger.example/a', 'javascript:alert(1)']
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom(...workflowStages),
            verdict: fc.option(fc.constantFrom(...defaultVerdictScale.map((e) => e.id))),
            publishedUrl: fc.constantFrom(...urlPool),
            restatement: fc.string({ maxLength: 40 }),
            rationale: fc.string({ maxLength: 400 })
          }),
          { minLength: 6, maxLength: 6 }
        ),
        fc.boolean(),
        (fields, signed) => {
          const file = budgetStory()
          file.claims.forEach((c, i) => Object.assign(c, fields[i], { orphaned: false, recheck: null }))
          if (signed) signedOff(file)
          const { text, count, leftOut } = renderClaimReview(buildReport(sampleInput({ stories: [file] })))
          const reviews = parseClaimReviews(text)
          expect(reviews).toHaveLength(count)
          const publishable = fields.filter((f) => f.status === 'done' && f.verdict !== null).length
          expect(count).toBe(signed ? publishable : 0)
          expect(Object.values(leftOut).reduce((a, b) => a + b, 0) + count).toBe(6)
        }
      ),
      { numRuns: 150, seed: 20261206 }
    )
  })

  it('cuts a long first sentence of the rationale to 300 characters', () => {
    expect(ratingExplanation('')).toBeUndefined()
    expect(ratingExplanation('  One.  Two. ')).toBe('One.')
    expect(ratingExplanation('x'.repeat(500))).toHaveLength(300)
  })

  it('uses the desk’s verdict names and prefers the restatement', () => {
    const renamed = {
      ...settings,
      verdicts: settings.verdicts.map((e) => (e.id === 'misleading' ? { ...e, name: 'Half true' } : e))
    }
    const { text } = renderClaimReview(
      buildReport(sampleInput({ stories: [signedOff(hostileStory())], settings: renamed }))
    )
    const reviews = JSON.parse(text) as Record<string, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(reviews.every((r) => r.reviewRating.alternateName === 'Half true' && r.reviewRating.ratingValue === 2)).toBe(
      true
    )
    expect(reviews.map((r) => r.claimReviewed)).toEqual(Object.values(hostile).filter((_, i) => i % 2 === 0))
    expect(reviews[0]?.itemReviewed.appearance).toBeUndefined()
  })

  it('cannot close an enclosing <script> element', () => {
    const { text } = renderClaimReview(
      buildReport(sampleInput({ stories: [signedOff(budgetStory()), signedOff(hostileStory())] }))
    )
    expect(text).not.toContain('</script')
    expect(text).toContain('<\\/script>')
    expect(JSON.parse(text)[3].claimReviewed).toBe(hostile.script)
  })

  it('leaves out a verdict waiting for re-check, a Done claim without a verdict, and an orphan; never the working record', () => {
    const story = signedOff(budgetStory())
    const [, budget, largest, growth] = story.claims
    budget!.recheck = { reason: 'revised', at: budget!.updatedAt, revision: 2 }
    largest!.verdict = null
    growth!.orphaned = true
    growth!.comments.push({ id: 'cx', body: 'PRIVATE COMMENT', by: 'p-amira', at: growth!.updatedAt })
    budget!.contacts.push({
      id: 'k1',
      contact: 'PRIVATE CONTACT',
      sourceId: null,
      method: 'phone',
      outcome: 'confirmed',
      at: budget!.updatedAt,
      notes: '555-0100',
      followUp: '',
      by: 'p-amira',
      loggedAt: budget!.updatedAt
    })
    const { text, count, leftOut } = renderClaimReview(buildReport(sampleInput({ stories: [story] })))
    expect(count).toBe(0)
    expect(leftOut).toEqual({ not_signed_off: 0, not_done: 3, no_verdict: 1, needs_recheck: 1, orphaned: 1 })
    expect(text).not.toMatch(/PRIVATE|555-0100/)
  })
})
