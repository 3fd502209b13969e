import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { escapeMarkdown } from './escape'
import { renderMarkdown } from './markdown'
import { budgetStory, hostile, hostileStory, sampleInput } from './testing/sample-report'

/** CommonMark's reading of backslash escapes: a backslash before ASCII punctuation shows the punctuation. */
const unescape = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, '$1')

describe('Markdown report', () => {
  const md = renderMarkdown(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })))

  it('has headings, summary tables and each claim with its evidence', () => {
    expect(md.startsWith('# Verification report: 2 stories\n')).toBe(true)
    expect(md).toContain('## Riverton council approves record budget')
    expect(md).toContain('| False | 1 |')
    expect(md).toContain('### C2: Accurate')
    expect(md).toContain('**a budget of \\$4.2 million**')
    expect(md).toContain('archived: <https://archive.example/web/2026/riverton-budget>')
    expect(md).toContain('### C6: No verdict yet (orphaned: no longer found in the story text)')
  })

  it('escapes user text so Markdown and HTML syntax comes out literally', () => {
    expect(md).not.toContain('<script>')
    expect(md).not.toContain('*bold*')
    expect(md).not.toContain('[link](')
    expect(md).not.toMatch(/^\s*# not a heading/m)
    const hostileSection = md.slice(md.indexOf('## Hearing'))
    for (const value of Object.values(hostile)) {
      expect(unescape(hostileSection)).toContain(value)
    }
    // Table cells cannot be split by a pipe in a label.
    expect(escapeMarkdown('a | b')).toBe('a \\| b')
  })

  it('escapes block syntax only at the start of a line', () => {
    expect(escapeMarkdown('# one\n- two\n3. three\n> four\nfive - 5.5')).toBe(
      '\\# one\n\\- two\n3\\. three\n\\> four\nfive - 5.5'
    )
  })
})
