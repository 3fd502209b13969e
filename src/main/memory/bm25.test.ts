import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { Bm25Index } from './bm25'

// MiniSearch as the candidate stage used it before bm25.ts: the oracle for what BM25 scores and which
// claims come first.
function miniSearch(k1: number, b: number): MiniSearch<{ id: string; terms: string }> {
  return new MiniSearch<{ id: string; terms: string }>({
    fields: ['terms'],
    storeFields: [],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
    searchOptions: { combineWith: 'OR', bm25: { k: k1, b, d: 0 } }
  })
}

// A small vocabulary so claims share terms (document frequencies above one), with an empty token now and
// then (two spaces, as a claim whose words normalise to nothing leaves).
const term = fc.constantFrom('council', 'budget', 'river', 'tax', 'rent', 'mayor', 'school', 'bus', '2020', '')
const terms = fc.array(term, { minLength: 0, maxLength: 12 }).map((t) => t.join(' '))
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 14 }), terms }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 14 }) })
)

describe('BM25 index of the candidate stage', () => {
  it('scores and orders as MiniSearch over claims added, replaced and removed in any order', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 60 }),
        fc.array(fc.array(term, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom([1.2, 0.75], [0.9, 0.4], [2, 1]),
        (ops, queries, depth, [k1, b]) => {
          const oracle = miniSearch(k1 as number, b as number)
          const held = new Map<string, string>()
          const index = new Bm25Index({ k1: k1 as number, b: b as number })
          for (const o of ops) {
            const id = `c${o.id}`
            const before = held.get(id)
            if (before !== undefined) oracle.remove({ id, terms: before })
            held.delete(id)
            index.remove(id)
            if (o.kind === 'add') {
              oracle.add({ id, terms: o.terms })
              held.set(id, o.terms)
              index.add(id, o.terms)
            }
          }
          expect(index.size).toBe(held.size)
          for (const q of queries) {
            const expected = oracle.search(q.join(' ')).slice(0, depth)
            const got = index.search(q, depth)
            expect(got.map((h) => h.id)).toEqual(expected.map((r) => r.id))
            got.forEach((h, i) => {
              const r = expected[i]!
              expect(h.matched).toBe(r.queryTerms.length)
              expect(h.score).toBeCloseTo(r.score / r.queryTerms.length, 9)
            })
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('forgets a removed claim entirely: its slot reused, its terms no longer counted', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 })
    index.add('a', 'council budget')
    index.add('b', 'council rent')
    index.remove('a')
    index.add('c', 'river')
    expect(index.size).toBe(2)
    expect(index.search(['budget'], 5)).toEqual([])
    const [hit] = index.search(['council'], 5)
    // One claim of two holds 'council': idf = ln(1 + 1.5 / 1.5).
    expect(hit?.id).toBe('b')
    expect(hit?.score).toBeCloseTo(Math.log(2) * ((1 * 2.2) / (1 + 1.2 * (1 - 0.75 + 0.75 * (2 / 1.5)))), 12)
  })
})
