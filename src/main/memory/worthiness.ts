// Check-worthiness: how much a sentence looks like a claim worth checking. A class-balanced logistic
// regression over TF-IDF-weighted hashed word 1-2-grams and character 2-5-grams, a few claim cues
// (figures, comparisons, named sources, time-bound and absence phrases) and, in the encoder model, the
// sentence's 512-d Universal Sentence Encoder embedding (./embedder), trained offline by
// scripts/train-checkworthy.ts on CLEF CheckThat! 2024 data. Two models ship: the encoder model
// (resources/checkworthy-model.json), and the n-gram model (resources/checkworthy-ngram.json) that ranks
// at once while a story's sentences are still being embedded. Features are made here only
// (`rawFeatures` counts, `weigh` applies the shipped IDF), so the trainer and the app can never disagree.
import { z } from 'zod'
import { AppError } from '../../shared/result'
import { EMBEDDING_MODEL, EMBEDDING_SIZE } from './embedding'

/** The cues a reason is drawn from; each is also a feature the model weighs. */
export const cues = {
  figure:
    /(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|percent|per cent|half|third|quarter|dozen)\b|%|\$|£|€)/i,
  comparison:
    /\b(more|less|fewer|than|higher|lower|increase[ds]?|decrease[ds]?|rise|rose|risen|fell|fallen|doubled?|tripled?|cut|grew|grown|largest|biggest|smallest|highest|lowest|most|least|record|worst|best|first|only)\b/i,
  source:
    /\b(according to|report(ed|s)?|study|studies|survey|poll|data|statistics|census|bureau|department|agency|ministry|office|commission|institute|researchers?|analysis|figures show|records show)\b/i,
  time: /\b(since|ago|last (year|month|week|decade)|this year|in (19|20)\d\d|(19|20)\d\d|years?|months?|decades?|century|ever|until|by the end of)\b/i,
  absence: /\b(no|not a single|never|none|nobody|nothing|zero|without)\b/i
} as const
export type Cue = keyof typeof cues

const cueLabels: Record<Cue, string> = {
  figure: 'a figure',
  comparison: 'a comparison',
  source: 'a named source',
  time: 'time-bound',
  absence: 'an absence claim'
}

/** Dense features after the hashed n-grams, in this order; the sentence embedding, if any, follows them. */
const denseNames = [
  'bias',
  ...Object.keys(cues),
  'question',
  'first_person_opinion',
  'future',
  'proper_nouns',
  'short',
  'long',
  'year'
] as const

/** 2^20 buckets: the training data has about 300,000 distinct n-grams, so collisions stay rare. */
export const HASH_BITS = 20
export const BUCKETS = 1 << HASH_BITS
export const DENSE = denseNames.length
/** Where the embedding's values start. */
export const EMBEDDING_AT = BUCKETS + DENSE
/**
 * Feature indices: hashed buckets first, then the dense cues (index BUCKETS is the bias), then the
 * EMBEDDING_SIZE embedding values (all weights 0 in the n-gram model).
 */
export const DIMENSIONS = EMBEDDING_AT + EMBEDDING_SIZE

const FNV_OFFSET = 0x811c9dc5

/** FNV-1a, 32 bits, continued from `h`: fast, stable across platforms and versions. */
function hash(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The hash state after the character n-gram group's prefix, so n-grams hash without building strings. */
const CHAR_PREFIX = hash('c:')

export function words(sentence: string): string[] {
  return (sentence.toLowerCase().match(/[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu) ?? []).map((w) =>
    w.replace(/’/g, "'")
  )
}

/** Digits become a shape ("1,994" -> "0,000") so numbers of a kind share weights. */
const shape = (w: string): string => w.replace(/\d/g, '0')

/**
 * A sentence before weighting: n-gram buckets with their counts (word group first, then the character
 * group from `split` on; each bucket once per group) and the dense values (cues, then the embedding if given).
 */
export interface RawFeatures {
  bucket: number[]
  count: number[]
  split: number
  dense: number[]
}

/** A weighted sparse vector over DIMENSIONS: parallel index and value arrays. */
export interface Features {
  index: number[]
  value: number[]
}

/**
 * Counts of one feature group, kept in a scratch array over all buckets (with the buckets touched
 * listed) instead of a Map: scoring a long story hashes hundreds of thousands of n-grams.
 */
const scratch = new Uint32Array(BUCKETS)
const touched: number[] = []

function bump(h: number): void {
  const i = h & (BUCKETS - 1)
  if (scratch[i] === 0) touched.push(i)
  scratch[i] = (scratch[i] as number) + 1
}

/** Moves the scratch counts into `out` and clears the scratch. */
function flushGroup(out: RawFeatures): void {
  for (const i of touched) {
    out.bucket.push(i)
    out.count.push(scratch[i] as number)
    scratch[i] = 0
  }
  touched.length = 0
}

/** The hash of the word 1- or 2-gram starting at token `i`. */
const wordGram = (tokens: string[], i: number, n: 1 | 2): number =>
  n === 1 ? hash(`w:${tokens[i]}`) : hash(`b:${tokens[i]} ${tokens[i + 1]}`)

/** Character 2- to 5-grams of " token ", each hashed as if it were the string "c:<n-gram>". */
function charGrams(token: string, visit: (h: number) => void): void {
  const padded = ` ${token} `
  for (let i = 0; i < padded.length; i++) {
    let h = CHAR_PREFIX
    for (let n = 1; n <= 5 && i + n <= padded.length; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), 0x01000193)
      if (n >= 2) visit(h >>> 0)
    }
  }
}

