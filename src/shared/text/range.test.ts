import { describe, expect, it } from 'vitest'
import { trimRange } from './range'

describe('trimRange', () => {
  const text = 'Alpha beta gamma.\n\nDelta epsilon.'
  it('trims spaces and paragraph breaks off both ends, and refuses a blank range', () => {
    expect(trimRange(text, { start: 19, end: 24 })).toEqual({ start: 19, end: 24 })
    expect(trimRange(text, { start: 17, end: 24 })).toEqual({ start: 19, end: 24 })
    expect(trimRange(' a b\t', { start: 0, end: 5 })).toEqual({ start: 1, end: 4 })
    expect(trimRange('a  b', { start: 1, end: 3 })).toBeNull()
  })
})
