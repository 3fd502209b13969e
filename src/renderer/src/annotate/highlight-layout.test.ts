import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { layoutParagraph, spansByParagraph } from './highlight-layout'

const plain = (segments: ReturnType<typeof layoutParagraph>) => segments.map((s) => [s.start, s.end, s.ids.join('+')])

describe('layoutParagraph', () => {
  it('returns one plain run when nothing is marked', () => {
    expect(plain(layoutParagraph(0, 20, []))).toEqual([[0, 20, '']])
  })

  it('cuts around a single claim and marks where it starts', () => {
    const segments = layoutParagraph(0, 20, [{ id: 'a', start: 5, end: 10 }])
    expect(plain(segments)).toEqual([
      [0, 5, ''],
      [5, 10, 'a'],
      [10, 20, '']
    ])
    expect(segments[1]?.starts).toEqual(['a'])
  })

  it('splits overlapping claims into three runs with both claims in the middle', () => {
    const segments = layoutParagraph(0, 30, [
      { id: 'a', start: 2, end: 12 },
      { id: 'b', start: 8, end: 20 }
    ])
    expect(plain(segments)).toEqual([
      [0, 2, ''],
      [2, 8, 'a'],
      [8, 12, 'b+a'],
      [12, 20, 'b'],
      [20, 30, '']
    ])
  })

  it('orders nested claims outermost first so the innermost is last', () => {
    const segments = layoutParagraph(0, 30, [
      { id: 'inner', start: 10, end: 14 },
      { id: 'outer', start: 5, end: 25 }
    ])
    expect(plain(segments)).toEqual([
      [0, 5, ''],
      [5, 10, 'outer'],
      [10, 14, 'outer+inner'],
      [14, 25, 'outer'],
      [25, 30, '']
    ])
    expect(segments[2]?.starts).toEqual(['inner'])
  })

  it('keeps identical ranges together and handles claims sharing an edge', () => {
    const segments = layoutParagraph(0, 10, [
      { id: 'x', start: 0, end: 5 },
      { id: 'y', start: 0, end: 5 },
      { id: 'z', start: 5, end: 10 }
    ])
    expect(plain(segments)).toEqual([
      [0, 5, 'x+y'],
      [5, 10, 'z']
    ])
    expect(segments[0]?.starts).toEqual(['x', 'y'])
  })

  it('clips a claim that runs over the paragraph break and gives it no marker in the second paragraph', () => {
    const first = layoutParagraph(0, 10, [{ id: 'a', start: 6, end: 16 }])
    const second = layoutParagraph(12, 20, [{ id: 'a', start: 6, end: 16 }])
    expect(plain(first)).toEqual([
      [0, 6, ''],
      [6, 10, 'a']
    ])
    expect(plain(second)).toEqual([
      [12, 16, 'a'],
      [16, 20, '']
    ])
    expect(second[0]?.starts).toEqual([])
  })

  it('covers the paragraph with no gaps however many claims overlap', () => {
    const spans = Array.from({ length: 40 }, (_, i) => ({
      id: `c${i}`,
      start: (i * 7) % 90,
      end: ((i * 7) % 90) + 5 + (i % 13)
    }))
    const segments = layoutParagraph(0, 100, spans)
    expect(segments[0]?.start).toBe(0)
    expect(segments.at(-1)?.end).toBe(100)
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.start).toBe(segments[i - 1]?.end)
  })
})

describe('spansByParagraph', () => {
  it('gives a spanning claim to every paragraph it touches', () => {
    const paragraphs = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
      { start: 22, end: 30 }
    ]
    const result = spansByParagraph(paragraphs, [
      { id: 'late', start: 24, end: 28 },
      { id: 'across', start: 5, end: 15 }
    ])
    expect(result.map((list) => list.map((s) => s.id))).toEqual([['across'], ['across'], ['late']])
  })

  // The binary searches must hand out exactly what looking at every span would: long spans reaching over short
  // ones, spans across breaks, empty spans, equal starts, paragraphs in any order.
  it('hands each paragraph exactly the spans touching it, in order of their starts (any spans, any paragraphs)', () => {
    const range = fc.tuple(fc.nat(300), fc.nat(120)).map(([start, length]) => ({ start, end: start + length }))
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), fc.array(range, { maxLength: 60 }), (paragraphs, ranges) => {
        const spans = ranges.map((r, i) => ({ id: `s${i}`, ...r }))
        const byStart = [...spans].sort((a, b) => a.start - b.start)
        const expected = paragraphs.map((p) => byStart.filter((s) => s.start < p.end && s.end > p.start))
        expect(spansByParagraph(paragraphs, spans)).toEqual(expected)
      }),
      { numRuns: 500 }
    )
  })
})