/** `embedding`: the sentence's vector from the sentence encoder (EMBEDDING_SIZE values), for the encoder model. */
export function rawFeatures(sentence: string, embedding?: ArrayLike<number>): RawFeatures {
  if (embedding && embedding.length !== EMBEDDING_SIZE)
    throw new AppError('invalid_input', 'A sentence embedding has the wrong size.')
  const out: RawFeatures = { bucket: [], count: [], split: 0, dense: [] }
  const tokens = words(sentence).map(shape)
  for (let i = 0; i < tokens.length; i++) {
    bump(wordGram(tokens, i, 1))
    if (i + 1 < tokens.length) bump(wordGram(tokens, i, 2))
  }
  flushGroup(out)
  out.split = out.bucket.length
  for (const token of tokens) charGrams(token, bump)
  flushGroup(out)
  out.dense = denseFeatures(sentence, tokens.length)
  if (embedding) for (let i = 0; i < EMBEDDING_SIZE; i++) out.dense.push(embedding[i] as number)
  return out
}

/**
 * TF-IDF weighting: sublinear term frequency (1 + ln count) times the bucket's IDF, each n-gram group
 * L2-normalised on its own; buckets whose IDF is 0 (too rare in training) are left out. Dense cues follow.
 */
export function weigh(raw: RawFeatures, idf: Float32Array): Features {
  const out: Features = { index: [], value: [] }
  for (const [from, to] of [
    [0, raw.split],
    [raw.split, raw.bucket.length]
  ] as const) {
    const start = out.index.length
    let norm = 0
    for (let k = from; k < to; k++) {
      const b = raw.bucket[k] as number
      const weight = idf[b] as number
      if (weight === 0) continue
      const v = (1 + Math.log(raw.count[k] as number)) * weight
      out.index.push(b)
      out.value.push(v)
      norm += v * v
    }
    norm = Math.sqrt(norm) || 1
    for (let k = start; k < out.value.length; k++) out.value[k] = (out.value[k] as number) / norm
  }
  raw.dense.forEach((v, i) => {
    if (v !== 0) {
      out.index.push(BUCKETS + i)
      out.value.push(v)
    }
  })
  return out
}

export const featurize = (sentence: string, idf: Float32Array, embedding?: ArrayLike<number>): Features =>
  weigh(rawFeatures(sentence, embedding), idf)

