import fc from 'fast-check'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { edgeLines, renderMarkdown } from './markdown'
import { budgetStory, hostile, hostileStory, sampleInput } from './testing/sample-report'

/** The report read back as CommonMark + GFM would render it. */
const read = (md: string): Root => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

function all(node: Nodes, type: string): Nodes[] {
  const here = node.type === type ? [node] : []
  return [...here, ...('children' in node ? node.children.flatMap((c) => all(c, type)) : [])]
}

/** The words of a node as a reader sees them, hard breaks as new lines. */
const words = (node: Nodes): string =>
  node.type === 'break'
    ? '\n'
    : 'value' in node
      ? node.value
      : 'children' in node
        ? node.children.map(words).join('')
        : ''

describe('Markdown report', () => {
  const md = renderMarkdown(buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })))
  const tree = read(md)

  it('has headings, summary tables and each claim with its evidence', () => {
    expect(md.startsWith('# Verification report: 2 stories\n')).toBe(true)
    const headings = all(tree, 'heading').map((h) => toString(h))
    expect(headings).toContain('Riverton council approves record budget')
    expect(headings).toContain('C2: Accurate')
    expect(headings).toContain('C6: No verdict yet (orphaned: no longer found in the story text)')
    expect(md).toContain('| False | 1 |')
    expect(all(tree, 'table').length).toBeGreaterThanOrEqual(2)
    expect(all(tree, 'strong').map((s) => toString(s))).toContain('a budget of $4.2 million')
    expect(all(tree, 'link').map((l) => (l as { url: string }).url)).toContain(
      'https://archive.example/web/2026/riverton-budget'
    )
  })

  it('prints user text literally: no Markdown or HTML syntax in it comes out as structure', () => {
    const hostileSection = md.slice(md.indexOf('## Hearing'))
    const section = read(hostileSection)
    expect(all(section, 'html')).toEqual([])
    expect(all(section, 'image')).toEqual([])
    for (const l of all(section, 'link')) expect((l as { url: string }).url).toMatch(/^https?:/)
    expect(all(section, 'heading').map((h) => toString(h))).not.toContain('not a heading')
    const text = words(section)
    for (const value of Object.values(hostile)) expect(text).toContain(value.replace(/\s*[\r\n]+\s*/g, ' ').trim())
  })

  it('reads back any headline, quote and rationale as the words written (property)', () => {
    // Markdown's own characters, HTML, entities and line breaks, mixed with words.
    const tricky = fc.constantFrom(...'*_`[]()<>#>-+=|\\!&~$:.1 \nabc'.split(''), '&amp;', '<b>', '1.', '- ', '```')
    const userText = fc
      .array(tricky, { minLength: 1, maxLength: 24 })
      .map((parts) => parts.join(''))
      .filter((s) => /\S/.test(s))
    const base = buildReport(sampleInput({ stories: [budgetStory()] }))
    fc.assert(
      fc.property(userText, userText, userText, (title, quote, rationale) => {
        const model = structuredClone(base)
        const story = model.stories[0]!
        story.title = title
        const claim = story.claims[0]!
        claim.quote = quote
        claim.rationale = rationale
        const back = read(renderMarkdown(model))
        const flat = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim()
        const h2 = all(back, 'heading').filter((h) => (h as { depth: number }).depth === 2)
        expect(words(h2[0]!).trim()).toBe(flat(title).trim())
        const strongs = all(back, 'strong').map(words)
        expect(strongs).toContain(flat(quote))
        const rationaleItem = all(back, 'listItem').find((li) => words(li).startsWith('Rationale:'))!
        const written = words(rationaleItem).slice('Rationale:\n'.length)
        expect(written.split('\n').map((l) => l.trim())).toEqual(
          edgeLines(rationale)
            .split('\n')
            .map((l) => l.trim())
        )
      }),
      { numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 60) }
    )
  }, 120_000)
})
