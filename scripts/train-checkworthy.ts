// Trains the two check-worthiness models "Suggest claims" ships:
//   resources/checkworthy-model.json  n-gram TF-IDF features, cues and the sentence embedding (the model)
//   resources/checkworthy-ngram.json  the same without the embedding (ranks at once while a story's
//                                     sentences are still being embedded)
//   npx tsx scripts/train-checkworthy.ts
// Each is a class-balanced, L2-regularised logistic regression over the features of
// src/main/memory/worthiness.ts, fitted exactly (L-BFGS on the full objective, like scikit-learn's
// LogisticRegression) rather than by SGD.
//
// How C and the threshold are chosen: on the newest tenth of train + dev. The sentence ids number the
// sentences as they were collected, and the sentences the model will meet come later than any it
// learnt from (dev-test's ids all follow train's). Cross-validation with random folds assumed the
// opposite and chose thresholds too high for newer text (see resources/checkworthy-model.md). So each
// candidate is fitted on the older nine tenths and scored on the newest tenth; the chosen C is then
// refitted on all of train + dev. dev-test is only ever scored, once per shipped model, never fitted or
// tuned on. Deterministic: the same data gives the same files. The sentence embeddings (about 24,000
// sentences; 5 minutes of CPU) are cached in the system's temp folder, keyed by the sentences and the
// encoder, so a second run starts fitting at once.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  BUCKETS,
  DIMENSIONS,
  WorthinessModel,
  encodeModel,
  rawFeatures,
  sigmoid,
  weigh,
  type RawFeatures
} from '../src/main/memory/worthiness'
import { readSplit, scoresAt, type Labelled, type Scores } from './checkworthy-data'
import { embeddingsOf } from './embedding-cache'

/** Inverse regularisation strengths tried (scikit-learn's C: loss weight against ½‖w‖²). */
const C_GRID = [0.5, 1, 2]
/** The share of train + dev, newest by sentence id, that C and the threshold are chosen on. */
const NEWEST = 0.1
/** An n-gram must occur in at least this many training sentences to get a weight (min_df). */
const MIN_DF = 2

/** Smoothed IDF over the given rows, as scikit-learn computes it; 0 for buckets below MIN_DF. */
function idfOf(rows: RawFeatures[]): Float32Array {
  const df = new Uint32Array(BUCKETS)
  for (const r of rows) {
    // A bucket can occur in both groups of a sentence (a hash collision): count the sentence once.
    const seen = new Set(r.bucket)
    for (const b of seen) df[b] = (df[b] as number) + 1
  }
  const idf = new Float32Array(BUCKETS)
  const n = rows.length
  for (let b = 0; b < BUCKETS; b++)
    if ((df[b] as number) >= MIN_DF) idf[b] = Math.log((1 + n) / (1 + (df[b] as number))) + 1
  return idf
}

/** Weighted rows in compressed sparse form over compact columns (used buckets, then the dense cues). */
interface Matrix {
  rows: number
  cols: number
  offsets: Int32Array
  index: Int32Array
  value: Float64Array
  /** Compact column -> feature index in DIMENSIONS. */
  feature: Int32Array
}

function matrixOf(raws: RawFeatures[], idf: Float32Array): Matrix {
  const column = new Int32Array(DIMENSIONS).fill(-1)
  const feature: number[] = []
  const weighted = raws.map((r) => weigh(r, idf))
  // The bias and every dense cue get a column, in order, so the bias is always column 0.
  for (let i = 0; i < DIMENSIONS - BUCKETS; i++) {
    column[BUCKETS + i] = feature.length
    feature.push(BUCKETS + i)
  }
  let nnz = 0
  for (const f of weighted) {
    nnz += f.index.length
    for (const j of f.index) {
      if (column[j] === -1) {
        column[j] = feature.length
        feature.push(j)
      }
    }
  }
  const offsets = new Int32Array(weighted.length + 1)
  const index = new Int32Array(nnz)
  const value = new Float64Array(nnz)
  let k = 0
  weighted.forEach((f, r) => {
    for (let i = 0; i < f.index.length; i++) {
      index[k] = column[f.index[i] as number] as number
      value[k++] = f.value[i] as number
    }
    offsets[r + 1] = k
  })
  return { rows: weighted.length, cols: feature.length, offsets, index, value, feature: Int32Array.from(feature) }
}

