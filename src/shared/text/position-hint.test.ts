import { expect, it } from 'vitest'
import { positionHint } from './position-hint'

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
