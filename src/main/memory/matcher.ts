// The index of checked claims and the lookup that finds earlier checks of a claim, in two stages:
//  1. Candidates: BM25 (bm25.ts) over normalised, lightly stemmed terms of everything the desk has for a
//     claim: the claim itself, and its context (story title or fact-check headline, rationale, tags).
//  2. Re-rank: a logistic regression over a few features of each candidate (its BM25 score against the
//     best candidate's, shared figures, shared names, a changed figure or a flipped negation), fused with
//     the sentence encoder's cosine between the query and each candidate when both are embedded (only
//     over the candidates: a lookup never scans every claim's vector). The weights, the
//     candidate stage's settings and the confidence bands are fitted and chosen on the CLEF 2020
//     CheckThat! claim-retrieval training split by scripts/train-matching.ts (matching-model.ts).
// Nothing is hidden behind a fixed threshold: the top candidates always come back, strongest first,
// each with a confidence band; a changed figure or a flipped negation is flagged on the result (and
// never 'strong'), since "did" and "did not" are different claims.
import { eng } from 'stopword'
import { Bm25Index } from './bm25'
import { MATCHING_MODEL, type MatchingWeights, type RerankWeights } from './matching-model'
import { normalise, type Normalised } from './normalise'

export interface IndexedClaim {
  /** `${storyId}/${claimId}` for a library's claim, `import/...` for an imported check. */
  key: string
  storyId: string
  claimId: string
  /** The claim as checked. */
  text: string
  /** Everything else the desk has for it: the story's title or the fact-check's headline, rationale, tags. */
  context?: string
}

interface Entry extends IndexedClaim {
  norm: Normalised
  names: Set<string>
  /** The candidate stage's terms, space-separated. */
  terms: string
  /** The encoder's vector of the claim scaled to unit length, once embedded (embedding takes the worker's time). */
  vector?: Float32Array
}

/** How sure the re-rank is that a candidate is the same claim (thresholds chosen on validation data). */
export type Band = 'strong' | 'possible' | 'weak'

export interface MatchScore {
  key: string
  /** The re-rank's probability that this is the same claim, in [0, 1]. */
  score: number
  band: Band
  /** The candidate stage's BM25 score. */
  bm25: number
  /** The encoder's cosine between query and claim, or null when either is not embedded yet. */
  cosine: number | null
  figuresDiffer: boolean
  negationDiffers: boolean
}

/** What a lookup can use besides the text: the query's embedding and the claims' (cached per claim). */
export interface LookupOptions {
  limit?: number
  exclude?: string
  /** The query's embedding: adds its cosine with each candidate to the features (once every claim is embedded). */
  queryVector?: Float32Array
}

/** The features of one candidate, in the order of the model's weights. */
export const FEATURES = [
  'bias',
  'bm25Relative',
  'bm25Rank',
  'claimCoverage',
  'sharedFigures',
  'figuresDiffer',
  'sharedNames',
  'namesMissing',
  'negationDiffers',
  'cosine',
  'cosineGap',
  'cosineRank'
] as const

/** Features only the encoder gives (the last ones of FEATURES). */
export const ENCODER_FEATURES = 3
/** Reciprocal-rank features are 1 for the first candidate, falling as RANK_K / (RANK_K + rank). */
const RANK_K = 20

export class ClaimIndex {
  private readonly entries = new Map<string, Entry>()
  /** Goes up with every claim added or removed. */
  version = 0
  /** How many entries have no vector yet (kept in step, so a lookup need not count them). */
  private missingVectors = 0
  /** The candidate stage (BM25, scored as MiniSearch does: see bm25.ts). */
  private readonly search: Bm25Index

  constructor(private readonly model: MatchingWeights = MATCHING_MODEL) {
    // One field: on the training split, claim and context apart (BM25 per field) found fewer right claims.
    this.search = new Bm25Index({ k1: model.candidates.k1, b: model.candidates.b })
  }

