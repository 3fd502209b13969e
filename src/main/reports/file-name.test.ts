import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { slugify, suggestFileName } from './file-name'
import { budgetStory, hostileStory, sampleInput } from './testing/sample-report'

const windowsUnsafe = /[<>:"/\\|?*\p{Cc}\p{Cf}]/u

describe('suggestFileName', () => {
  it('names the story and the date', () => {
    const model = buildReport(sampleInput())
    expect(suggestFileName(model, 'html')).toBe(
      'factdesk-report-riverton-council-approves-record-budget-2026-11-25.html'
    )
    expect(suggestFileName(model, 'markdown')).toMatch(/\.md$/)
    expect(suggestFileName(model, 'json')).toBe(
      'factdesk-package-riverton-council-approves-record-budget-2026-11-25.json'
    )
    expect(suggestFileName(model, 'claimreview')).toMatch(/^factdesk-claimreview-.*\.jsonld$/)
    expect(suggestFileName(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })), 'pdf')).toBe(
      'factdesk-report-2-stories-2026-11-25.pdf'
    )
  })

  it('is safe on every desktop OS, whatever the headline', () => {
    const name = suggestFileName(buildReport(sampleInput({ stories: [hostileStory()] })), 'csv')
    expect(name).not.toMatch(windowsUnsafe)
    expect(name.length).toBeLessThan(120)
    expect(slugify('Café: “Prices” up 5%?')).toBe('café-prices-up-5')
    expect(slugify('قالت الوزارة')).toBe('قالت-الوزارة')
    expect(slugify('\u202E<>')).toBe('')
  })
})
