import { describe, expect, it } from 'vitest'
import { sentenceAt, sentences } from './segment'

const split = (text: string) => sentences(text).map((s) => text.slice(s.start, s.end))

describe('sentences', () => {
  it('splits plain sentences and keeps paragraphs apart', () => {
    expect(split('One fact. Two facts! Three?\n\nA new paragraph.')).toEqual(['One fact.', 'Two facts!', 'Three?', 'A new paragraph.'])
  })

  it('does not split after titles, months or initials', () => {
    expect(split('Mr. Smith met Dr. Jones on Jan. 5 in Washington. J. K. Rowling was not there.')).toEqual([
      'Mr. Smith met Dr. Jones on Jan. 5 in Washington.',
      'J. K. Rowling was not there.'
    ])
  })

  it('keeps decimals and dotted acronyms inside a sentence', () => {
    expect(split('Inflation rose 3.5 percent. The U.S. Senate voted at 10 a.m. Tuesday.')).toEqual(['Inflation rose 3.5 percent.', 'The U.S. Senate voted at 10 a.m. Tuesday.'])
  })

  it('ends a sentence on an acronym when a typical opener follows', () => {
    expect(split('Aid was sent to the U.S. The shipment arrived later.')).toEqual(['Aid was sent to the U.S.', 'The shipment arrived later.'])
  })

  it('handles closing quotes and quoted questions', () => {
    expect(split('He said, “We will win.” Then he left. “Is it over?” she asked.')).toEqual(['He said, “We will win.”', 'Then he left.', '“Is it over?” she asked.'])
  })

  it('finds the sentence around an offset', () => {
    const text = 'First one. Second one here.\n\nThird.'
    const at = sentenceAt(text, text.indexOf('one here'))
    expect(at && text.slice(at.start, at.end)).toBe('Second one here.')
    expect(sentenceAt(text, text.indexOf('\n\n') + 1)).toBeNull()
  })
})
