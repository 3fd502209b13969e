// Every report names who gave each verdict and when, and who cleared the story and when (issue 26, item 6).
import { JSDOM } from 'jsdom'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { BOM, renderCsv } from './csv'
import { renderHtml } from './html'
import { formatDateTime } from './labels'
import { renderMarkdown } from './markdown'
import { at, budgetStory, sampleInput, signedOff } from './testing/sample-report'

/** The budget story cleared by Jonas; "largest" re-judged by Jonas later in the log, "growth" only in its checked words. */
function story() {
  const file = signedOff(budgetStory(), at(50), 'p-jonas')
  file.activity.push({
    id: 'a-largest',
    at: at(30),
    by: 'p-jonas',
    action: 'claim.updated',
    storyId: file.story.id,
    claimId: `${file.story.id}-largest`,
    field: 'verdict',
    from: 'misleading',
    to: 'false',
    summary: 'Verdict set to False'
  })
  return file
}
const model = () => buildReport(sampleInput({ stories: [story()] }))
/** Claim id -> who gave its verdict and when, as the sample says. */
const expected = {
  'story-budget-budget': { by: 'Jonas Berg', at: at(20) }, // from the log
  'story-budget-largest': { by: 'Jonas Berg', at: at(30) }, // the log's latest entry beats the checked words
  'story-budget-growth': { by: 'Amira Haddad', at: at(20) } // no log entry: the claim's checked words
}

describe('who gave each verdict and who cleared the story, in every report', () => {
  it('the model takes them from the log, else the claim, and has none for a claim without a verdict', () => {
    const claims = new Map(model().stories[0]!.claims.map((c) => [c.id, c]))
    for (const [id, given] of Object.entries(expected))
      expect({ by: claims.get(id)?.verdictBy, at: claims.get(id)?.verdictAt }).toEqual(given)
    expect(claims.get('story-budget-bus')).toMatchObject({ verdict: null, verdictBy: '', verdictAt: '' })
  })

  it('CSV: a row per claim with its verdict giver and time, and who cleared the story and when', () => {
    const rows = Papa.parse<Record<string, string>>(renderCsv(model()).slice(BOM.length), {
      header: true,
      skipEmptyLines: true
    }).data
    const byId = new Map(rows.map((r) => [r.claimId, r]))
    for (const [id, given] of Object.entries(expected))
      expect(byId.get(id)).toMatchObject({ verdictBy: given.by, verdictAt: given.at })
    expect(byId.get('story-budget-bus')).toMatchObject({ verdictBy: '', verdictAt: '' })
    for (const row of rows) expect(row).toMatchObject({ signOffBy: 'Jonas Berg', signOffAt: at(50) })
  })

  it('HTML: each claim says who gave its verdict and when; the story says who signed it off', () => {
    const doc = new JSDOM(renderHtml(model())).window.document
    for (const [id, given] of Object.entries(expected)) {
      const facts = doc.querySelector(`#claim-${id} .facts`)?.textContent ?? ''
      expect(facts.split(' · ')).toContain(`Verdict given by ${given.by}, ${formatDateTime(given.at)}`)
    }
    expect(doc.querySelector('#claim-story-budget-bus .facts')?.textContent).not.toContain('Verdict given by')
    expect(doc.querySelector('.signoff')?.textContent).toContain(`Signed off by Jonas Berg, ${formatDateTime(at(50))}`)
  })

  it('Markdown: the same, read back line by line', () => {
    const md = renderMarkdown(model())
    const section = (id: string): string => {
      const label = model().stories[0]!.claims.find((c) => c.id === id)!.label
      return md.split('### ').find((s) => s.startsWith(`${label}:`)) ?? ''
    }
    for (const [id, given] of Object.entries(expected))
      expect(section(id)).toContain(`- **Verdict given by:** ${given.by}, ${formatDateTime(given.at)}`)
    expect(section('story-budget-bus')).not.toContain('Verdict given by')
    expect(md).toContain(`**Signed off** by Jonas Berg, ${formatDateTime(at(50))}`)
  })
})
