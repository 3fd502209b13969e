// A story's activity log is read at once (one JSON array, one schema check) when its lines are all
// whole and valid, and line by line otherwise. Whatever damage a log holds (a torn last line, a
// garbled or invalid line in the middle, an empty line, lines past the state's count), reading it
// at once gives exactly what the line-by-line reader gives, or leaves the log to it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Activity } from '../../shared/model'
import { activityByLine, wholeActivity } from './story-record'

const entry = (i: number, summary: string): Activity => ({
  id: `a${i}`,
  at: '2026-12-01T10:00:00.000Z',
  by: 'ed',
  action: 'claim.updated',
  storyId: 's',
  claimId: i % 2 ? `c${i}` : null,
  field: i % 3 ? 'status' : null,
  from: i % 3 ? 'open' : null,
  to: i % 3 ? 'done' : null,
  summary
})

type Line = { kind: 'good'; summary: string } | { kind: 'garbled' } | { kind: 'invalid' } | { kind: 'empty' }

const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('good' as const), summary: fc.string({ maxLength: 30 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'garbled' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) }
)

const text = (l: Line, i: number): string =>
  l.kind === 'good'
    ? JSON.stringify(entry(i, l.summary))
    : l.kind === 'garbled'
      ? '{"id":"a'
      : l.kind === 'invalid'
        ? JSON.stringify({ ...entry(i, 'x'), action: 42 })
        : ''

describe('reading the activity log', () => {
  it('at once gives what line by line gives, or leaves it to line by line, whatever the damage', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.nat(35),
        fc.option(fc.string({ maxLength: 12 })),
        (lines, expected, torn) => {
          const bytes = Buffer.from(lines.map((l, i) => `${text(l, i)}\n`).join('') + (torn ?? ''))
          const byLine = activityByLine(bytes, expected)
          const whole = wholeActivity(bytes, expected)
          if (whole) expect(whole).toEqual(byLine)
          // A log whose first `expected` lines are all good is read at once.
          const clean = lines.length >= expected && lines.slice(0, expected).every((l) => l.kind === 'good')
          if (clean) expect(whole).not.toBeNull()
        }
      )
    )
  })
})