function denseFeatures(sentence: string, length: number): number[] {
  const properNouns = (sentence.slice(1).match(/(?<=\s)\p{Lu}\p{Ll}+/gu) ?? []).length
  const values: Record<(typeof denseNames)[number], number> = {
    bias: 1,
    figure: cues.figure.test(sentence) ? 1 : 0,
    comparison: cues.comparison.test(sentence) ? 1 : 0,
    source: cues.source.test(sentence) ? 1 : 0,
    time: cues.time.test(sentence) ? 1 : 0,
    absence: cues.absence.test(sentence) ? 1 : 0,
    question: /\?\s*["”']?\s*$/.test(sentence) ? 1 : 0,
    first_person_opinion: /\b(i think|i believe|i feel|i hope|i want|we need|we must|we should|let me|let's)\b/i.test(
      sentence
    )
      ? 1
      : 0,
    future: /\b(will|going to|gonna|would)\b/i.test(sentence) ? 1 : 0,
    proper_nouns: Math.min(properNouns, 5) / 5,
    short: length < 6 ? 1 : 0,
    long: length > 30 ? 1 : 0,
    year: /\b(19|20)\d\d\b/.test(sentence) ? 1 : 0
  }
  return denseNames.map((n) => values[n] as number)
}

/** The words of `sentence` as written (case kept), or its lower-cased words when casing changes the split. */
function writtenWords(sentence: string): string[] {
  const lower = words(sentence)
  const written = sentence.match(/[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu) ?? []
  return written.length === lower.length ? written : lower
}

/** The word (with its figure signs) around where a cue matched, as it stands in the sentence. */
function cueText(sentence: string, cue: Cue): string {
  const m = cues[cue].exec(sentence)
  if (!m) return ''
  if (/\s/.test(m[0])) return m[0]
  let from = m.index
  let to = m.index + m[0].length
  const part = /[\p{L}\p{N}$£€%.,]/u
  while (from > 0 && part.test(sentence[from - 1] as string)) from--
  while (to < sentence.length && part.test(sentence[to] as string)) to++
  return sentence.slice(from, to).replace(/^[.,]+|[.,]+$/g, '')
}

export const ModelFile = z.object({
  kind: z.literal('factdesk-checkworthy'),
  version: z.literal(3),
  hashBits: z.literal(HASH_BITS),
  /** Probability at or above which a sentence is suggested (chosen on the newest training sentences). */
  threshold: z.number().min(0).max(1),
  /** The buckets that carry a weight, ascending, as base64 LEB128 varints of the gaps between them. */
  buckets: z.string(),
  /** Per kept bucket: IDF as uint8 times `idfScale`, and weight as int8 times `scale`, base64. */
  idfScale: z.number().positive(),
  idf: z.string(),
  scale: z.number().positive(),
  weights: z.string(),
  /** Weights of the dense cues, bias first, in the order of `denseNames`. */
  dense: z.array(z.number()).length(DENSE),
  /** The encoder model's embedding weights, and which encoder they expect; null in the n-gram model. */
  embedding: z
    .object({ model: z.literal(EMBEDDING_MODEL), weights: z.array(z.number()).length(EMBEDDING_SIZE) })
    .nullable(),
  data: z.string(),
  metrics: z.record(z.string(), z.number())
})
export type ModelFile = z.infer<typeof ModelFile>

export class WorthinessModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly idf: Float32Array,
    readonly threshold: number,
    /** Whether the model weighs the sentence embedding (and so needs one to score). */
    readonly usesEmbedding: boolean
  ) {}

  /** `weights` over DIMENSIONS, `idf` over BUCKETS (0 for a bucket the model does not use). */
  static fromWeights(
    weights: Float32Array,
    idf: Float32Array,
    threshold: number,
    usesEmbedding: boolean
  ): WorthinessModel {
    if (weights.length !== DIMENSIONS || idf.length !== BUCKETS)
      throw new AppError('invalid_input', 'The check-worthiness model has the wrong size.')
    return new WorthinessModel(weights, idf, threshold, usesEmbedding)
  }

  static fromFile(json: unknown): WorthinessModel {
    const parsed = ModelFile.safeParse(json)
    if (!parsed.success)
      throw new AppError(
        'invalid_input',
        `The check-worthiness model file is not valid: ${parsed.error.issues[0]?.message ?? ''}`
      )
    const file = parsed.data
    const buckets = decodeGaps(Buffer.from(file.buckets, 'base64'))
    const idfBytes = Buffer.from(file.idf, 'base64')
    const weightBytes = Buffer.from(file.weights, 'base64')
    if (!buckets || idfBytes.length !== buckets.length || weightBytes.length !== buckets.length)
      throw new AppError('invalid_input', 'The check-worthiness model file has the wrong number of weights.')
    const signed = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.length)
    const weights = new Float32Array(DIMENSIONS)
    const idf = new Float32Array(BUCKETS)
    buckets.forEach((b, k) => {
      weights[b] = (signed[k] as number) * file.scale
      idf[b] = (idfBytes[k] as number) * file.idfScale
    })
    file.dense.forEach((w, i) => (weights[BUCKETS + i] = w))
    file.embedding?.weights.forEach((w, i) => (weights[EMBEDDING_AT + i] = w))
    return new WorthinessModel(weights, idf, file.threshold, file.embedding !== null)
  }

  /** Probability that the sentence is worth checking; the encoder model needs the sentence's embedding. */
  score(sentence: string, embedding?: ArrayLike<number>): number {
    if (this.usesEmbedding && !embedding)
      throw new AppError('internal', 'This check-worthiness model needs the sentence embedding.')
    return sigmoid(dot(this.weights, featurize(sentence, this.idf, this.usesEmbedding ? embedding : undefined)))
  }

  /**
   * The short reason shown beside a suggestion, from what pushed this sentence's score: the claim cues
   * that fired, ranked by their contribution (weight times feature), the strongest one or two named with
   * the words that carry them; when no cue fired, the word 1- and 2-grams that contributed most (each
   * word's own n-grams: its word unigram and character n-grams, and each bigram on its own).
   */
  reason(sentence: string): string {
    const raw = rawFeatures(sentence)
    const fired = (Object.keys(cues) as Cue[])
      .map((cue) => {
        const i = denseNames.indexOf(cue)
        return { cue, contribution: (this.weights[BUCKETS + i] as number) * (raw.dense[i] as number) }
      })
      .filter((c) => c.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 2)
    if (fired.length) return fired.map(({ cue }) => `${cueLabels[cue]} (“${cueText(sentence, cue)}”)`).join(', ')
    // Each bucket's weighted value, per group, as the score saw it.
    const weighted = weigh(raw, this.idf)
    const wordCount = raw.bucket.slice(0, raw.split).filter((b) => (this.idf[b] as number) !== 0).length
    const value = [new Map<number, number>(), new Map<number, number>()]
    weighted.index.forEach((b, k) => {
      if (b < BUCKETS) value[k < wordCount ? 0 : 1]?.set(b, weighted.value[k] as number)
    })
    const contribution = (group: 0 | 1, h: number): number => {
      const b = h & (BUCKETS - 1)
      return (this.weights[b] as number) * (value[group]?.get(b) ?? 0)
    }
    const tokens = words(sentence).map(shape)
    const shown = writtenWords(sentence)
    const grams: { from: number; to: number; contribution: number }[] = []
    tokens.forEach((token, i) => {
      let c = contribution(0, wordGram(tokens, i, 1))
      charGrams(token, (h) => (c += contribution(1, h)))
      grams.push({ from: i, to: i + 1, contribution: c })
      if (i + 1 < tokens.length)
        grams.push({ from: i, to: i + 2, contribution: contribution(0, wordGram(tokens, i, 2)) })
    })
    const chosen: typeof grams = []
    for (const g of grams.filter((g) => g.contribution > 0).sort((a, b) => b.contribution - a.contribution)) {
      if (chosen.some((c) => c.from < g.to && g.from < c.to)) continue
      chosen.push(g)
      if (chosen.length === 2) break
    }
    if (!chosen.length) return 'its meaning as a whole (no cue or word pushed the score up)'
    return `the words ${chosen.map((g) => `“${shown.slice(g.from, g.to).join(' ')}”`).join(', ')}`
  }
}

