import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { terms } from '../../shared/text/words'
import { FieldIndex } from './field-index'

// MiniSearch as the library search used it before field-index.ts: the oracle for scores and matches.
const FIELDS = ['headline', 'claim', 'text'] as const
type Field = (typeof FIELDS)[number]
const BOOSTS: Record<Field, number> = { headline: 4, claim: 3, text: 1 }
type Doc = { id: string } & Record<Field, string>

const oracle = (): MiniSearch<Doc> =>
  new MiniSearch<Doc>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: { boost: { ...BOOSTS } }
  })

// Few words, some starting others (council / councillor / counsel), so prefixes and document
// frequencies above one come up often; an empty field now and then.
const word = fc.constantFrom(
  'council',
  'councillor',
  'counsel',
  'budget',
  'budgets',
  'b',
  'tax',
  'Tax',
  'río',
  'rio',
  '2020'
)
const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '))
const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    id: fc.integer({ min: 0, max: 9 }),
    headline: text,
    claim: text,
    text
  }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 9 }) })
)
const query = fc.record({
  word: fc.constantFrom('c', 'co', 'council', 'counc', 'b', 'budget', 'tax', 'rio', 'x', '2'),
  prefix: fc.boolean()
})

describe('FieldIndex', () => {
  it('scores and matches as MiniSearch over documents added, replaced and removed in any order', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        (ops, queries) => {
          const mini = oracle()
          const held = new Map<string, Doc>()
          const index = new FieldIndex(FIELDS, BOOSTS, terms)
          for (const o of ops) {
            const id = `s${o.id}`
            const before = held.get(id)
            if (before) mini.remove(before)
            held.delete(id)
            if (o.kind === 'add') {
              const doc: Doc = { id, headline: o.headline, claim: o.claim, text: o.text }
              mini.add(doc)
              held.set(id, doc)
              index.add(id, doc)
            } else index.remove(id)
          }
          expect(index.size).toBe(held.size)
          for (const q of queries) {
            const expected = new Map(
              mini
                .search(q.word, { prefix: q.prefix })
                .map((r) => [r.id as string, { score: r.score, terms: [...r.terms].sort() }])
            )
            const got = index.search(q.word, q)
            expect([...got.keys()].sort()).toEqual([...expected.keys()].sort())
            for (const [id, hit] of got) {
              const want = expected.get(id)!
              expect(hit.score).toBeCloseTo(want.score, 9)
              expect([...hit.terms].sort()).toEqual(want.terms)
            }
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('forgets a removed document entirely: its words no longer match, and its slot is reused cleanly', () => {
    const index = new FieldIndex(FIELDS, BOOSTS, terms)
    index.add('a', { headline: 'Council budget', claim: '', text: 'councillor' })
    index.add('b', { headline: 'Tax', claim: 'budget', text: '' })
    index.remove('a')
    expect([...index.search('council', { prefix: true }).keys()]).toEqual([])
    index.add('c', { headline: 'river', claim: '', text: '' })
    expect([...index.search('budget', { prefix: false }).keys()]).toEqual(['b'])
    expect([...index.search('riv', { prefix: true }).keys()]).toEqual(['c'])
    expect(index.search('riv', { prefix: false }).size).toBe(0)
  })
})