  get size(): number {
    return this.entries.size
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  keys(): IterableIterator<string> {
    return this.entries.keys()
  }

  /** Adds a claim, or replaces it; `prepared` (made by prepareClaim, e.g. in the archive worker) saves main the work. */
  upsert(claim: IndexedClaim, prepared: PreparedClaim = prepareClaim(claim.text, claim.context)): void {
    this.remove(claim.key)
    this.version++
    this.entries.set(claim.key, {
      ...claim,
      norm: prepared.norm,
      names: new Set(prepared.names),
      terms: prepared.terms
    })
    this.missingVectors++
    this.search.add(claim.key, prepared.terms)
  }

  /** The claim's embedding, kept on its entry at unit length (dropped with it). */
  setVector(key: string, vector: Float32Array): void {
    const entry = this.entries.get(key)
    if (!entry) return
    if (!entry.vector) this.missingVectors--
    entry.vector = unit(vector)
  }

  /** The words of every claim indexed. */
  texts(): string[] {
    return [...this.entries.values()].map((e) => e.text)
  }

  /** The claims not embedded yet. */
  unembedded(): IndexedClaim[] {
    return this.missingVectors === 0 ? [] : [...this.entries.values()].filter((e) => !e.vector)
  }

  /** Whether every claim is embedded (lookups then use the encoder). */
  get allEmbedded(): boolean {
    return this.missingVectors === 0
  }

  remove(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.version++
    this.entries.delete(key)
    if (!entry.vector) this.missingVectors--
    // Removed with its postings: a re-indexed claim (every edit of its story) must count once in its terms'
    // document frequency (with MiniSearch's discard it counted twice, and BM25's idf went negative).
    this.search.remove(key)
  }

  /** Removes every claim of a story (before re-adding the ones it still has). */
  removeStory(storyId: string): void {
    for (const key of this.keysOfStory(storyId)) this.remove(key)
  }

  keysOfStory(storyId: string): string[] {
    return [...this.entries.values()].filter((e) => e.storyId === storyId).map((e) => e.key)
  }

  /** The candidate stage alone: keys and BM25 scores, best first. */
  candidates(text: string, depth = this.model.candidates.depth): { key: string; bm25: number }[] {
    const terms = searchTerms(text)
    if (terms.length === 0) return []
    return this.search.search(terms, depth).map((r) => ({ key: r.id, bm25: r.score }))
  }

  /** Earlier checks of `text`, strongest first, at most `limit` (5): never cut by a threshold, each with its band. */
  lookup(text: string, options: LookupOptions = {}): MatchScore[] {
    const { scored, weights, withEncoder } = this.rerankInput(text, options)
    const scores = withEncoder ? fused(scored, this.model) : scored.map((c) => logistic(this.model.text, c.values))
    const out = scored.map((c, i): MatchScore => {
      const score = scores[i] as number
      const flagged = c.figuresDiffer || c.negationDiffers
      const band: Band =
        score >= weights.strong && !flagged ? 'strong' : score >= weights.possible ? 'possible' : 'weak'
      return {
        key: c.key,
        score,
        band,
        bm25: c.bm25,
        cosine: c.cosine,
        figuresDiffer: c.figuresDiffer,
        negationDiffers: c.negationDiffers
      }
    })
    return out.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 5)
  }