function margins(m: Matrix, w: Float64Array, out: Float64Array): void {
  for (let r = 0; r < m.rows; r++) {
    let z = 0
    for (let k = m.offsets[r] as number; k < (m.offsets[r + 1] as number); k++)
      z += (w[m.index[k] as number] as number) * (m.value[k] as number)
    out[r] = z
  }
}

const log1pExp = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)))

/**
 * min over w: C · Σ c_i · logloss(y_i, w·x_i) + ½‖w‖² (bias, column 0, not penalised), with class
 * weights c balanced as n / (2 · n_class). L-BFGS (10 pairs) with a backtracking Armijo line search.
 */
function fit(m: Matrix, labels: boolean[], c: number, maxIterations = 300): Float64Array {
  const positives = labels.filter(Boolean).length
  const classWeight = [m.rows / (2 * (m.rows - positives)), m.rows / (2 * positives)]
  const z = new Float64Array(m.rows)
  const objective = (w: Float64Array, grad: Float64Array): number => {
    margins(m, w, z)
    let loss = 0
    grad.fill(0)
    for (let r = 0; r < m.rows; r++) {
      const y = labels[r] ? 1 : 0
      const cw = c * (classWeight[y] as number)
      const zr = z[r] as number
      loss += cw * (y ? log1pExp(-zr) : log1pExp(zr))
      const err = cw * (sigmoid(zr) - y)
      for (let k = m.offsets[r] as number; k < (m.offsets[r + 1] as number); k++) {
        const j = m.index[k] as number
        grad[j] = (grad[j] as number) + err * (m.value[k] as number)
      }
    }
    for (let j = 1; j < m.cols; j++) {
      loss += 0.5 * (w[j] as number) ** 2
      grad[j] = (grad[j] as number) + (w[j] as number)
    }
    return loss
  }
  return lbfgs(objective, m.cols, maxIterations)
}

function lbfgs(
  f: (w: Float64Array, grad: Float64Array) => number,
  n: number,
  maxIterations: number,
  pairs = 10
): Float64Array {
  const dotv = (a: Float64Array, b: Float64Array): number => {
    let s = 0
    for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number)
    return s
  }
  let w = new Float64Array(n)
  let g = new Float64Array(n)
  let value = f(w, g)
  const s: Float64Array[] = []
  const y: Float64Array[] = []
  const rho: number[] = []
  const d = new Float64Array(n)
  const alpha = new Array<number>(pairs).fill(0)
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number)
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = (rho[k] as number) * dotv(s[k] as Float64Array, d)
      const yk = y[k] as Float64Array
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - (alpha[k] as number) * (yk[i] as number)
    }
    if (s.length) {
      const last = s.length - 1
      const gamma =
        dotv(s[last] as Float64Array, y[last] as Float64Array) / dotv(y[last] as Float64Array, y[last] as Float64Array)
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma
    } else {
      const norm = Math.sqrt(dotv(d, d)) || 1
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) / norm
    }
    for (let k = 0; k < s.length; k++) {
      const beta = (rho[k] as number) * dotv(y[k] as Float64Array, d)
      const sk = s[k] as Float64Array
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + ((alpha[k] as number) - beta) * (sk[i] as number)
    }
    const slope = dotv(g, d)
    if (slope >= 0) break
    let step = 1
    const next = new Float64Array(n)
    const nextG = new Float64Array(n)
    let nextValue = Infinity
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) next[i] = (w[i] as number) + step * (d[i] as number)
      nextValue = f(next, nextG)
      if (nextValue <= value + 1e-4 * step * slope) break
      step /= 2
    }
    if (!(nextValue < value)) break
    const sk = new Float64Array(n)
    const yk = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      sk[i] = (next[i] as number) - (w[i] as number)
      yk[i] = (nextG[i] as number) - (g[i] as number)
    }
    const sy = dotv(sk, yk)
    if (sy > 1e-12) {
      if (s.length === pairs) {
        s.shift()
        y.shift()
        rho.shift()
      }
      s.push(sk)
      y.push(yk)
      rho.push(1 / sy)
    }
    const decrease = (value - nextValue) / Math.max(1, Math.abs(value))
    w = next
    g = nextG
    value = nextValue
    if (decrease < 1e-9) break
  }
  return w
}

