// `isolated` (html-template.ts) isolates user text as <bdi> does without an element: in a line of the
// report (left to right, English labels around user text), Chromium draws it exactly as with <bdi>.
import { chromium, type Browser, type Page } from '@playwright/test'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escapeHtml } from './escape'
import { isolated } from './html-template'
import { reportCss } from './html-style'
import { hostile } from './testing/sample-report'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu']
  })
  page = await browser.newPage({ viewport: { width: 900, height: 300 } })
})
afterAll(async () => {
  await browser?.close()
})

/** Pieces of user text as a desk writes them: names, numbers, right-to-left words, stray controls. */
const piece = fc.oneof(
  fc.constantFrom('Jonas Berg', 'p. 3', '40%', '(2026)', 'Dana Ortiz, mayor', '', ' - ', '$4.2m', '12:30'),
  fc.constantFrom(hostile.arabic, hostile.hebrew, hostile.override, 'قالت', 'שלום 12', '٤٠٪', 'עמ׳ 3'),
  fc.constantFrom('\u202e', '\u202b', '\u200f', '\u202c'),
  fc.string({ unit: fc.constantFrom('a', 'ب', 'ש', '1', '٣', ' ', '.', '(', ')', '-', '\u202e', '\u200e') })
)

/** The same with stray isolate controls (LRI, RLI, FSI, PDI), which can break out of a <bdi>. */
const strayPiece = fc.oneof(
  piece,
  fc.string({ unit: fc.constantFrom('a', 'ب', '1', ' ', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069') })
)

/**
 * The line's characters in the order they are drawn (top to bottom, left to right), bidi controls
 * left out: the same for two lines when they put every letter in the same place in the reading
 * order. (Pixels differ by a fraction of a pixel where a run boundary moves a glyph.)
 */
function visualOrder(id: string): string {
  const root = document.getElementById(id)!
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const drawn: { c: string; x: number; y: number; i: number }[] = []
  const range = document.createRange()
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? ''
    for (let k = 0; k < text.length; k++) {
      if (/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text[k]!)) continue // spaces: collapsed, not drawn
      range.setStart(node, k)
      range.setEnd(node, k + 1)
      const r = range.getBoundingClientRect()
      drawn.push({ c: text[k]!, x: Math.round(r.left + r.width / 2), y: Math.round(r.top / 4), i: drawn.length })
    }
  }
  return drawn
    .sort((p, q) => p.y - q.y || p.x - q.x || p.i - q.i)
    .map((d) => d.c)
    .join('')
}

/** One report line: English labels and separators around each piece, as the facts and history lines are. */
const line = (pieces: readonly string[], wrap: (text: string) => string): string =>
  pieces.map((p, i) => `Field ${i}: ${wrap(p)}`).join(' · ')

describe('isolated user text', () => {
  it('draws every line exactly as <bdi> around each piece does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 5 }), async (pieces) => {
        const withBdi = line(pieces, (p) => `<bdi>${escapeHtml(p)}</bdi>`)
        const without = line(pieces, (p) => isolated(p).value)
        await page.setContent(
          `<!DOCTYPE html><html lang="en"><style>${reportCss} p { margin: 0 0 4px; width: 880px; }</style>` +
            `<p id="bdi">${withBdi}</p><p id="isolated">${without}</p></html>`
        )
        const [a, b] = await Promise.all(['bdi', 'isolated'].map((id) => page.evaluate(visualOrder, id)))
        expect(b, JSON.stringify(pieces)).toEqual(a)
      }),
      { numRuns: 40 }
    )
  })

  it('keeps the words around a piece in their place whatever isolate controls the piece holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(strayPiece, { minLength: 2, maxLength: 4 }), async (pieces) => {
        await page.setContent(
          `<!DOCTYPE html><html lang="en"><style>${reportCss} p { width: 880px; }</style>` +
            `<p id="isolated">${line(pieces, (p) => isolated(p).value)}</p></html>`
        )
        const drawn = await page.evaluate(visualOrder, 'isolated')
        for (let i = 0; i < pieces.length; i++) expect(drawn, JSON.stringify(pieces)).toContain(`Field${i}:`)
      }),
      { numRuns: 40 }
    )
    // A <bdi> does not hold an unclosed LRI: the words after it are drawn right to left.
    await page.setContent(`<p id="bdi">Field 0: <bdi>\u202e\u2066</bdi> · Field 1: Jonas Berg</p>`)
    expect(await page.evaluate(visualOrder, 'bdi')).not.toContain('Field1:')
  })

  it('adds nothing to text that cannot reorder its neighbours, and isolates what can', () => {
    expect(isolated('Jonas Berg, p. 3 (2026)').value).toBe('Jonas Berg, p. 3 (2026)')
    expect(isolated('<b>').value).toBe('&lt;b&gt;')
    for (const text of [hostile.arabic, hostile.hebrew, hostile.override, 'a\u200fb', '𐤀'])
      expect(isolated(text).value).toBe(`\u2068${escapeHtml(text)}\u2069`)
    expect(isolated('x\u2069').value).toBe('\u2068\u2068x\u2069\u2069')
    expect(isolated('\u2067x').value).toBe('\u2068\u2067x\u2069\u2069')
  })
})
