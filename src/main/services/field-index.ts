// The library search's inverted index: documents with a field per place, BM25 per field times the
// field's weight, a word typed plainly also matching the longer words it starts.
//
// It scores exactly as MiniSearch 7 did here (fields with boosts, one query word at a time, prefix
// matches weighted 0.375 x length / (length + 0.3 x extra letters), bm25 {k 1.2, b 0.7, d 0.5}, a field's
// length being its count of distinct words); `field-index.test.ts` checks it against MiniSearch over
// generated documents added and removed in any order. The difference is cost: every write changes the
// statistics BM25 scores by, so no word's matches can be kept across a write, and MiniSearch built a
// result object with a map of fields for each story a common word matched (25 ms of a 50 ms query at
// 5,000 stories). Here a word's scores are summed in a flat array by document slot.

export interface FieldHit {
  score: number
  /** The indexed words that matched (for a prefix, the whole words it starts). */
  terms: string[]
}

/** A word's postings: for each field, how often it occurs in each document slot holding it there. */
type Postings = Map<number, number>[]

const K = 1.2
const B = 0.7
const D = 0.5
const PREFIX_WEIGHT = 0.375

export class FieldIndex<Field extends string> {
  private readonly postings = new Map<string, Postings>()
  /** Words by their first letter, for prefix lookups. */
  private readonly byInitial = new Map<string, Set<string>>()
  private readonly slotOf = new Map<string, number>()
  private ids: (string | null)[] = []
  /** Each slot's distinct words (to remove it exactly). */
  private wordsOf: (string[] | null)[] = []
  /** Per field: each slot's length (its distinct words), and the sum over documents. */
  private readonly lengths: number[][]
  private readonly totals: number[]
  private readonly free: number[] = []
  private scores = new Float64Array(0)
  private matched: (string[] | undefined)[] = []

  constructor(
    private readonly fields: readonly Field[],
    private readonly boosts: Readonly<Record<Field, number>>,
    private readonly tokenize: (text: string) => string[]
  ) {
    this.lengths = fields.map(() => [])
    this.totals = fields.map(() => 0)
  }

  get size(): number {
    return this.slotOf.size
  }

  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  /** Adds a document (one already there is replaced). */
  add(id: string, doc: Readonly<Record<Field, string>>): void {
    this.remove(id)
    const slot = this.free.pop() ?? this.ids.length
    this.slotOf.set(id, slot)
    this.ids[slot] = id
    const all = new Set<string>()
    this.fields.forEach((field, f) => {
      // Each distinct word counted here first, then put in the index once (a story repeats most of its words).
      const counts = new Map<string, number>()
      for (const word of this.tokenize(doc[field] ?? '')) counts.set(word, (counts.get(word) ?? 0) + 1)
      this.lengths[f]![slot] = counts.size
      this.totals[f]! += counts.size
      for (const [word, count] of counts) {
        let postings = this.postings.get(word)
        if (!postings) {
          postings = this.fields.map(() => new Map<number, number>())
          this.postings.set(word, postings)
          const initial = word[0] as string
          let set = this.byInitial.get(initial)
          if (!set) this.byInitial.set(initial, (set = new Set()))
          set.add(word)
        }
        postings[f]!.set(slot, count)
        all.add(word)
      }
    })
    this.wordsOf[slot] = [...all]
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    for (const word of this.wordsOf[slot] ?? []) {
      const postings = this.postings.get(word)
      if (!postings) continue
      let left = 0
      for (const inField of postings) {
        inField.delete(slot)
        left += inField.size
      }
      if (left === 0) {
        this.postings.delete(word)
        const set = this.byInitial.get(word[0] as string)
        set?.delete(word)
        if (set?.size === 0) this.byInitial.delete(word[0] as string)
      }
    }
    this.fields.forEach((_, f) => {
      this.totals[f]! -= this.lengths[f]![slot] ?? 0
      this.lengths[f]![slot] = 0
    })
    this.slotOf.delete(id)
    this.ids[slot] = null
    this.wordsOf[slot] = null
    this.free.push(slot)
  }

  /** The documents holding `word` (or, with `prefix`, a word it starts), with their scores. */
  search(word: string, { prefix }: { prefix: boolean }): Map<string, FieldHit> {
    const found = new Map<string, FieldHit>()
    if (!word || this.slotOf.size === 0) return found
    if (this.scores.length < this.ids.length) this.scores = new Float64Array(this.ids.length * 2)
    const touched: number[] = []
    const exact = this.postings.get(word)
    if (exact) this.score(word, exact, 1, touched)
    if (prefix)
      for (const other of this.byInitial.get(word[0] as string) ?? []) {
        if (other.length <= word.length || !other.startsWith(word)) continue
        const extra = other.length - word.length
        this.score(
          other,
          this.postings.get(other) as Postings,
          (PREFIX_WEIGHT * other.length) / (other.length + 0.3 * extra),
          touched
        )
      }
    for (const slot of touched) {
      found.set(this.ids[slot] as string, { score: this.scores[slot] as number, terms: this.matched[slot] as string[] })
      this.scores[slot] = 0
      this.matched[slot] = undefined
    }
    return found
  }

  private score(word: string, postings: Postings, weight: number, touched: number[]): void {
    const count = this.slotOf.size
    postings.forEach((inField, f) => {
      const df = inField.size
      if (df === 0) return
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5))
      const avg = this.totals[f]! / count
      const lengths = this.lengths[f]!
      const boost = weight * this.boosts[this.fields[f] as Field]
      for (const [slot, tf] of inField) {
        const norm = avg > 0 ? 1 - B + (B * (lengths[slot] as number)) / avg : 1 - B
        const raw = idf * (D + (tf * (K + 1)) / (tf + K * norm))
        let words = this.matched[slot]
        if (!words) {
          touched.push(slot)
          this.matched[slot] = words = [word]
        } else if (words[words.length - 1] !== word) words.push(word)
        this.scores[slot]! += boost * raw
      }
    })
  }
}