/** Weights back over DIMENSIONS, for the app's model. */
function expand(m: Matrix, w: Float64Array): Float32Array {
  const out = new Float32Array(DIMENSIONS)
  for (let j = 0; j < m.cols; j++) out[m.feature[j] as number] = w[j] as number
  return out
}

function probabilities(m: Matrix, w: Float64Array): number[] {
  const z = new Float64Array(m.rows)
  margins(m, w, z)
  return Array.from(z, sigmoid)
}

/** Rows of `test` weighted with the training fold's IDF, over the training matrix's columns. */
function project(train: Matrix, idf: Float32Array, test: RawFeatures[]): Matrix {
  const column = new Int32Array(DIMENSIONS).fill(-1)
  train.feature.forEach((f, j) => (column[f] = j))
  const weighted = test.map((r) => weigh(r, idf))
  const offsets = new Int32Array(weighted.length + 1)
  const index: number[] = []
  const value: number[] = []
  weighted.forEach((f, r) => {
    f.index.forEach((j, i) => {
      const col = column[j] as number
      if (col >= 0) {
        index.push(col)
        value.push(f.value[i] as number)
      }
    })
    offsets[r + 1] = index.length
  })
  return {
    rows: weighted.length,
    cols: train.cols,
    offsets,
    index: Int32Array.from(index),
    value: Float64Array.from(value),
    feature: train.feature
  }
}

function bestThreshold(probs: number[], data: Labelled[]): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 }
  for (let t = 10; t <= 90; t++) {
    const { f1 } = scoresAt(probs, data, t / 100)
    if (f1 > best.f1) best = { threshold: t / 100, f1 }
  }
  return best
}

interface Trained {
  c: number
  threshold: number
  newestF1: number
  weights: Float32Array
  idf: Float32Array
}

/** Chooses C and the threshold on the newest tenth, then fits the chosen C on everything. */
function train(name: string, all: Labelled[], raws: RawFeatures[]): Trained {
  const labels = all.map((d) => d.yes)
  const byAge = all.map((_, i) => i).sort((a, b) => (all[a] as Labelled).id - (all[b] as Labelled).id)
  const cut = byAge.length - Math.round(byAge.length * NEWEST)
  const older = byAge.slice(0, cut)
  const newest = byAge.slice(cut)
  console.log(
    `${name}: choosing on the newest ${newest.length} sentences (id ${(all[newest[0] as number] as Labelled).id} on)`
  )
  const olderRows = older.map((i) => raws[i] as RawFeatures)
  const idfOlder = idfOf(olderRows)
  const mOlder = matrixOf(olderRows, idfOlder)
  const newestRows = project(
    mOlder,
    idfOlder,
    newest.map((i) => raws[i] as RawFeatures)
  )
  const newestData = newest.map((i) => all[i] as Labelled)
  let chosen: { c: number; threshold: number; f1: number } | null = null
  for (const c of C_GRID) {
    const w = fit(
      mOlder,
      older.map((i) => labels[i] as boolean),
      c
    )
    const best = bestThreshold(probabilities(newestRows, w), newestData)
    console.log(`${name}: C ${c}: F1 on the newest tenth ${best.f1.toFixed(3)} at threshold ${best.threshold}`)
    if (!chosen || best.f1 > chosen.f1) chosen = { c, ...best }
  }
  if (!chosen) throw new Error('no parameters tried')
  const idf = idfOf(raws)
  const m = matrixOf(raws, idf)
  return {
    c: chosen.c,
    threshold: chosen.threshold,
    newestF1: chosen.f1,
    weights: expand(m, fit(m, labels, chosen.c)),
    idf
  }
}

