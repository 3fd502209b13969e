// The index of checked claims and the lookup that finds earlier checks of a claim. MiniSearch
// (BM25 over normalised, lightly stemmed terms) gathers candidates; a rerank
// then compares what BM25 cannot: the figures and the negations of the two claims. A claim whose
// figures differ or whose negation is flipped is a different claim, so it drops far below true matches.
import MiniSearch from 'minisearch'
import { normalise, type Normalised } from './normalise'

export interface IndexedClaim {
  /** `${storyId}/${claimId}`. */
  key: string
  storyId: string
  claimId: string
  text: string
}

interface Entry extends IndexedClaim {
  norm: Normalised
  termSet: Set<string>
}

export interface MatchScore {
  key: string
  score: number
  /** The term overlap before any mark-down. */
  similarity: number
  figuresDiffer: boolean
  negationDiffers: boolean
}

/** Below this a candidate is not shown as the same claim. */
export const MATCH_THRESHOLD = 0.35
/** What a changed figure or a flipped negation leaves of a candidate's score. */
const MISMATCH_FACTOR = 0.3

/** Query terms in more than this share of claims are left to the rerank (their postings are long and say little). */
const COMMON_SHARE = 0.04
/** ...but a query keeps at least this many of its rarest terms. */
const MIN_QUERY_TERMS = 4

export class ClaimIndex {
  private readonly entries = new Map<string, Entry>()
  /** In how many claims each term occurs. */
  private readonly frequency = new Map<string, number>()
  private readonly search = new MiniSearch<{ id: string; terms: string }>({
    fields: ['terms'],
    storeFields: [],
    // Terms are normalised before they get here; MiniSearch only splits on spaces.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
    searchOptions: { combineWith: 'OR' }
  })

  get size(): number {
    return this.entries.size
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  upsert(claim: IndexedClaim): void {
    this.remove(claim.key)
    const norm = normalise(claim.text)
    const termSet = new Set(norm.terms)
    this.entries.set(claim.key, { ...claim, norm, termSet })
    for (const t of termSet) this.frequency.set(t, (this.frequency.get(t) ?? 0) + 1)
    this.search.add({ id: claim.key, terms: norm.terms.join(' ') })
  }

  remove(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    for (const t of entry.termSet) {
      const n = (this.frequency.get(t) ?? 1) - 1
      if (n > 0) this.frequency.set(t, n)
      else this.frequency.delete(t)
    }
    this.entries.delete(key)
    this.search.discard(key)
  }

  /** Removes every claim of a story (before re-adding the ones it still has). */
  removeStory(storyId: string): void {
    for (const entry of [...this.entries.values()]) if (entry.storyId === storyId) this.remove(entry.key)
  }

  keysOfStory(storyId: string): string[] {
    return [...this.entries.values()].filter((e) => e.storyId === storyId).map((e) => e.key)
  }

  /**
   * Earlier checks of `text`, best first, at most `limit`, none below MATCH_THRESHOLD unless `all`.
   * `flagged` also keeps claims that would match but for a changed figure or negation (for a search).
   */
  lookup(
    text: string,
    options: { limit?: number; exclude?: string; all?: boolean; flagged?: boolean } = {}
  ): MatchScore[] {
    const query = normalise(text)
    if (query.terms.length === 0) return []
    const candidates = this.search.search(this.distinctive(query.terms).join(' ')).slice(0, 50)
    const out: MatchScore[] = []
    for (const candidate of candidates) {
      const entry = this.entries.get(candidate.id as string)
      if (!entry || entry.key === options.exclude) continue
      const scored = rerank(query, entry)
      if (options.all || scored.score >= MATCH_THRESHOLD || (options.flagged && scored.similarity >= MATCH_THRESHOLD))
        out.push(scored)
    }
    return out.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 5)
  }

  /** The query's terms without the very common ones, keeping at least the few rarest. */
  private distinctive(terms: string[]): string[] {
    const unique = [...new Set(terms)]
    const limit = Math.max(20, this.entries.size * COMMON_SHARE)
    const rare = unique.filter((t) => (this.frequency.get(t) ?? 0) <= limit)
    if (rare.length >= MIN_QUERY_TERMS || rare.length === unique.length) return rare
    return unique.sort((a, b) => (this.frequency.get(a) ?? 0) - (this.frequency.get(b) ?? 0)).slice(0, MIN_QUERY_TERMS)
  }
}

/** Similarity in [0, 1]: term overlap (Dice), with a swapped figure or a different count of negations marked down. */
export function rerank(query: Normalised, entry: Entry): MatchScore {
  const q = new Set(query.terms)
  let shared = 0
  for (const t of q) if (entry.termSet.has(t) || fuzzyHas(entry.termSet, t)) shared++
  const dice = (2 * shared) / (q.size + entry.termSet.size || 1)
  const figuresDiffer = differ(query.numbers, entry.norm.numbers)
  const negationDiffers = query.negations !== entry.norm.negations
  let score = dice
  if (figuresDiffer) score *= MISMATCH_FACTOR
  if (negationDiffers) score *= MISMATCH_FACTOR
  return { key: entry.key, score, similarity: dice, figuresDiffer, negationDiffers }
}

/** A long word that differs from a term by a small edit (a spelling, a plural the stemmer missed). */
function fuzzyHas(terms: Set<string>, term: string): boolean {
  if (term.length < 7 || term.startsWith('#')) return false
  for (const t of terms) if (t.length >= 7 && t.slice(0, 6) === term.slice(0, 6)) return true
  return false
}

/**
 * Figures differ when each claim has a figure the other lacks: one was swapped for another. A
 * figure only left out or only added ("in 2019") is a shorter or longer wording of the same claim.
 * Years and small counts must be equal; large figures may differ by rounding (7.6 million vs 7,612,000).
 */
export function differ(a: number[], b: number[]): boolean {
  const same = (x: number, y: number): boolean =>
    x === y || (Math.abs(y) >= 1e4 && Math.abs(x - y) <= Math.abs(y) * 0.005)
  return a.some((x) => !b.some((y) => same(x, y))) && b.some((y) => !a.some((x) => same(x, y)))
}
