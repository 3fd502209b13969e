// The candidate stage's index: BM25 over one field of space-separated, already normalised terms, kept in
// step one claim at a time, answering the best few of 10,000 claims in about a millisecond.
//
// It scores and orders exactly as MiniSearch (7.x) does for the options the memory used with it (one
// field, exact terms, OR, bm25 {k, b, d: 0}): each query term (repeats counted again) adds
// idf * tf(k+1) / (tf + k(1 - b + b len/avg)), with idf = ln(1 + (N - df + 0.5)/(df + 0.5)) and len the
// claim's count of distinct terms; results are ordered by that sum times the number of distinct query
// terms matched, ties in the order the claims were first reached. `bm25.test.ts` checks this against
// MiniSearch itself over generated indexes with claims added, replaced and removed. MiniSearch keeps a
// Map of matched terms and fields per result document and sorts every document matched (1,400 on
// average for a tweet against the CLEF claims): 6-20 ms a query on this machine, most of a lookup. Here the
// scores are summed in a flat array and only the best `depth` are sorted.

export interface Bm25Params {
  k1: number
  b: number
}

export interface Bm25Hit {
  id: string
  /** The BM25 sum over the query's terms. */
  score: number
  /** How many distinct query terms the claim holds. */
  matched: number
}

interface Postings {
  slots: number[]
  freqs: number[]
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>()
  private readonly slotOf = new Map<string, number>()
  private ids: (string | null)[] = []
  private lengths: number[] = []
  /** Each slot's distinct terms (to remove it exactly). */
  private termsOf: (string[] | null)[] = []
  private readonly free: number[] = []
  private totalLength = 0
  /** Per-slot scratch for a search, reused (a search never runs inside another). */
  private scores = new Float64Array(0)
  private matched = new Uint32Array(0)

  constructor(private readonly params: Bm25Params) {}

  get size(): number {
    return this.slotOf.size
  }

  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  /** Adds a claim by its terms joined by single spaces (an id already there is replaced). */
  add(id: string, terms: string): void {
    this.remove(id)
    const counts = new Map<string, number>()
    let empty = 0
    for (const t of terms.split(' ')) {
      if (t) counts.set(t, (counts.get(t) ?? 0) + 1)
      else empty = 1
    }
    const slot = this.free.pop() ?? this.ids.length
    this.slotOf.set(id, slot)
    this.ids[slot] = id
    // MiniSearch's field length: the distinct tokens as split (an empty one too).
    const length = counts.size + empty
    this.lengths[slot] = length
    this.totalLength += length
    this.termsOf[slot] = [...counts.keys()]
    for (const [term, freq] of counts) {
      let p = this.postings.get(term)
      if (!p) this.postings.set(term, (p = { slots: [], freqs: [] }))
      p.slots.push(slot)
      p.freqs.push(freq)
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    this.slotOf.delete(id)
    for (const term of this.termsOf[slot] ?? []) {
      const p = this.postings.get(term)
      if (!p) continue
      const at = p.slots.indexOf(slot)
      if (at < 0) continue
      // Spliced, not swapped with the last: the order claims were added in decides ties, as in MiniSearch.
      p.slots.splice(at, 1)
      p.freqs.splice(at, 1)
      if (p.slots.length === 0) this.postings.delete(term)
    }
    this.totalLength -= this.lengths[slot] ?? 0
    this.ids[slot] = null
    this.termsOf[slot] = null
    this.free.push(slot)
  }

  /** The best `depth` claims for the query's terms, best first (see the top of this file for the order). */
  search(queryTerms: readonly string[], depth: number): Bm25Hit[] {
    const n = this.slotOf.size
    if (n === 0 || depth <= 0) return []
    const capacity = this.ids.length
    if (this.scores.length < capacity) {
      const size = Math.max(capacity, this.scores.length * 2, 1024)
      this.scores = new Float64Array(size)
      this.matched = new Uint32Array(size)
    }
    const { scores, matched } = this
    const { k1, b } = this.params
    const avg = this.totalLength / n
    const touched: number[] = []
    const seen = new Set<string>()
    for (const term of queryTerms) {
      const p = term ? this.postings.get(term) : undefined
      if (!p) continue
      // A repeated query term adds its score again but is one distinct term matched (as in MiniSearch).
      const repeat = seen.has(term)
      seen.add(term)
      const df = p.slots.length
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      const { slots, freqs } = p
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as number
        const tf = freqs[i] as number
        const score = idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * (this.lengths[slot] as number)) / avg)))
        if (matched[slot] === 0) {
          touched.push(slot)
          scores[slot] = score
          matched[slot] = 1
        } else {
          scores[slot] = (scores[slot] as number) + score
          if (!repeat) matched[slot] = (matched[slot] as number) + 1
        }
      }
    }
    const rank = (slot: number): number => (scores[slot] as number) * (matched[slot] as number)
    let best = touched
    if (touched.length > depth) {
      // The `depth` best by a threshold: the depth-th largest rank (ties kept in the order reached).
      const ranks = Float64Array.from(touched, rank).sort()
      const cut = ranks[ranks.length - depth] as number
      best = touched.filter((slot) => rank(slot) >= cut)
    }
    const order = best.map((slot, i) => ({ slot, i, r: rank(slot) })).sort((x, y) => y.r - x.r || x.i - y.i)
    const out = order.slice(0, depth).map(({ slot }): Bm25Hit => ({
      id: this.ids[slot] as string,
      score: scores[slot] as number,
      matched: matched[slot] as number
    }))
    for (const slot of touched) {
      scores[slot] = 0
      matched[slot] = 0
    }
    return out
  }
}
