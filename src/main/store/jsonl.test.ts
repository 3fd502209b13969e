// The store's one JSONL reader: every whole line read once, in order, as its value or null (not JSON,
// or not of the schema), a torn tail never read as a line, and `most` respected.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { jsonLines } from './jsonl'

const Entry = z.strictObject({ n: z.number().int(), words: z.string() })
type Line =
  { kind: 'good'; value: z.infer<typeof Entry> } | { kind: 'garbage'; text: string } | { kind: 'other'; json: unknown }

const line: fc.Arbitrary<Line> = fc.oneof(
  fc.record({ kind: fc.constant('good' as const), value: fc.record({ n: fc.integer(), words: fc.string() }) }),
  // Not JSON: anything without a line break that JSON.parse refuses.
  fc.record({ kind: fc.constant('garbage' as const), text: fc.string().map((s) => `{${s.replaceAll('\n', ' ')}`) }),
  fc.record({ kind: fc.constant('other' as const), json: fc.jsonValue() })
)
const text = (l: Line): string =>
  l.kind === 'good' ? JSON.stringify(l.value) : l.kind === 'garbage' ? l.text : JSON.stringify(l.json)

describe('jsonLines', () => {
  it('reads each whole line once as its value or null, stops at a torn tail, and reads at most `most`', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.string(), fc.nat(35), (lines, tail, most) => {
        const torn = tail.replaceAll('\n', '')
        const bytes = Buffer.from(lines.map((l) => `${text(l)}\n`).join('') + torn, 'utf8')
        const read = [...jsonLines(bytes, Entry, most)]
        const expected = lines.slice(0, most)
        expect(read.map((r) => r.value)).toEqual(
          expected.map((l) => {
            if (l.kind === 'good') return l.value
            if (l.kind === 'other') return Entry.safeParse(l.json).success ? l.json : null
            return null
          })
        )
        let at = 0
        for (const [i, r] of read.entries()) {
          expect(r.start).toBe(at)
          at += Buffer.byteLength(`${text(expected[i]!)}\n`, 'utf8')
          expect(r.next).toBe(at)
        }
        if (most >= lines.length) expect(bytes.subarray(at).toString('utf8')).toBe(torn)
      })
    )
  })
})
