import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { BOM, renderCsv } from './csv'
import { budgetStory, hostile, hostileStory, sampleInput } from './testing/sample-report'

const csv = renderCsv(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })))
const parsed = Papa.parse<Record<string, string>>(csv.slice(BOM.length), { header: true, skipEmptyLines: true })
/** What a spreadsheet shows once it has taken the guard apostrophe as "this is text". */
const shown = (cell: string | undefined): string => (cell ?? '').replace(/^'(?=[=+\-@\t\r])/, '')

describe('CSV report', () => {
  it('is UTF-8 with a BOM, CRLF line ends and one row per claim', () => {
    expect(csv.startsWith('\uFEFFStory,Story URL,Story ID,Claim,')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parsed.errors).toEqual([])
    expect(parsed.data).toHaveLength(6 + Object.keys(hostile).length)
    expect(parsed.data[0]).toMatchObject({
      Story: 'Riverton council approves record budget',
      Claim: 'C2',
      Words: 'a budget of $4.2 million',
      Verdict: 'Accurate',
      'Assigned to': 'Jonas Berg',
      'Evidence count': '1'
    })
    expect(parsed.data[0]?.Evidence).toContain('Supports: Riverton adopted budget 2026')
    // Line ends between records are CRLF; a bare LF only appears inside quoted multi-line cells.
    expect(csv.split('\r\n').length).toBeGreaterThan(parsed.data.length)
  })

  it('guards every cell a spreadsheet would run as a formula', () => {
    const rows = parsed.data.filter((r) => r['Story ID'] === 'story-hostile')
    for (const row of rows) {
      expect(row['Suggested correction']).toBe(`'${hostile.formula}`)
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
    const formulaClaim = rows.find((r) => r['Claim ID'] === 'story-hostile-formula')
    expect(formulaClaim?.Words).toBe(`'${hostile.formula}`)
    expect(shown(formulaClaim?.Words)).toBe(hostile.formula)
    expect(Papa.unparse([['=1+1\nsecond line']], { escapeFormulae: true })).not.toContain("'=") // why we pass our own pattern
  })

  it('keeps quotes, commas, newlines, right-to-left text and emoji literally', () => {
    const rows = new Map(parsed.data.map((r) => [r['Claim ID'], r]))
    for (const [key, value] of Object.entries(hostile)) {
      const row = rows.get(`story-hostile-${key}`)
      expect(shown(row?.Words)).toBe(value)
      expect(shown(row?.Rationale)).toBe(`${value}\nsecond line, with a comma`)
      expect(row?.Speaker).toBe(hostile.markdown)
      expect(row?.Tags).toBe(hostile.emoji)
    }
    expect(rows.get('story-hostile-script')?.Story).toBe(hostileStory().story.title)
  })
})
