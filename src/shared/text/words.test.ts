// The search's one tokenizer: `terms` (what the index takes) are exactly the terms of `words` (what a
// snippet marks), and an ASCII word's quick fold is the full fold (NFD, marks dropped, lowercased).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold, terms, words } from './words'

const fullFold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
// ASCII with letters, digits and punctuation, and some of what folding changes: accents, combining
// marks, a dotted capital I, Greek capitals, German sharp s, ligatures.
const piece = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 12 }),
  fc.constantFrom('É', 'é', 'e\u0301', 'İ', 'ΟΔΟΣ', 'ß', 'ﬁ', 'Ångström', '\u0301a', 'ŉ', '١٢٣', ' ', '-')
)
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''))

describe('words', () => {
  it('terms are the terms of words, and every fold is the full fold', () => {
    fc.assert(
      fc.property(text, (t) => {
        const cut = words(t)
        expect(terms(t)).toEqual(cut.map((w) => w.term))
        for (const w of cut) expect(w.term).toBe(fullFold(t.slice(w.start, w.end)))
        expect(fold(t)).toBe(fullFold(t))
      }),
      {
        numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 300),
        seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)
      }
    )
  })
})