export function dot(weights: ArrayLike<number>, f: Features): number {
  let z = 0
  for (let i = 0; i < f.index.length; i++) z += (weights[f.index[i] as number] ?? 0) * (f.value[i] as number)
  return z
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

/**
 * The shipped form of a model: only buckets with an IDF, their IDF as uint8 and weight as int8
 * (each with one scale), and the dense weights as they are.
 */
export function encodeModel(
  weights: Float32Array,
  idf: Float32Array,
  usesEmbedding: boolean
): Pick<ModelFile, 'buckets' | 'idfScale' | 'idf' | 'scale' | 'weights' | 'dense' | 'embedding'> {
  const kept: number[] = []
  for (let b = 0; b < BUCKETS; b++) if ((idf[b] as number) > 0) kept.push(b)
  let maxWeight = 0
  let maxIdf = 0
  for (const b of kept) {
    maxWeight = Math.max(maxWeight, Math.abs(weights[b] as number))
    maxIdf = Math.max(maxIdf, idf[b] as number)
  }
  const scale = maxWeight / 127 || 1
  const idfScale = maxIdf / 255 || 1
  const q = new Int8Array(kept.length)
  const qi = new Uint8Array(kept.length)
  kept.forEach((b, k) => {
    q[k] = Math.round((weights[b] as number) / scale)
    // An IDF never rounds to 0, which would drop the bucket.
    qi[k] = Math.max(1, Math.round((idf[b] as number) / idfScale))
  })
  return {
    buckets: encodeGaps(kept).toString('base64'),
    idfScale,
    idf: Buffer.from(qi.buffer).toString('base64'),
    scale,
    weights: Buffer.from(q.buffer).toString('base64'),
    dense: Array.from(weights.subarray(BUCKETS, EMBEDDING_AT), (w) => w),
    embedding: usesEmbedding
      ? { model: EMBEDDING_MODEL, weights: Array.from(weights.subarray(EMBEDDING_AT), (w) => w) }
      : null
  }
}

function encodeGaps(ascending: number[]): Buffer {
  const bytes: number[] = []
  let last = -1
  for (const b of ascending) {
    let gap = b - last
    last = b
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80)
      gap >>>= 7
    }
    bytes.push(gap)
  }
  return Buffer.from(bytes)
}

