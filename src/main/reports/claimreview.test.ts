import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { renderClaimReview } from './claimreview'
import { renderReport } from './render'
import { budgetStory, hostile, hostileStory, sampleInput, settings } from './testing/sample-report'

const noPdf = { printToPdf: () => Promise.reject(new Error('not used')) }
type Review = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('ClaimReview JSON-LD', () => {
  it('gives one review per Done claim with a verdict and counts the rest by why', async () => {
    const rendered = await renderReport('claimreview', buildReport(sampleInput()), noPdf)
    const reviews = JSON.parse(new TextDecoder().decode(rendered.bytes)) as Review[]
    // "Needs context" on the In progress schools quote is not published: the claim is not Done.
    expect(rendered).toMatchObject({
      extension: 'jsonld',
      claimCount: 3,
      leftOut: { not_done: 3, no_verdict: 0, needs_recheck: 0, orphaned: 0 }
    })
    expect(reviews).toHaveLength(3)
    expect(JSON.stringify(reviews)).not.toContain('Needs context')
    for (const r of reviews) {
      // Google's required fields, then its recommended ones.
      expect(r['@context']).toBe('https://schema.org')
      expect(r['@type']).toBe('ClaimReview')
      expect(typeof r.claimReviewed).toBe('string')
      expect(r.reviewRating).toMatchObject({ '@type': 'Rating', bestRating: 5, worstRating: 1 })
      expect(r.reviewRating.alternateName).toBeTruthy()
      expect(r.url).toMatch(/^https:\/\/ledger\.example\//)
      expect(r.author).toEqual({
        '@type': 'Organization',
        name: 'Riverton Ledger Fact Check',
        url: 'https://ledger.example/'
      })
      expect(r.datePublished).toBe('2026-11-25')
      expect(r.itemReviewed).toMatchObject({
        '@type': 'Claim',
        datePublished: '2026-11-25',
        appearance: { '@type': 'CreativeWork', url: 'https://ledger.example/news/record-budget' }
      })
      expect(r.itemReviewed.author['@type']).toMatch(/^(Person|Organization)$/)
    }
    const [accurate, falseOne, unverifiable] = reviews
    expect(accurate).toMatchObject({
      url: 'https://ledger.example/fact-checks/budget-42m',
      reviewRating: { ratingValue: 5, alternateName: 'Accurate' },
      itemReviewed: { author: { '@type': 'Person', name: 'Dana Ortiz' } }
    })
    expect(falseOne).toMatchObject({
      url: 'https://ledger.example/fact-checks/budget#claim-story-budget-largest',
      reviewRating: { ratingValue: 1 },
      itemReviewed: { author: { '@type': 'Organization', name: 'Riverton Ledger' } }
    })
    expect(unverifiable?.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Unverifiable'
    })
    expect(unverifiable?.itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'City of Riverton ministry of planning'
    })
  })

  it('uses the desk’s verdict names and prefers the restatement', () => {
    const renamed = { ...settings, verdictLabels: { ...settings.verdictLabels, misleading: 'Half true' } }
    const { text } = renderClaimReview(buildReport(sampleInput({ stories: [hostileStory()], settings: renamed })))
    const reviews = JSON.parse(text) as Review[]
    expect(reviews.every((r) => r.reviewRating.alternateName === 'Half true' && r.reviewRating.ratingValue === 2)).toBe(
      true
    )
    expect(reviews.map((r) => r.claimReviewed)).toEqual(Object.values(hostile).filter((_, i) => i % 2 === 0))
    expect(reviews[0]?.itemReviewed.appearance).toBeUndefined()
  })

  it('cannot close an enclosing <script> element', () => {
    const { text } = renderClaimReview(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })))
    expect(text).not.toContain('</script')
    expect(text).toContain('<\\/script>')
    expect(JSON.parse(text)[3].claimReviewed).toBe(hostile.script)
  })

  it('leaves out a verdict waiting for re-check, a Done claim without a verdict, and an orphan; never the working record', () => {
    const story = budgetStory()
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
    expect(leftOut).toEqual({ not_done: 3, no_verdict: 1, needs_recheck: 1, orphaned: 1 })
    expect(text).not.toMatch(/PRIVATE|555-0100/)
  })
})
