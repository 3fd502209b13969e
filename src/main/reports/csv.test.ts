import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { Evidence, Source, StoryFile } from '../../shared/model'
import { buildReport } from './build'
import { BOM, renderCsv } from './csv'
import { formulaTrigger } from './escape'
import { at, budgetStory, hostile, hostileStory, sampleInput, signedOff, sources } from './testing/sample-report'

type Row = Record<string, string>
const read = (text: string): Papa.ParseResult<Row> =>
  Papa.parse<Row>(text.slice(BOM.length), { header: true, skipEmptyLines: true, delimiter: ',' })

const csv = renderCsv(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })))
const parsed = read(csv)
/** What a spreadsheet shows once it has taken the guard apostrophe as "this is text". */
const shown = (cell: string | undefined): string => (cell ?? '').replace(/^'(?=[=+\-@\t\r])/, '')
/** What the CSV must hold for a cell: the text itself, or with a quote before it when a spreadsheet would run it. */
const guarded = (text: string): string => (formulaTrigger.test(text) ? `'${text}` : text)

const wire: Source = {
  ...sources[0]!,
  id: 's-wire',
  title: 'Wire report on the budget',
  kind: 'news_report',
  url: 'https://wire.example/budget'
}
const secret: Source = {
  ...sources[0]!,
  id: 's-secret',
  title: 'Ledger from Marguerite Okonkwo',
  author: 'Marguerite Okonkwo',
  url: 'https://leaks.example/okonkwo',
  kind: 'interview',
  confidential: { reason: 'She would lose her job' }
}
const evidenceOf = (id: string, claimId: string, sourceId: string, excerpt = 'a line'): Evidence => ({
  id,
  claimId,
  sourceId,
  stance: 'supports',
  excerpt,
  locator: 'p. 1',
  appearance: false,
  createdAt: at(30),
  createdBy: 'p-jonas',
  updatedAt: at(30)
})

/** The budget story signed off with an override, a wire report on two claims and a confidential source on one. */
function worked(): StoryFile {
  const file = signedOff(budgetStory(), at(50), 'p-jonas')
  file.story.signOff = {
    ...file.story.signOff!,
    override: { reason: 'Editor-in-chief cleared the bus line', blockers: [] }
  }
  file.story.language = 'de'
  file.evidence.push(
    evidenceOf('e-wire-1', 'story-budget-largest', 's-wire'),
    evidenceOf('e-wire-2', 'story-budget-schools', 's-wire'),
    evidenceOf('e-secret', 'story-budget-budget', 's-secret', 'PAYROLL-LINE 42')
  )
  return file
}
const workedInput = () => sampleInput({ stories: [worked()], sources: [...sources, wire, secret] })

describe('CSV report', () => {
  it('is UTF-8 with a BOM, CRLF line ends and one row per claim', () => {
    expect(csv.startsWith('\uFEFFstoryId,storyTitle,itemReviewed.appearance.url,')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parsed.errors).toEqual([])
    expect(parsed.data).toHaveLength(6 + Object.keys(hostile).length)
    expect(parsed.data[0]).toMatchObject({
      storyTitle: 'Riverton council approves record budget',
      claimLabel: 'C2',
      words: 'a budget of $4.2 million',
      'reviewRating.alternateName': 'Accurate',
      verdict: 'accurate',
      assignee: 'Jonas Berg',
      evidenceCount: '1'
    })
    expect(parsed.data[0]?.evidence).toContain('Supports: Riverton adopted budget 2026')
    // Line ends between records are CRLF; a bare LF only appears inside quoted multi-line cells.
    expect(csv.split('\r\n').length).toBeGreaterThan(parsed.data.length)
  })

  it('carries the data desk’s columns: verdict and sign-off by/at/override, method, language, ClaimReview fields', () => {
    const rows = new Map(read(renderCsv(buildReport(workedInput()))).data.map((r) => [r.claimId, r]))
    const budget = rows.get('story-budget-budget')!
    expect(budget).toMatchObject({
      inLanguage: 'de',
      claimReviewed: 'a budget of $4.2 million',
      'reviewRating.alternateName': 'Accurate',
      'reviewRating.ratingExplanation': 'Matches the adopted budget, page 3.',
      'itemReviewed.author.name': 'Dana Ortiz',
      'itemReviewed.appearance.url': 'https://ledger.example/news/record-budget',
      verdictBy: 'Jonas Berg',
      verdictAt: at(20),
      signOffBy: 'Jonas Berg',
      signOffAt: at(50),
      signOffOverride: 'Editor-in-chief cleared the bus line',
      datePublished: at(50),
      keywords: 'budget; council',
      url: 'https://ledger.example/fact-checks/budget-42m',
      method: 'primary'
    })
    // Only a news report behind it: checked at second hand. A primary document beside it makes it primary.
    expect(rows.get('story-budget-schools')?.method).toBe('secondary')
    expect(rows.get('story-budget-largest')?.method).toBe('primary')
    expect(rows.get('story-budget-orphan')?.method).toBe('')
    expect(rows.get('story-budget-orphan')?.url).toBe('https://ledger.example/fact-checks/budget#story-budget-c6')
  })

  it('gives one row per evidence item when asked, a claim without evidence still one row, a confidential source withheld', () => {
    const text = renderCsv(buildReport(workedInput()), 'evidence')
    const rows = read(text).data
    const file = worked()
    const expected = file.claims.flatMap((c) => {
      const items = file.evidence.filter((e) => e.claimId === c.id).map((e) => `${c.id}/${e.id}`)
      return items.length > 0 ? items : [`${c.id}/`]
    })
    expect(rows.map((r) => `${r.claimId}/${r.evidenceId}`).sort()).toEqual(expected.sort())
    const byEvidence = new Map(rows.map((r) => [r.evidenceId, r]))
    expect(byEvidence.get('e-wire-2')).toMatchObject({
      'evidence.method': 'secondary',
      'source.name': 'Wire report on the budget',
      'source.kind': 'News report',
      'source.url': 'https://wire.example/budget',
      'evidence.excerpt': 'a line'
    })
    expect(byEvidence.get('e1')).toMatchObject({ 'evidence.method': 'primary', 'evidence.locator': 'p. 3' })
    expect(byEvidence.get('e-secret')).toMatchObject({
      'source.name': 'Confidential source',
      'source.kind': 'Interview',
      'source.confidential': 'yes',
      'source.url': '',
      'source.author': '',
      'evidence.excerpt': ''
    })
    for (const word of ['Okonkwo', 'leaks.example', 'PAYROLL-LINE', 'lose her job']) expect(text).not.toContain(word)
  })

  it('reads back every evidence item exactly, whatever the excerpts hold and however they are spread (property)', () => {
    const claimIds = budgetStory().claims.map((c) => c.id)
    fc.assert(
      fc.property(
        fc.array(fc.record({ claim: fc.integer({ min: 0, max: claimIds.length - 1 }), excerpt: fc.string() }), {
          maxLength: 12
        }),
        (items) => {
          const file = budgetStory()
          file.evidence = items.map((item, i) =>
            evidenceOf(`ev-${i}`, claimIds[item.claim]!, 's-budget', item.excerpt.slice(0, 500))
          )
          const result = read(renderCsv(buildReport(sampleInput({ stories: [file] })), 'evidence'))
          expect(result.errors).toEqual([])
          const got = new Map(result.data.map((r) => [`${r.claimId}/${r.evidenceId}`, r]))
          expect(got.size).toBe(result.data.length)
          for (const [i, item] of items.entries())
            expect(got.get(`${claimIds[item.claim]}/ev-${i}`)?.['evidence.excerpt']).toBe(
              guarded(item.excerpt.slice(0, 500))
            )
          const bare = claimIds.filter((_, c) => !items.some((item) => item.claim === c))
          for (const id of bare) expect(got.get(`${id}/`)?.evidenceCount).toBe('0')
          expect(result.data).toHaveLength(items.length + bare.length)
        }
      ),
      // A quote already at the start of an excerpt is the editor's own and must survive (found by the property).
      { numRuns: 60, examples: [[[{ claim: 0, excerpt: "'@" }]], [[{ claim: 0, excerpt: '@x' }]]] }
    )
  })

  it('guards every cell a spreadsheet would run as a formula', () => {
    const rows = parsed.data.filter((r) => r.storyId === 'story-hostile')
    for (const row of rows) {
      expect(row.suggestedCorrection).toBe(`'${hostile.formula}`)
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
    const formulaClaim = rows.find((r) => r.claimId === 'story-hostile-formula')
    expect(formulaClaim?.words).toBe(`'${hostile.formula}`)
    expect(shown(formulaClaim?.words)).toBe(hostile.formula)
    expect(Papa.unparse([['=1+1\nsecond line']], { escapeFormulae: true })).not.toContain("'=") // why we pass our own pattern
    const perEvidence = read(renderCsv(buildReport(sampleInput({ stories: [hostileStory()] })), 'evidence')).data
    for (const row of perEvidence) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('keeps quotes, commas, newlines, right-to-left text and emoji literally', () => {
    const rows = new Map(parsed.data.map((r) => [r.claimId, r]))
    for (const [key, value] of Object.entries(hostile)) {
      const row = rows.get(`story-hostile-${key}`)
      expect(shown(row?.words)).toBe(value)
      expect(shown(row?.rationale)).toBe(`${value}\nsecond line, with a comma`)
      expect(row?.['itemReviewed.author.name']).toBe(hostile.markdown)
      expect(row?.keywords).toBe(hostile.emoji)
    }
    expect(rows.get('story-hostile-script')?.storyTitle).toBe(hostileStory().story.title)
  })
})
