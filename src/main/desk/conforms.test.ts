// A pull checks each value and history entry with `conforms` (zod's compiled validator, no parsed copy)
// instead of `safeParse`: the answer must be safeParse's own, or a value this version cannot read would
// be written (or one it can read kept aside). Generated from good values of every kind, changed at a
// random place (a field removed, added, or given another value: wrong types, empty, too long, bad ids
// and dates, nested junk), checked both ways. Fixed seed; FACTDESK_PROPERTY_SEED explores others,
// FACTDESK_PROPERTY_RUNS runs more.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Activity } from '../../shared/model'
import { emptyLibrary } from '../store/file-kinds'
import { benchSource, syntheticStory } from '../testing/library-fixture'
import { conforms, libraryUnits, storyUnits, unitConforms, unitSchemas, type UnitKind } from './units'

const at = '2026-11-25T10:00:00.000Z'
const story = syntheticStory('conforms-story', 3, 60)
const library = emptyLibrary()
library.people.push({ id: 'ana', name: 'Ana', initials: 'A', createdAt: at, active: true, formerNames: [] })
library.sources.push(benchSource())
const samples: { kind: UnitKind | 'activity'; value: unknown }[] = [
  ...storyUnits(story).map((u) => ({ kind: u.kind, value: u.value })),
  ...libraryUnits(library).map((u) => ({ kind: u.kind, value: u.value })),
  ...story.activity.slice(0, 10).map((value) => ({ kind: 'activity' as const, value }))
]
const isActivity = conforms(Activity)
const check = (kind: UnitKind | 'activity', value: unknown): boolean =>
  kind === 'activity' ? isActivity(value) : unitConforms(kind, value)
const parses = (kind: UnitKind | 'activity', value: unknown): boolean =>
  (kind === 'activity' ? Activity : unitSchemas[kind]).safeParse(value).success

/** Every place in a value (objects' keys, arrays' items), as paths. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = [path]
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...path, i]))]
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))]
  return here
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('   '),
  fc.constant('x'.repeat(20_001)),
  fc.constant('not an id!'),
  fc.constant('2026-13-45T99:00:00Z'),
  fc.constant('2026-11-25T10:00:00Z'),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant({}),
  fc.constant([]),
  fc.jsonValue({ maxDepth: 2 })
)

describe('conforms', () => {
  it('accepts every good value, as safeParse does', () => {
    for (const { kind, value } of samples) {
      expect(parses(kind, value)).toBe(true)
      expect(check(kind, value)).toBe(true)
    }
  })

  it('answers as safeParse does for values changed at a random place', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(
          fc.record({ op: fc.constant('set' as const), to: junk }),
          fc.record({ op: fc.constant('remove' as const) }),
          fc.record({ op: fc.constant('add' as const), key: fc.string({ maxLength: 8 }), to: junk }),
          fc.record({ op: fc.constant('copy' as const), from: fc.nat() })
        ),
        (pick, at, change) => {
          const { kind, value: good } = samples[pick % samples.length]!
          const value = structuredClone(good) as unknown
          const where = places(value)
          const path = where[at % where.length]!
          const parentPath = path.slice(0, -1)
          const parent = parentPath.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) as
            Record<string | number, unknown> | undefined
          const target = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value)
          const last = path.at(-1)
          let changed: unknown = value
          if (change.op === 'set') {
            if (last === undefined) changed = change.to
            else parent![last] = change.to
          } else if (change.op === 'remove') {
            if (last === undefined) changed = undefined
            else if (Array.isArray(parent)) parent.splice(Number(last), 1)
            else delete parent![last]
          } else if (change.op === 'add') {
            if (target && typeof target === 'object' && !Array.isArray(target))
              (target as Record<string, unknown>)[change.key] = change.to
            else if (Array.isArray(target)) target.push(change.to)
          } else {
            // Another good value (of any kind) in this place.
            const other = structuredClone(samples[change.from % samples.length]!.value)
            if (last === undefined) changed = other
            else parent![last] = other
          }
          expect(check(kind, changed)).toBe(parses(kind, changed))
        }
      ),
      {
        seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207),
        numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 3000)
      }
    )
  })
})
