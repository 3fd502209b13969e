import { describe, expect, it } from 'vitest'
import { normalise } from './normalise'

const terms = (text: string) => normalise(text).terms

describe('normalise', () => {
  it('writes a figure one way however it is written', () => {
    for (const text of ['1,000', '1000', 'one thousand', '1 000', '1k', 'a thousand'])
      expect(normalise(`${text} jobs`).numbers, text).toEqual([1000])
    expect(normalise('1.5 million').numbers).toEqual([1_500_000])
    expect(normalise('one hundred and twenty-five thousand').numbers).toEqual([125_000])
    expect(normalise('$60bn').numbers).toEqual([60e9])
    expect(normalise('twelve per cent').terms).toEqual(['#12', 'percent'])
    expect(terms('3.5%')).toEqual(terms('3.5 percent'))
  })

  it('reads words that name an object property as words, never as a figure', () => {
    // "constructor" and "__proto__" were found in the number tables' prototype and read as figures.
    for (const word of ['constructor', '__proto__', 'toString', 'valueOf'])
      expect(normalise(`The ${word} said one thing`).numbers, word).toEqual([1])
    expect(normalise('a constructor built it').numbers).toEqual([])
  })

  it('keeps separate figures apart', () => {
    expect(normalise('2,400 homes and 150,000 acres').numbers).toEqual([2400, 150_000])
    expect(normalise('in 2019, 3 people').numbers).toEqual([2019, 3])
  })

  it('knows a country by its names and short forms, but not the pronoun "us"', () => {
    const us = terms('The United States')
    for (const name of ['US', 'U.S.', 'the U.S.', 'USA', 'United States of America', 'America'])
      expect(terms(name), name).toEqual(us)
    expect(terms('give us a break')).not.toContain('united_states')
    expect(terms('UK')).toEqual(terms('Britain'))
    expect(terms('the EU')).toEqual(terms('European Union'))
  })

  it('counts negations, contractions included, and leaves them out of the terms', () => {
    expect(normalise("didn't raise taxes")).toMatchObject({ terms: ['raise', 'tax'], negations: 1 })
    expect(normalise('never, not once').negations).toBe(2)
    expect(normalise('raised taxes').negations).toBe(0)
  })

  it('drops titles and filler so a shortened name still meets the full one', () => {
    expect(terms('President Joe Biden said')).toEqual(['joe', 'biden'])
    expect(terms('increases')).toEqual(terms('increase'))
  })
})