  /** The candidates of `text` with their features, and the weights that apply (for the lookup and the trainer). */
  rerankInput(
    text: string,
    options: LookupOptions = {}
  ): {
    scored: {
      key: string
      bm25: number
      cosine: number | null
      values: number[]
      figuresDiffer: boolean
      negationDiffers: boolean
    }[]
    weights: RerankWeights
    withEncoder: boolean
  } {
    // Figures, names and negations are read without links and signature lines; the candidate stage reads
    // everything (a signature's name finds checks about its author).
    const cleaned = queryText(text)
    const query = normalise(cleaned)
    const names = namesOf(cleaned, query)
    const { depth } = this.model.candidates
    const lexical = this.candidates(text, depth + 1)
    const found: { entry: Entry; bm25: number }[] = []
    for (const c of lexical) {
      const entry = this.entries.get(c.key)
      if (entry && entry.key !== options.exclude) found.push({ entry, bm25: c.bm25 })
    }
    found.splice(depth)
    const { queryVector } = options
    // The cosine is taken over the candidates only. On the training split, adding the encoder's nearest
    // claims from all of them (a scan of every vector) to a deeper BM25 list found no more right claims.
    const withEncoder = queryVector !== undefined && this.size > 0 && this.allEmbedded
    const q = withEncoder ? unit(queryVector) : null
    const cosines = found.map((c) => (q ? dot(q, c.entry.vector as Float32Array) : null))
    const top = Math.max(0, ...found.map((c) => c.bm25))
    const bestCosine = Math.max(0, ...cosines.map((c) => c ?? 0))
    const rankOf = (values: number[]): number[] => {
      const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v)
      const ranks = new Array<number>(values.length)
      order.forEach((o, r) => (ranks[o.i] = r))
      return ranks
    }
    const bm25Ranks = rankOf(found.map((c) => c.bm25))
    const cosineRanks = rankOf(cosines.map((c) => c ?? 0))
    const scored = found.map((c, i) => ({
      key: c.entry.key,
      bm25: c.bm25,
      cosine: cosines[i] ?? null,
      ...features(query, names, c.entry, {
        bm25: c.bm25,
        topBm25: top,
        bm25Rank: bm25Ranks[i] as number,
        cosine: cosines[i] ?? null,
        bestCosine,
        cosineRank: cosineRanks[i] as number
      })
    }))
    return { scored, weights: withEncoder ? this.model.fusion : this.model.text, withEncoder }
  }
}

/** The text model's probability of one candidate. */
export const logistic = (weights: RerankWeights, values: number[]): number =>
  sigmoid(values.reduce((sum, x, j) => sum + x * (weights.weights[j] ?? 0), 0))

/**
 * With the encoder: reciprocal-rank fusion of the text model's ranking and the encoder's cosine ranking,
 * 1/(k + text rank) + w/(k + cosine rank), scaled to [0, 1] (1 when first in both). On the training split
 * this ranked better than a logistic regression over the same features with the cosine added (see
 * scripts/train-matching.ts), which gave the cosine too much say over the first place.
 */
export function fused(scored: { values: number[] }[], model: MatchingWeights): number[] {
  const { k, w } = model.fusion
  const text = scored.map((c) => logistic(model.text, c.values))
  const cosine = scored.map((c) => c.values[FEATURES.indexOf('cosine')] as number)
  const rank = (values: number[]): number[] => {
    const ranks = new Array<number>(values.length)
    values
      .map((v, i) => ({ v, i }))
      .sort((a, b) => b.v - a.v)
      .forEach((o, r) => (ranks[o.i] = r))
    return ranks
  }
  const textRank = rank(text)
  const cosineRank = rank(cosine)
  return scored.map((_, i) => (k / (1 + w)) * (1 / (k + (textRank[i] as number)) + w / (k + (cosineRank[i] as number))))
}

/** One candidate's features (FEATURES order); the cosine pair is 0 when the encoder's vectors are not at hand. */
export function features(
  query: Normalised,
  queryNames: Set<string>,
  entry: { norm: Normalised; names: Set<string> },
  stage: {
    bm25: number
    topBm25: number
    bm25Rank: number
    cosine: number | null
    bestCosine: number
    cosineRank: number
  }
): { values: number[]; figuresDiffer: boolean; negationDiffers: boolean } {
  const { bm25, topBm25, cosine, bestCosine } = stage
  const q = new Set(query.terms)
  const claimTerms = new Set(entry.norm.terms)
  let covered = 0
  for (const t of claimTerms) if (q.has(t)) covered++
  const sharedFigures = entry.norm.numbers.filter((n) => query.numbers.some((m) => sameFigure(n, m))).length
  const figuresDiffer = differ(query.numbers, entry.norm.numbers)
  let sharedNames = 0
  for (const n of entry.names) if (queryNames.has(n)) sharedNames++
  const negationDiffers = query.negations > 0 !== entry.norm.negations > 0
  return {
    values: [
      1,
      topBm25 > 0 ? bm25 / topBm25 : 0,
      bm25 > 0 ? RANK_K / (RANK_K + stage.bm25Rank) : 0,
      claimTerms.size ? covered / claimTerms.size : 0,
      Math.min(sharedFigures, 2),
      figuresDiffer ? 1 : 0,
      Math.min(sharedNames, 3),
      entry.names.size ? (entry.names.size - sharedNames) / entry.names.size : 0,
      negationDiffers ? 1 : 0,
      cosine ?? 0,
      cosine === null ? 0 : cosine - bestCosine,
      cosine === null ? 0 : RANK_K / (RANK_K + stage.cosineRank)
    ],
    figuresDiffer,
    negationDiffers
  }
}

