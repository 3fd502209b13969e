import { expect, it } from 'vitest'
import { mapParagraphs } from './position-hint'

const positionHint = (old: string, next: string) => mapParagraphs(old, next).hint

it('carries offsets with paragraphs that were moved, and past inserted ones', () => {
  const old = 'Alpha one.\n\nBravo two.\n\nCharlie three.'
  const next = 'New lead.\n\nCharlie three.\n\nAlpha one.\n\nBravo two.'
  const hint = positionHint(old, next)
  expect(hint(old.indexOf('three'))).toBe(next.indexOf('three'))
  expect(hint(old.indexOf('one'))).toBe(next.indexOf('one'))
  expect(hint(old.indexOf('two'))).toBe(next.indexOf('two'))
})

it('falls back to the unchanged head and tail inside an edited paragraph', () => {
  const old = 'Same start. Edited here. Same end.'
  const next = 'Same start. Edited right here. Same end.'
  const hint = positionHint(old, next)
  expect(hint(old.indexOf('Same start'))).toBe(0)
  expect(hint(old.indexOf('Same end'))).toBe(next.indexOf('Same end'))
})

it('places an edited paragraph after the surviving paragraph before it', () => {
  const old = 'Lead stays.\n\nThis one is edited.\n\nTail stays.'
  const next = 'An inserted paragraph that is long.\n\nLead stays.\n\nThis one was edited heavily.\n\nTail stays.'
  const hint = positionHint(old, next)
  expect(hint(old.indexOf('This one'))).toBe(next.indexOf('This one'))
})

it('matches repeated identical paragraphs one to one, in order', () => {
  const paragraph = 'Rent rose 3%.'
  const old = Array.from({ length: 5000 }, () => paragraph).join('\n\n')
  const next = `Inserted.\n\n${old}`
  const hint = positionHint(old, next)
  for (const i of [0, 1, 2500, 4999]) {
    const at = i * (paragraph.length + 2)
    expect(hint(at), String(i)).toBe(at + 'Inserted.\n\n'.length)
  }
})

it('carries words with their paragraph only when it is there word for word and worded so only once in each text', () => {
  const old = 'Lead.\n\nRent rose 3% in May.\n\nRent rose 3% in May, he said.\n\nSame.\n\nSame.'
  const next = 'Rent rose 3% in May, he said.\n\nNew lead.\n\nSame.\n\nRent rose 3% in June.\n\nSame.'
  const { carried } = mapParagraphs(old, next)
  const saidAt = old.indexOf('Rent rose 3% in May, he')
  // Moved word for word: carried.
  expect(carried(saidAt, saidAt + 'Rent rose'.length)).toBe(0)
  // Its paragraph was edited: not carried, though the same words stand elsewhere.
  expect(carried(old.indexOf('Rent rose 3% in May.'), old.indexOf('Rent rose 3% in May.') + 9)).toBeNull()
  // Paragraphs worded the same twice: which one is which cannot be told.
  expect(carried(old.indexOf('Same.'), old.indexOf('Same.') + 4)).toBeNull()
  // Words running past their paragraph are not carried by it.
  expect(carried(saidAt, old.indexOf('Same.'))).toBeNull()
})
