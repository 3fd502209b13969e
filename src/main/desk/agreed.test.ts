// The agreed versions held as text between saves read exactly as the same versions held as objects.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AgreedVersions, type Base, type ScopeBases } from './agreed'

const scope = fc.constantFrom('library', 's1', 's2', 's3')
const key = (s: string) => fc.constantFrom(`story:${s}`, 'claim:c1', 'claim:c2', 'evidence:e1')
const base: fc.Arbitrary<Base> = fc.record({
  seq: fc.nat(1000),
  value: fc.option(fc.record({ id: fc.string(), n: fc.integer(), tags: fc.array(fc.string(), { maxLength: 3 }) }), {
    nil: null
  })
})

type Op =
  | { op: 'set' | 'setJson'; scope: string; key: string; base: Base }
  | { op: 'save' }
  | { op: 'read'; scope: string; keep: boolean }
  | { op: 'reload' }
const op: fc.Arbitrary<Op> = fc.oneof(
  scope.chain((s) =>
    fc.record({ op: fc.constantFrom('set' as const, 'setJson' as const), scope: fc.constant(s), key: key(s), base })
  ),
  fc.constant({ op: 'save' as const }),
  fc.record({ op: fc.constant('read' as const), scope, keep: fc.boolean() }),
  fc.constant({ op: 'reload' as const })
)

describe('AgreedVersions', () => {
  it('reads as a plain map of scopes would, across sets (as objects or as JSON text), saves, reads and reloads from what was saved', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        // The model: what sync held before (objects, never let go), and the files save wrote.
        const model = new Map<string, ScopeBases>()
        const files = new Map<string, string>()
        let agreed = new AgreedVersions()
        const changed = new Set<string>()
        for (const o of ops) {
          if (o.op === 'set' || o.op === 'setJson') {
            const bases = model.get(o.scope) ?? model.set(o.scope, {}).get(o.scope)!
            if (o.op === 'set') agreed.set(o.scope, o.key, structuredClone(o.base))
            else agreed.setJson(o.scope, o.key, o.base.seq, o.base.value === null ? null : JSON.stringify(o.base.value))
            if (o.base.value === null && (bases[o.key]?.value ?? null) === null && !bases[o.key]) continue
            bases[o.key] = structuredClone(o.base)
            changed.add(o.scope)
          } else if (o.op === 'save') {
            const saved = agreed.save()
            expect(new Set(saved.map((s) => s.scope))).toEqual(changed)
            for (const s of saved) {
              expect(JSON.parse(s.json)).toEqual(model.get(s.scope))
              files.set(s.scope, s.json)
            }
            changed.clear()
          } else if (o.op === 'read') expect(agreed.of(o.scope, o.keep) ?? null).toEqual(model.get(o.scope) ?? null)
          else {
            // A restart: unsaved changes are gone, the files are read again.
            agreed.save()
            agreed = new AgreedVersions()
            model.clear()
            changed.clear()
            for (const [s, json] of files) {
              agreed.load(s, json)
              model.set(s, JSON.parse(json) as ScopeBases)
            }
          }
          for (const s of ['library', 's1', 's2', 's3']) {
            expect(agreed.of(s, false) ?? null).toEqual(model.get(s) ?? null)
            expect(agreed.storyAgreed(s)).toBe((model.get(s)?.[`story:${s}`]?.value ?? null) !== null)
          }
          expect(agreed.scopes().sort()).toEqual([...model.keys()].sort())
        }
      }),
      {
        numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 200),
        seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)
      }
    )
  })

  it('lets go of every parsed scope once saved, and reads a scope that does not parse as absent', () => {
    const agreed = new AgreedVersions()
    agreed.set('s1', 'story:s1', { seq: 1, value: { id: 's1' } })
    const before = agreed.of('s1')
    expect(agreed.save()).toEqual([
      { scope: 's1', json: JSON.stringify({ 'story:s1': { seq: 1, value: { id: 's1' } } }) }
    ])
    // Held as text now: a read parses a new copy.
    expect(agreed.of('s1')).not.toBe(before)
    expect(agreed.of('s1')).toEqual(before)
    agreed.load('s2', '{"torn')
    expect(agreed.has('s2')).toBe(false)
  })
})
