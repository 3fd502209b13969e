import { describe, expect, it } from 'vitest'
import { sentenceAt, sentences } from './segment'
import { segmentCorpus } from './testing/segment-corpus'
import { scoreSegmenter } from './testing/score-segmenter'

const split = (text: string) => sentences(text).map((s) => text.slice(s.start, s.end))

describe('sentences', () => {
  it('keeps every word of the corpus fixture, so each case is a true split of its text', () => {
    expect(segmentCorpus.length).toBeGreaterThanOrEqual(150)
    for (const c of segmentCorpus)
      expect(c.expected.join('').replace(/\s+/g, ''), c.rule).toBe(c.text.replace(/\s+/g, ''))
  })

  it('splits every corpus case as expected', () => {
    const score = scoreSegmenter(split)
    expect(score.failures.map((f) => ({ rule: f.case.rule, got: f.got }))).toEqual([])
  })

  it('splits plain sentences and keeps paragraphs apart', () => {
    expect(split('One fact. Two facts! Three?\n\nA new paragraph.')).toEqual([
      'One fact.',
      'Two facts!',
      'Three?',
      'A new paragraph.'
    ])
  })

  it('ends a sentence at an abbreviation when a sentence plainly opens next', () => {
    expect(
      split('The deal went to Acme Co. The price was secret. Talks began in the U.K. Officials were pleased.')
    ).toEqual([
      'The deal went to Acme Co.',
      'The price was secret.',
      'Talks began in the U.K.',
      'Officials were pleased.'
    ])
  })

  it('keeps a quoted question with its attribution', () => {
    expect(split('“Are you going to the grocery?” Forte said. She was not.')).toEqual([
      '“Are you going to the grocery?” Forte said.',
      'She was not.'
    ])
  })

  it('treats line breaks as boundaries and list markers as item starts', () => {
    expect(split('Ranking:\n1. Finland\n2. Norway 3. Denmark')).toEqual([
      'Ranking:',
      '1. Finland',
      '2. Norway',
      '3. Denmark'
    ])
  })

  it('gives offsets into the original text', () => {
    const text = '  First one.   Second one.  '
    expect(sentences(text)).toEqual([
      { start: 2, end: 12 },
      { start: 15, end: 26 }
    ])
  })
})

describe('sentenceAt', () => {
  it('finds the sentence around an offset', () => {
    const text = 'First one. Second one here.\n\nThird.'
    const at = sentenceAt(text, text.indexOf('one here'))
    expect(at && text.slice(at.start, at.end)).toBe('Second one here.')
    expect(sentenceAt(text, text.indexOf('\n\n') + 1)).toBeNull()
    const third = sentenceAt(text, text.length - 1)
    expect(third && text.slice(third.start, third.end)).toBe('Third.')
  })

  it('marks a whole list item, not the item glued to the next number', () => {
    const text = 'Happiest countries 2025\n\n1. Finland 2. Denmark 3. Iceland'
    const at = sentenceAt(text, text.indexOf('Denmark'))
    expect(at && text.slice(at.start, at.end)).toBe('2. Denmark')
  })

  it('agrees with sentences() on every offset of a paragraph', () => {
    const text = 'Sen. Warren spoke at 9 a.m. Tuesday. “Why now?” Smith asked. The U.S. How? Nobody knows… Really.'
    const all = sentences(text)
    for (let offset = 0; offset < text.length; offset++) {
      const expected = all.find((s) => offset >= s.start && offset < s.end) ?? null
      expect(sentenceAt(text, offset), String(offset)).toEqual(expected)
    }
  })
})
