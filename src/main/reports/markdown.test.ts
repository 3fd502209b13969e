import fc from 'fast-check'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { edgeLines, markdownOptions, renderMarkdown, reportTree } from './markdown'
import { budgetStory, hostile, hostileStory, sampleInput } from './testing/sample-report'

const propertySeed = Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)

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
      { numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 60), seed: propertySeed }
    )
  }, 120_000)

  it("escapes text exactly as the library's own text handler does (property)", () => {
    // The report's text handler hands the library's escaping only the patterns whose character is
    // in the text; any text, in any place of the report, must come out the same as without it.
    const tricky = fc.constantFrom(
      ...'*_`[]()<>#>-+=|\\!&~$:.@1 \t\r\nabc\u0001\u007fé'.split(''),
      '&amp;',
      '<b>',
      '1.',
      '- ',
      '```',
      'https://x.example/a_b*c'
    )
    const userText = fc.array(tricky, { minLength: 0, maxLength: 16 }).map((parts) => parts.join(''))
    const base = buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] }))
    const libraryOwn = { ...markdownOptions, handlers: {} }
    fc.assert(
      fc.property(fc.array(userText, { minLength: 12, maxLength: 12 }), (texts) => {
        const model = structuredClone(base)
        const story = model.stories[0]!
        const claim = story.claims[0]!
        const [title, quote, before, after, rationale, speaker, tag, locator, outlet, label, note, url] = texts as [
          string,
          ...string[]
        ]
        Object.assign(story, { title: title || 'x', outlet, url: `https://example.com/${url}` })
        Object.assign(claim, { quote: quote || 'x', before, after, rationale, speaker, tags: [tag] })
        if (claim.evidence[0]) claim.evidence[0].locator = locator!
        model.summaryRows.verdicts[0]!.label = label!
        if (story.corrections[0]) story.corrections[0].note = note!
        const tree = reportTree(model)
        expect(toMarkdown(tree, markdownOptions)).toBe(toMarkdown(tree, libraryOwn))
      }),
      { numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 100), seed: propertySeed }
    )
  }, 120_000)
})
