import { describe, expect, it } from 'vitest'
import { guessType } from './claims'

describe('guessType', () => {
  it('reads what has not happened in a period as an absence or time-bound claim', () => {
    expect(guessType('the US has not announced new aid packages since January')).toBe('absence')
    expect(guessType('Moscow hasn’t responded to the proposal so far')).toBe('absence')
    expect(guessType('no new homes were built in the past year')).toBe('absence')
    expect(guessType('the council has never met in over 10 years')).toBe('absence')
  })
  it('keeps the other guesses', () => {
    expect(guessType('exports rose 12 percent in March')).toBe('statistic')
    expect(guessType('the minister announced a new plan')).toBe('attribution')
    expect(guessType('He did not attend the meeting')).toBe('other')
    expect(guessType('“We will win,” she said')).toBe('quote')
  })
})