/** What the index keeps of a claim besides its words, as plain data (so a worker can make it). */
export interface PreparedClaim {
  norm: Normalised
  names: string[]
  /** The candidate stage's terms of the claim and its context, joined by spaces. */
  terms: string
}

/** The claim's words normalised once, for the re-rank's features and (with its context) the candidate stage. */
export function prepareClaim(text: string, context = ''): PreparedClaim {
  const norm = normalise(text)
  const terms = [...norm.terms, ...normalise(context).terms].filter((t) => !STOP_WORDS.has(t))
  return { norm, names: [...namesOf(text, norm)], terms: terms.join(' ') }
}

/** The candidate stage's terms: normalised terms without English stop words. */
export function searchTerms(text: string): string[] {
  return normalise(text).terms.filter((t) => !STOP_WORDS.has(t))
}

const STOP_WORDS = new Set<string>(eng)

/**
 * The text a query's features are read from: without links, and without an embedded post's signature line
 * ("— Name (@handle) January 6, 2020"), whose date is not a figure of the claim.
 */
export function queryText(text: string): string {
  return text
    .replace(/\s[—–-]\s[^—–]{0,80}\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$/u, ' ')
    .replace(/\b(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/gi, ' ')
}

/** Names in a text: capitalised words not opening a sentence, hashtags, handles and the entities normalise joins. */
export function namesOf(text: string, norm: Normalised): Set<string> {
  const out = new Set<string>(norm.terms.filter((t) => t.includes('_')))
  for (const m of text.matchAll(/(^|[.!?]\s+|\s|["“(])([#@]?[A-Z][\p{L}'’-]+|#[\p{L}\d]+)/gu)) {
    const opening = m[1] === '' || /[.!?]/.test(m[1] ?? '')
    const word = (m[2] ?? '')
      .toLowerCase()
      .replace(/^[#@]/, '')
      .replace(/['’]s$/, '')
    if (opening && !m[2]?.startsWith('#')) continue
    if (word.length >= 3 && !NOT_NAMES.has(word)) out.add(word)
  }
  return out
}

const NOT_NAMES = new Set(
  'the this that these those there they their then when what which who why how and but for not you your our his her its was were has have had will would can could did does fact check breaking photo video news'.split(
    ' '
  )
)

const sameFigure = (x: number, y: number): boolean =>
  x === y || (Math.abs(y) >= 1e4 && Math.abs(x - y) <= Math.abs(y) * 0.005)

/**
 * Figures differ when each claim has a figure the other lacks: one was swapped for another. A
 * figure only left out or only added ("in 2019") is a shorter or longer wording of the same claim.
 * Years and small counts must be equal; large figures may differ by rounding (7.6 million vs 7,612,000).
 */
export function differ(a: number[], b: number[]): boolean {
  return a.some((x) => !b.some((y) => sameFigure(x, y))) && b.some((y) => !a.some((x) => sameFigure(x, y)))
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

/** The vector at unit length: itself when it is (the encoder's nearly always are), else a scaled copy. */
function unit(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v))
  if (Math.abs(norm - 1) < 1e-5) return v
  const out = new Float32Array(v.length)
  if (norm > 0) for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) / norm
  return out
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number)
  return s
}
