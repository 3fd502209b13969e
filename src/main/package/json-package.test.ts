import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/result'
import { buildReport } from '../reports/build'
import { parsePackage } from './json-package'
import { mergePackage } from './merge'
import { renderReport } from '../reports/render'
import { budgetStory, hostileStory, people, sampleInput, sources } from '../reports/testing/sample-report'

const noPdf = { writePdf: () => Promise.reject(new Error('not used')) }

async function exportPackage(
  options = { includeExcerpts: false, includeActivity: false, includeOrphaned: false, internal: true }
): Promise<string> {
  const rendered = await renderReport(
    'json',
    buildReport(sampleInput({ stories: [budgetStory(), hostileStory()], options })),
    noPdf
  )
  expect(rendered.claimCount).toBe(6 + 8)
  return new TextDecoder().decode(rendered.bytes)
}

function parseError(text: string): AppError {
  try {
    parsePackage(text)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('parsePackage accepted it')
}

describe('JSON verification package', () => {
  it('round-trips into an empty library exactly, whatever the report options', async () => {
    const pkg = parsePackage(await exportPackage())
    expect(pkg).toMatchObject({
      format: 'factdesk.verification-package',
      version: 2,
      exportedAt: '2026-11-25T10:00:00.000Z'
    })
    // The desk's verdict scale travels with it, so another desk prints each verdict as it was given.
    expect(pkg.verdicts?.map((v) => v.id)).toContain('accurate')
    const merge = mergePackage(pkg, { stories: new Map(), sources: [], people: [] })
    expect(merge.storiesToWrite).toEqual([budgetStory(), hostileStory()])
    expect(merge.sourcesToAdd).toEqual(sources.filter((s) => s.id !== 's-unused'))
    expect(merge.peopleToAdd).toEqual(people.filter((p) => p.id !== 'p-unused'))
    expect(merge.counts).toEqual({
      stories: { added: 2, merged: 0 },
      claims: { added: 14, updated: 0, unchanged: 0 },
      sources: { added: 3, reused: 0 }
    })
  })

  it('explains what is wrong with a file it cannot read', async () => {
    expect(parseError('{"format": ').message).toMatch(/not valid JSON/)
    expect(parseError('[1, 2]').message).toMatch(/not a Factdesk verification package/)
    expect(parseError('{"format": "something.else", "version": 1}').message).toMatch(
      /not a Factdesk verification package/
    )
    expect(parseError('{"format": "factdesk.verification-package", "version": 3}').message).toMatch(
      /newer version of Factdesk \(package version 3/
    )
    expect(parseError('{"format": "factdesk.verification-package", "version": "1"}').message).toMatch(
      /no valid version/
    )
    const good = JSON.parse(await exportPackage())
    delete good.stories[0].claims[0].status
    good.stories[1].evidence[0].sourceId = 'nowhere'
    const damaged = parseError(JSON.stringify(good))
    expect(damaged.code).toBe('invalid_input')
    expect(damaged.message).toMatch(/damaged or incomplete: stories\.0\.claims\.0\.status/)
    expect(damaged.issues?.map((i) => i.path)).toContain('stories.0.claims.0.status')
    // Only the schema error is reported first: references are checked once the records themselves are valid.
    delete good.stories[0]
    good.stories = good.stories.filter(Boolean)
    expect(parseError(JSON.stringify(good)).issues?.[0]).toEqual({
      path: 'stories.0.evidence.0.sourceId',
      message: 'evidence eh1 cites a source that is not in the package'
    })
  })

  it('reads a package from before claim numbers, numbering its claims in story order', async () => {
    const old = JSON.parse(await exportPackage())
    for (const file of old.stories) {
      file.schemaVersion = 1
      delete file.story.signOff
      delete file.story.nextClaimNumber
      for (const claim of file.claims)
        for (const key of ['number', 'checked', 'recheck', 'contacts', 'checkedAgainst']) delete claim[key]
    }
    const budget = parsePackage(JSON.stringify(old)).stories[0]!
    const byId = Object.fromEntries(budget.claims.map((c) => [c.id, c.number]))
    expect(byId).toEqual({
      'story-budget-budget': 1,
      'story-budget-largest': 2,
      'story-budget-growth': 3,
      'story-budget-schools': 4,
      'story-budget-bus': 5,
      'story-budget-orphan': 6
    })
    expect(budget.story.nextClaimNumber).toBe(7)
    expect(budget.claims.find((c) => c.id === 'story-budget-budget')?.checked?.exact).toBe('a budget of $4.2 million')
  })

  it('keeps a library’s claim numbers when another desk’s new claim arrives with the same number', async () => {
    const mine = budgetStory()
    const theirs = budgetStory()
    const template = theirs.claims[1]!
    theirs.claims.push({ ...template, id: 'their-new', number: 7, updatedAt: '2026-11-26T10:00:00.000Z' })
    mine.claims.push({ ...template, id: 'my-new', number: 7 })
    mine.story.nextClaimNumber = theirs.story.nextClaimNumber = 8
    const pkg = parsePackage(
      JSON.stringify({
        format: 'factdesk.verification-package',
        version: 1,
        exportedAt: '2026-11-26T10:00:00.000Z',
        stories: [theirs],
        sources,
        people
      })
    )
    const merged = mergePackage(pkg, { stories: new Map([[mine.story.id, mine]]), sources, people }).storiesToWrite[0]!
    expect(merged.claims.find((c) => c.id === 'my-new')?.number).toBe(7)
    expect(merged.claims.find((c) => c.id === 'their-new')?.number).toBe(8)
    expect(merged.story.nextClaimNumber).toBe(9)
  })

  it('accepts a file saved with a byte order mark', async () => {
    expect(parsePackage(`\uFEFF${await exportPackage()}`).stories).toHaveLength(2)
  })
})
