// Check-worthiness: how much a sentence looks like a claim worth checking. A logistic regression
// over hashed word and character n-grams plus a few claim cues (figures, comparisons, named sources,
// time-bound and absence phrases), trained offline by scripts/train-checkworthy.ts on CLEF CheckThat!
// 2024 data and shipped as resources/checkworthy-model.json. Features are made here only, so the
// trainer and the app can never disagree about them.
import { z } from 'zod'
import { AppError } from '../../shared/result'

/** The cues a reason is drawn from; each is also a feature the model weighs. */
export const cues = {
  figure: /(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|percent|per cent|half|third|quarter|dozen)\b|%|\$|£|€)/i,
  comparison:
    /\b(more|less|fewer|than|higher|lower|increase[ds]?|decrease[ds]?|rise|rose|risen|fell|fallen|doubled?|tripled?|cut|grew|grown|largest|biggest|smallest|highest|lowest|most|least|record|worst|best|first|only)\b/i,
  source: /\b(according to|report(ed|s)?|study|studies|survey|poll|data|statistics|census|bureau|department|agency|ministry|office|commission|institute|researchers?|analysis|figures show|records show)\b/i,
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

/** Dense features after the hashed n-grams, in this order. */
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

export const HASH_BITS = 18
const BUCKETS = 1 << HASH_BITS

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
  return (sentence.toLowerCase().match(/[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*%?/gu) ?? []).map((w) => w.replace(/’/g, "'"))
}

/** Digits become a shape ("1,994" -> "0,000") so numbers of a kind share weights. */
const shape = (w: string): string => w.replace(/\d/g, '0')

/** A sparse vector: parallel index and value arrays (indices may repeat; scoring just sums). */
export interface Features {
  index: number[]
  value: number[]
}

/**
 * Counts of one feature group, kept in a scratch array over all buckets (with the buckets touched
 * listed) instead of a Map: scoring a long story hashes hundreds of thousands of n-grams.
 */
const scratch = new Float64Array(BUCKETS)
const touched: number[] = []

function bump(h: number): void {
  const i = h % BUCKETS
  if (scratch[i] === 0) touched.push(i)
  scratch[i] = (scratch[i] as number) + 1
}

const count = (key: string): void => bump(hash(key))

/** Moves the scratch counts into `out`, L2-normalised, and clears the scratch. */
function flushGroup(out: Features): void {
  let norm = 0
  for (const i of touched) norm += (scratch[i] as number) ** 2
  norm = Math.sqrt(norm) || 1
  for (const i of touched) {
    out.index.push(i)
    out.value.push((scratch[i] as number) / norm)
    scratch[i] = 0
  }
  touched.length = 0
}

export function featurize(sentence: string): Features {
  const out: Features = { index: [], value: [] }
  const tokens = words(sentence).map(shape)
  for (let i = 0; i < tokens.length; i++) {
    count(`w:${tokens[i]}`)
    if (i + 1 < tokens.length) count(`b:${tokens[i]} ${tokens[i + 1]}`)
  }
  flushGroup(out)
  for (const token of tokens) {
    // Character 2- to 5-grams of " token ", each hashed as if it were the string "c:<n-gram>".
    const padded = ` ${token} `
    for (let i = 0; i < padded.length; i++) {
      let h = CHAR_PREFIX
      for (let n = 1; n <= 5 && i + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(i + n - 1), 0x01000193)
        if (n >= 2) bump(h >>> 0)
      }
    }
  }
  flushGroup(out)
  const dense = denseFeatures(sentence, tokens.length)
  dense.forEach((v, i) => {
    if (v !== 0) {
      out.index.push(BUCKETS + i)
      out.value.push(v)
    }
  })
  return out
}

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
    first_person_opinion: /\b(i think|i believe|i feel|i hope|i want|we need|we must|we should|let me|let's)\b/i.test(sentence) ? 1 : 0,
    future: /\b(will|going to|gonna|would)\b/i.test(sentence) ? 1 : 0,
    proper_nouns: Math.min(properNouns, 5) / 5,
    short: length < 6 ? 1 : 0,
    long: length > 30 ? 1 : 0,
    year: /\b(19|20)\d\d\b/.test(sentence) ? 1 : 0
  }
  return denseNames.map((n) => values[n] as number)
}

export const DIMENSIONS = BUCKETS + denseNames.length

/** The short reason shown beside a suggestion: the cues the sentence carries, strongest first. */
export function reasonFor(sentence: string): string {
  const found = (Object.keys(cues) as Cue[]).filter((c) => cues[c].test(sentence)).map((c) => cueLabels[c])
  return found.length ? found.slice(0, 3).join(', ') : 'reads like a factual claim'
}

export const ModelFile = z.object({
  kind: z.literal('factdesk-checkworthy'),
  version: z.literal(1),
  hashBits: z.literal(HASH_BITS),
  dimensions: z.literal(DIMENSIONS),
  /** Probability at or above which a sentence is suggested (tuned on the dev split). */
  threshold: z.number().min(0).max(1),
  /** Weights as int8 times `scale`, base64; most of the 2^18 buckets are zero. */
  scale: z.number().positive(),
  weights: z.string(),
  data: z.string(),
  metrics: z.record(z.string(), z.number())
})
export type ModelFile = z.infer<typeof ModelFile>

export class WorthinessModel {
  private constructor(
    private readonly weights: Float32Array,
    readonly threshold: number
  ) {}

  static fromWeights(weights: Float32Array, threshold: number): WorthinessModel {
    if (weights.length !== DIMENSIONS) throw new AppError('invalid_input', 'The check-worthiness model has the wrong size.')
    return new WorthinessModel(weights, threshold)
  }

  static fromFile(json: unknown): WorthinessModel {
    const parsed = ModelFile.safeParse(json)
    if (!parsed.success) throw new AppError('invalid_input', `The check-worthiness model file is not valid: ${parsed.error.issues[0]?.message ?? ''}`)
    const bytes = Buffer.from(parsed.data.weights, 'base64')
    if (bytes.length !== DIMENSIONS) throw new AppError('invalid_input', 'The check-worthiness model file has the wrong number of weights.')
    const weights = new Float32Array(DIMENSIONS)
    const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length)
    for (let i = 0; i < DIMENSIONS; i++) weights[i] = (signed[i] ?? 0) * parsed.data.scale
    return new WorthinessModel(weights, parsed.data.threshold)
  }

  /** Probability that the sentence is worth checking. */
  score(sentence: string): number {
    return sigmoid(dot(this.weights, featurize(sentence)))
  }
}

export function dot(weights: Float32Array, f: Features): number {
  let z = 0
  for (let i = 0; i < f.index.length; i++) z += (weights[f.index[i] as number] ?? 0) * (f.value[i] as number)
  return z
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

/** Quantises weights to int8 for the shipped file. */
export function encodeWeights(weights: Float32Array): { scale: number; weights: string } {
  let max = 0
  for (const w of weights) max = Math.max(max, Math.abs(w))
  const scale = max / 127 || 1
  const q = new Int8Array(weights.length)
  for (let i = 0; i < weights.length; i++) q[i] = Math.round((weights[i] as number) / scale)
  return { scale, weights: Buffer.from(q.buffer).toString('base64') }
}