/**
 * The plain baseline printed beside the models: TF-IDF over word 1- and 2-grams (no character n-grams, no
 * cues, no embedding; a bias) and a class-balanced logistic regression, C and threshold chosen on the newest
 * tenth of train + dev exactly as for the models; dev-test only scored.
 */
export function tfidfBaseline(all: Labelled[], devTest: Labelled[]): { c: number; threshold: number; scores: Scores } {
  const plain = (text: string): RawFeatures => {
    const r = rawFeatures(text)
    return { bucket: r.bucket.slice(0, r.split), count: r.count.slice(0, r.split), split: r.split, dense: [1] }
  }
  const trained = train(
    'TF-IDF + LR baseline',
    all,
    all.map((d) => plain(d.text))
  )
  const probs = devTest.map((d) => {
    const f = weigh(plain(d.text), trained.idf)
    let z = 0
    f.index.forEach((j, i) => (z += (trained.weights[j] as number) * (f.value[i] as number)))
    return sigmoid(z)
  })
  return { c: trained.c, threshold: trained.threshold, scores: scoresAt(probs, devTest, trained.threshold) }
}

function ship(
  file: string,
  trained: Trained,
  usesEmbedding: boolean,
  devTest: Labelled[],
  vectors: Float32Array[]
): void {
  const shipped = {
    kind: 'factdesk-checkworthy' as const,
    version: 3 as const,
    hashBits: 20 as const,
    threshold: trained.threshold,
    ...encodeModel(trained.weights, trained.idf, usesEmbedding),
    data: 'CLEF CheckThat! Lab 2024 Task 1, English check-worthiness (train + dev); see resources/checkworthy-model.md',
    metrics: {} as Record<string, number>
  }
  const scoreAll = (model: WorthinessModel) =>
    scoresAt(
      devTest.map((d, i) => model.score(d.text, vectors[i])),
      devTest,
      trained.threshold
    )
  const test = scoreAll(WorthinessModel.fromFile(shipped))
  const floatTest = scoreAll(
    WorthinessModel.fromWeights(trained.weights, trained.idf, trained.threshold, usesEmbedding)
  )
  console.log(`${file}: dev-test (shipped, int8)`, JSON.stringify(test), 'float', JSON.stringify(floatTest))
  shipped.metrics = {
    c: trained.c,
    newestTenthF1: round(trained.newestF1),
    devTestPrecision: round(test.precision),
    devTestRecall: round(test.recall),
    devTestF1: round(test.f1)
  }
  const out = path.resolve(__dirname, '../resources', file)
  writeFileSync(out, JSON.stringify(shipped))
  console.log(`wrote ${out} (${Math.round(JSON.stringify(shipped).length / 1024)} KB)`)
}

async function main(): Promise<void> {
  const all = [...readSplit('train'), ...readSplit('dev')]
  const devTest = readSplit('dev-test')
  const vectors = await embeddingsOf(
    [...all, ...devTest].map((d) => d.text),
    'checkworthy'
  )
  const testVectors = vectors.slice(all.length)
  const only = process.argv[2]
  if (only !== 'encoder')
    ship(
      'checkworthy-ngram.json',
      train(
        'n-gram model',
        all,
        all.map((d) => rawFeatures(d.text))
      ),
      false,
      devTest,
      testVectors
    )
  if (only !== 'ngram') {
    const raws = all.map((d, i) => rawFeatures(d.text, vectors[i]))
    ship('checkworthy-model.json', train('encoder model', all, raws), true, devTest, testVectors)
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

if (require.main === module) void main()