/** The buckets back from their gaps, or null when they run out of range. */
function decodeGaps(bytes: Buffer): number[] | null {
  const out: number[] = []
  let last = -1
  let gap = 0
  let shift = 0
  for (const byte of bytes) {
    gap |= (byte & 0x7f) << shift
    if (byte & 0x80) {
      shift += 7
      if (shift > 28) return null
      continue
    }
    last += gap
    if (gap === 0 || last >= BUCKETS) return null
    out.push(last)
    gap = 0
    shift = 0
  }
  return shift === 0 ? out : null
}

/** What the combination weighs, after its bias: each base model's probability as a logit, in this order. */
export const COMBINED = ['ngram', 'encoder', 'embedding'] as const

/** A probability as a logit, kept finite. */
export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p))
  return Math.log(q / (1 - q))
}

const Head = (inputs: number) =>
  z.object({
    /** Bias first, then one weight per input logit. */
    weights: z.array(z.number()).length(inputs + 1),
    /** Combined probability at or above which a sentence is suggested, chosen by cross-validation. */
    threshold: z.number().min(0).max(1)
  })

/**
 * The fitted combination (resources/checkworthy-combination.json, written by scripts/train-checkworthy.ts):
 * a logistic regression over the logits of the base models' probabilities, fitted on their out-of-fold
 * probabilities, with thresholds chosen by cross-validation on train + dev. `first` calibrates the n-gram
 * model alone (the answer before a sentence is embedded); `refined` combines the n-gram model, the encoder
 * model and `embedding` (a logistic regression over the sentence embedding alone). Both give probabilities
 * on one scale, so a ranking can hold sentences of both kinds while the encoder works through a story.
 */
export const CombinationFile = z.object({
  kind: z.literal('factdesk-checkworthy-combination'),
  version: z.literal(1),
  embedding: z.object({
    model: z.literal(EMBEDDING_MODEL),
    bias: z.number(),
    weights: z.array(z.number()).length(EMBEDDING_SIZE)
  }),
  first: Head(1),
  refined: Head(COMBINED.length),
  /** How the out-of-fold probabilities were made (folds, seed, each base model's C). */
  fitted: z.record(z.string(), z.union([z.number(), z.string()])),
  data: z.string(),
  metrics: z.record(z.string(), z.number())
})
export type CombinationFile = z.infer<typeof CombinationFile>

export class Combination {
  private constructor(private readonly file: CombinationFile) {}

  static fromFile(json: unknown): Combination {
    const parsed = CombinationFile.safeParse(json)
    if (!parsed.success)
      throw new AppError(
        'invalid_input',
        `The check-worthiness combination file is not valid: ${parsed.error.issues[0]?.message ?? ''}`
      )
    return new Combination(parsed.data)
  }

  get firstThreshold(): number {
    return this.file.first.threshold
  }

  get refinedThreshold(): number {
    return this.file.refined.threshold
  }

  /** The embedding-only model's probability. */
  embeddingScore(embedding: ArrayLike<number>): number {
    if (embedding.length !== EMBEDDING_SIZE)
      throw new AppError('invalid_input', 'A sentence embedding has the wrong size.')
    let z = this.file.embedding.bias
    this.file.embedding.weights.forEach((w, i) => (z += w * (embedding[i] as number)))
    return sigmoid(z)
  }

  /** The first answer's probability, from the n-gram model's. */
  first(ngram: number): number {
    return head(this.file.first.weights, [ngram])
  }

  /** The refined probability, from the base models' probabilities in the order of COMBINED. */
  refined(probabilities: Record<(typeof COMBINED)[number], number>): number {
    return head(
      this.file.refined.weights,
      COMBINED.map((name) => probabilities[name])
    )
  }
}

function head(weights: number[], probabilities: number[]): number {
  let z = weights[0] as number
  probabilities.forEach((p, i) => (z += (weights[i + 1] as number) * logit(p)))
  return sigmoid(z)
}
