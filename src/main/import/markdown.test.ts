import { describe, expect, it } from 'vitest'
import { canonicalText } from '../../shared/text/canonical'
import { stripMarkdown } from './markdown'

const strip = (source: string): string => canonicalText(stripMarkdown(source).text)

describe('stripMarkdown', () => {
  it('removes inline syntax and keeps the words', () => {
    expect(strip('**Bold**, *em*, _em_, ~~gone~~, `code` and [a link](https://x.org/a_(b) "t").')).toBe(
      'Bold, em, em, gone, code and a link.'
    )
    expect(strip('An image ![alt text](pic.png) vanishes; <https://x.org> stays as its address.')).toBe(
      'An image vanishes; https://x.org stays as its address.'
    )
    expect(strip('snake_case_name and 2 * 3 * 4 and \\*literal\\* stay.')).toBe(
      'snake_case_name and 2 * 3 * 4 and *literal* stay.'
    )
    expect(strip('A [reference link][r] keeps its words.\n\n[r]: https://x.org')).toBe(
      'A reference link keeps its words.'
    )
    expect(stripMarkdown('Line one  \nline two').text).toBe('Line one\nline two')
  })

  it('makes headings, list items, quotes and table rows their own paragraphs', () => {
    const source =
      '# Title #\nIntro line\nwrapped.\n\nSetext heading\n==============\n- one\n- two\n  continued\n3. three\n> quoted\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n'
    expect(strip(source).split('\n\n')).toEqual([
      'Title',
      'Intro line wrapped.',
      'Setext heading',
      'one',
      'two continued',
      'three',
      'quoted',
      'a | b',
      '1 | 2'
    ])
  })

  it('keeps code fences as text and drops scripts and comments', () => {
    const source =
      'Before.\n```python\nx = 1  # keep *this*\n```\n<script>\nalert("SCRIPT")\n</script>\n<!-- note to self -->\nAfter.'
    expect(strip(source)).toBe('Before.\n\nx = 1 # keep *this*\n\nAfter.')
  })

  it('reads flat front matter and leaves a document without it alone', () => {
    expect(stripMarkdown('---\ntitle: "A: B"\nauthor: Ann\nlang: de\n---\nText.')).toEqual({
      text: 'Text.',
      meta: { title: 'A: B', byline: 'Ann', language: 'de' }
    })
    expect(strip('Text.\n\n---\n\nMore.')).toBe('Text.\n\nMore.')
  })

  it('keeps the text of HTML blocks without their tags, and of nested lists and quotes', () => {
    expect(strip('<div class="note">\nSaid <b>twice</b>.\n</div>\n\n- a\n  - b\n    > c')).toBe(
      'Said twice.\n\na\n\nb\n\nc'
    )
  })
})
