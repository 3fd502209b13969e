import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { renderHtml } from './html'
import { budgetStory, hostile, hostileStory, largeInput, sampleInput } from './testing/sample-report'

const render = (input = sampleInput({ stories: [budgetStory(), hostileStory()] })) => {
  const text = renderHtml(buildReport(input))
  return { text, doc: new JSDOM(text).window.document }
}

describe('HTML report', () => {
  it('is an accessible document with a summary, story sections and claims in order', () => {
    const { doc } = render()
    expect(doc.documentElement.lang).toBe('en')
    expect(doc.querySelectorAll('h1')).toHaveLength(1)
    expect([...doc.querySelectorAll('section.story h2')].map((h) => h.textContent)).toEqual([
      'Riverton council approves record budget',
      hostileStory().story.title
    ])
    const budget = doc.getElementById('story-story-budget')
    expect([...(budget?.querySelectorAll('article.claim') ?? [])].map((a) => a.id)).toEqual(
      ['budget', 'largest', 'growth', 'schools', 'bus', 'orphan'].map((k) => `claim-story-budget-${k}`)
    )
    const rows = Object.fromEntries(
      [...(budget?.querySelectorAll('table.by-verdict tbody tr') ?? [])].map((tr) => [
        tr.querySelector('th')?.textContent,
        Number(tr.querySelector('td')?.textContent)
      ])
    )
    expect(rows).toMatchObject({
      Accurate: 1,
      False: 1,
      Unverifiable: 1,
      'Needs context': 1,
      'No verdict yet': 2,
      Misleading: 0
    })
    expect(doc.querySelectorAll('table th[scope="col"]').length).toBeGreaterThan(0)
    expect(doc.querySelector('main > .summary svg.bar[role="img"]')?.getAttribute('aria-label')).toMatch(
      /Misleading: 4, False: 1/
    )
    expect(budget?.querySelector('svg.bar')?.getAttribute('aria-label')).toBe(
      'Verdicts: Accurate: 1, Needs context: 1, False: 1, Unverifiable: 1, No verdict yet: 2'
    )
    const orphan = doc.getElementById('claim-story-budget-orphan')
    expect(orphan?.classList.contains('orphaned')).toBe(true)
    expect(orphan?.textContent).toMatch(/Orphaned/)
  })

  it('shows who checked each claim, the evidence it cites and its excerpt, and each source once in full', () => {
    const { doc } = render()
    const claim = doc.getElementById('claim-story-budget-budget')
    const text = claim?.textContent ?? ''
    expect(text).toContain('Jonas Berg')
    expect(text).toContain('25 November 2026, 09:20 UTC')
    expect(text).toContain('Supports: Riverton adopted budget 2026 [1], p. 3')
    expect(text).toContain('Total appropriations: $4,200,000')
    expect(claim?.querySelector('mark')?.textContent).toBe('a budget of $4.2 million')
    expect([...(claim?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toContain(
      'https://www.riverton.example/budget/2026?utm_source=mail'
    )
    const correction = doc.getElementById('claim-story-budget-largest')?.textContent
    expect(correction).toContain('a budget of $4.2 million, the largest since 2019')
    // The story's sources, numbered in the order its claims first cite them, each with its full reference.
    const sources = [...(doc.querySelectorAll('#story-story-budget ol.sources > li') ?? [])].map(
      (li) => li.textContent ?? ''
    )
    expect(sources).toHaveLength(3)
    expect(sources[0]).toContain('Finance Office. Riverton adopted budget 2026. City of Riverton, ')
    expect(sources[0]).toContain('Archived: https://archive.example/web/2026/riverton-budget')
    expect(sources[1]).toContain('Census 2025: Riverton, population table')
    expect(doc.getElementById('claim-story-budget-growth')?.textContent).toContain(
      'Context: Census 2025: Riverton, population table [2], Table 4'
    )
  })

  it('prints each claim’s own history in the claim and keeps the story’s own entries in its log', () => {
    const { doc } = render()
    const budget = doc.getElementById('claim-story-budget-budget')
    expect([...(budget?.querySelectorAll('ol.log > li') ?? [])].map((li) => li.textContent)).toEqual([
      '25 November 2026, 09:20 UTC · Jonas Berg · Verdict set to Accurate'
    ])
    const storyLog = [...(doc.querySelectorAll('#story-story-budget table.activity tbody tr') ?? [])].map(
      (tr) => tr.textContent
    )
    expect(storyLog).toEqual(['25 November 2026, 09:00 UTCAmira Haddadstory.createdStory created'])
  })

  it('keeps a claim to a few dozen nodes, with no headings inside it, so a 1,000-claim PDF prints in seconds', () => {
    // Every element and text run is a node of the tagged PDF's structure tree and of the print
    // layout; the print time of a long report grows with their number (see html-claim.ts).
    const nodesIn = (root: Node): number => {
      const walker = root.ownerDocument!.createTreeWalker(root, 1 | 4)
      let nodes = 0
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode())
        if (n.nodeType === 1 || (n.textContent ?? '').trim() !== '') nodes++
      return nodes
    }
    const { doc } = render(largeInput(1, 50, { activityPerClaim: 5 }))
    const claims = [...doc.querySelectorAll('article.claim')]
    expect(claims).toHaveLength(50)
    for (const claim of claims) {
      expect(nodesIn(claim), claim.id).toBeLessThanOrEqual(85)
      expect(claim.querySelectorAll('h4, h5, h6, dl, table')).toHaveLength(0)
    }
    expect(doc.getElementById('claim-story-0-x7')?.querySelectorAll('ol.log > li')).toHaveLength(5)
    // A worked claim (restatement, long rationale, three pieces of evidence with excerpts): its names,
    // places and the words around the quote are text, not <bdi>/<cite>/<span> (over 100 nodes before).
    const worked = render(largeInput(1, 50, { activityPerClaim: 5, worked: true })).doc
    for (const claim of worked.querySelectorAll('article.claim'))
      expect(nodesIn(claim), claim.id).toBeLessThanOrEqual(66)
    // The whole report, log and sources included: with the log as a table it was over 120 a claim.
    expect(nodesIn(doc.body) / claims.length).toBeLessThanOrEqual(90)
  })

  it('prints with page numbers from @page when a reader prints it from a browser', () => {
    const html = renderHtml(buildReport(sampleInput()))
    expect(html).toContain('@bottom-center { content: "Page " counter(page) " of " counter(pages)')
  })

  it('loads nothing from outside and runs no script', () => {
    const { doc, text } = render()
    expect(
      doc.querySelectorAll('script, link, img, iframe, object, embed, base, audio, video, source, form')
    ).toHaveLength(0)
    expect(doc.querySelectorAll('[src], [srcset], [poster], [background]')).toHaveLength(0)
    for (const el of doc.querySelectorAll('[href]')) {
      expect(el.tagName).toBe('A')
      expect(el.getAttribute('href')).toMatch(/^https?:\/\//)
    }
    for (const el of doc.querySelectorAll('*'))
      expect([...el.attributes].filter((a) => a.name.startsWith('on'))).toEqual([])
    const css =
      [...doc.querySelectorAll('style')].map((s) => s.textContent).join('') +
      [...doc.querySelectorAll('[style]')].map((e) => e.getAttribute('style')).join('')
    expect(css).not.toMatch(/url\(|@import|@font-face/i)
    expect(text).not.toMatch(/<script/i)
  })

  it('shows every hostile text literally', () => {
    const { doc } = render()
    const section = doc.getElementById('story-story-hostile')
    const body = section?.textContent ?? ''
    for (const value of Object.values(hostile)) expect(body).toContain(value)
    for (const [key, value] of Object.entries(hostile)) {
      expect(doc.getElementById(`claim-story-hostile-${key}`)?.querySelector('mark')?.textContent).toBe(value)
    }
    const single = render(sampleInput({ stories: [hostileStory()] })).doc
    expect(single.title).toBe(`Verification report: ${hostileStory().story.title}`)
    expect(single.querySelector('h1')?.textContent).toBe(single.title)
    // Right-to-left and override characters are isolated so they cannot reorder the text around them.
    // The quote is an element with dir="auto"; the words around it are isolated text (isolated.test.ts),
    // so an override cannot spill into the next part.
    const context = doc.querySelector('#claim-story-hostile-override blockquote')
    expect(context?.getAttribute('dir')).toBe('auto')
    expect([...(context?.children ?? [])].map((el) => `${el.tagName} ${el.getAttribute('dir')}`)).toEqual(['MARK auto'])
    expect(context?.textContent).toContain(hostile.override)
  })

  it('leaves out excerpts and the activity log when asked', () => {
    const { doc } = render(
      sampleInput({
        options: { includeExcerpts: false, includeActivity: false, includeOrphaned: false, internal: false }
      })
    )
    expect(doc.body.textContent).not.toContain('Total appropriations')
    expect(doc.querySelector('table.activity')).toBeNull()
    expect(doc.querySelector('.claim.orphaned')).toBeNull()
  })
})
