// Trains the two check-worthiness models "Suggest claims" ships:
//   resources/checkworthy-model.json  n-gram TF-IDF features, cues and the sentence embedding (the model)
//   resources/checkworthy-ngram.json  the same without the embedding (ranks at once while a story's
//                                     sentences are still being embedded)
//   npx tsx scripts/train-checkworthy.ts
// Each is a class-balanced, L2-regularised logistic regression over the features of
// src/main/memory/worthiness.ts, fitted exactly (L-BFGS on the full objective, like scikit-learn's
// LogisticRegression) rather than by SGD.
//
// How C is chosen: on the newest tenth of train + dev; the thresholds (and the combination) by blocked
// cross-validation, each threshold on the newest fold (see `thresholdOnNewest` below). The sentence ids number the
// sentences as they were collected, and the sentences the model will meet come later than any it
// learnt from (dev-test's ids all follow train's). Cross-validation with random folds assumed the
// opposite and chose thresholds too high for newer text (see resources/checkworthy-model.md). So each
// candidate is fitted on the older nine tenths and scored on the newest tenth; the chosen C is then
// refitted on all of train + dev. dev-test is only ever scored, once per shipped model, never fitted or
// tuned on. Deterministic: the same data gives the same files. The sentence embeddings (about 24,000
// sentences; 5 minutes of CPU) are cached in the system's temp folder, keyed by the sentences and the
// encoder, so a second run starts fitting at once.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EMBEDDING_MODEL } from '../src/main/memory/embedding'
import {
  BUCKETS,
  COMBINED,
  Combination,
  CombinationFile,
  DENSE,
  DIMENSIONS,
  EMBEDDING_AT,
  ModelFile,
  WorthinessModel,
  encodeModel,
  logit,
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
 * cues, no embedding; a bias) and a class-balanced logistic regression, chosen exactly as the models are: C
 * on the newest tenth of train + dev, the threshold on the newest of the blocked folds; dev-test only scored.
 */
export function tfidfBaseline(all: Labelled[], devTest: Labelled[]): { c: number; threshold: number; scores: Scores } {
  const plain = (text: string): RawFeatures => {
    const r = rawFeatures(text)
    return { bucket: r.bucket.slice(0, r.split), count: r.count.slice(0, r.split), split: r.split, dense: [1] }
  }
  const rows = all.map((d) => plain(d.text))
  const fitted = train('TF-IDF + LR baseline', all, rows)
  const fold = blockedFolds(all)
  const trained = {
    ...fitted,
    threshold: thresholdOnNewest(outOfFold('tfidf', rows, all, fold, fitted.c), all, fold).threshold
  }
  const probs = devTest.map((d) => {
    const f = weigh(plain(d.text), trained.idf)
    let z = 0
    f.index.forEach((j, i) => (z += (trained.weights[j] as number) * (f.value[i] as number)))
    return sigmoid(z)
  })
  return { c: trained.c, threshold: trained.threshold, scores: scoresAt(probs, devTest, trained.threshold) }
}

function ship(file: string, trained: Trained, usesEmbedding: boolean): void {
  const shipped: ModelFile = {
    kind: 'factdesk-checkworthy' as const,
    version: 3 as const,
    hashBits: 20 as const,
    // Replaced by the cross-validated threshold when the combination is fitted (`combine`).
    threshold: trained.threshold,
    ...encodeModel(trained.weights, trained.idf, usesEmbedding),
    data: 'CLEF CheckThat! Lab 2024 Task 1, English check-worthiness (train + dev); see resources/checkworthy-model.md',
    metrics: { c: trained.c, newestTenthF1: round(trained.newestF1) }
  }
  writeResource(file, shipped)
}

function writeResource(file: string, content: unknown): void {
  const out = path.resolve(__dirname, '../resources', file)
  const text = JSON.stringify(content)
  writeFileSync(out, text)
  console.log(`wrote ${out} (${Math.round(text.length / 1024)} KB)`)
}

const readResource = (file: string): unknown =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../resources', file), 'utf8'))

// ---- the combination ---------------------------------------------------------------------------
//
// The encoder model, the n-gram model and a logistic regression over the sentence embedding alone are
// combined by a logistic regression over the logits of their probabilities (stacking). Everything is
// chosen by cross-validation on train + dev; dev-test is scored once, after everything is written.
//
// The folds are blocked by sentence id: train + dev in id order, cut into FOLDS runs of consecutive ids.
// Each sentence's out-of-fold probability then comes from models that never saw its stretch of the
// debates, as a new story's sentences come from models that never saw it; random folds put near
// neighbours (the same debate, the same speaker) on both sides and chose thresholds too high for new text
// (resources/checkworthy-model.md). The combination is fitted on the out-of-fold probabilities; its
// threshold (and each single model's) by F1 on probabilities that are out of fold twice over: the
// combination applied to each fold is fitted on the other folds' out-of-fold probabilities.

/** The base models the combination weighs. */
type BaseModel = (typeof COMBINED)[number]

/** Folds of the cross-validation. */
export const FOLDS = 5
/** C tried for the embedding-only model (the others keep the C their own training chose). */
const EMBEDDING_C_GRID = [0.25, 1]
/** L2 penalty of the combination's weights (not its bias): it has 2 to 4 parameters and 23,500 rows. */
const HEAD_L2 = 1

/** Each row's fold: rows in id order, cut into FOLDS runs of consecutive ids. Deterministic. */
export function blockedFolds(all: Labelled[]): number[] {
  const byAge = all.map((_, i) => i).sort((a, b) => (all[a] as Labelled).id - (all[b] as Labelled).id)
  const fold = new Array<number>(all.length)
  byAge.forEach((row, rank) => (fold[row] = Math.floor((rank * FOLDS) / all.length)))
  return fold
}

/**
 * A threshold by F1 on the newest fold's out-of-fold probabilities only. The sentences a model meets are
 * newer than any it learnt from, and on newer sentences its scores come out lower: chosen on all the folds,
 * the thresholds were too high for the newest one. Forward chaining on train + dev chose this rule over
 * all the folds (`forwardChaining`, printed by every run; resources/checkworthy-model.md).
 */
export function thresholdOnNewest(
  probs: number[],
  data: Labelled[],
  fold: number[]
): { threshold: number; f1: number } {
  const newest = probs.map((_, i) => i).filter((i) => fold[i] === FOLDS - 1)
  return bestThreshold(
    newest.map((i) => probs[i] as number),
    newest.map((i) => data[i] as Labelled)
  )
}

/**
 * How two threshold rules fare on sentences newer than any they were chosen on: each of folds 2 to FOLDS-1
 * scored at the threshold chosen on all older folds, and at the one chosen on the fold just before it (the
 * rule `thresholdOnNewest` follows). Mean F1 of each; train + dev only.
 */
export function forwardChaining(
  probs: number[],
  data: Labelled[],
  fold: number[]
): { olderFolds: number; newestFold: number } {
  const pick = (keep: (f: number) => boolean) => {
    const rows = probs.map((_, i) => i).filter((i) => keep(fold[i] as number))
    return { p: rows.map((i) => probs[i] as number), d: rows.map((i) => data[i] as Labelled) }
  }
  let olderFolds = 0
  let newestFold = 0
  for (let k = 2; k < FOLDS; k++) {
    const test = pick((f) => f === k)
    const older = pick((f) => f < k)
    const before = pick((f) => f === k - 1)
    olderFolds += scoresAt(test.p, test.d, bestThreshold(older.p, older.d).threshold).f1
    newestFold += scoresAt(test.p, test.d, bestThreshold(before.p, before.d).threshold).f1
  }
  return { olderFolds: olderFolds / (FOLDS - 2), newestFold: newestFold / (FOLDS - 2) }
}

/**
 * Out-of-fold probabilities: each fold scored by a model (IDF included) fitted on the other folds. Each
 * fold's probabilities are cached in the temp folder (keyed by the model, C, the rows and the folds), so
 * folds can be fitted in parallel processes first (`fold <k>`) and a second run starts from them.
 */
function outOfFold(
  name: BaseModel | 'tfidf',
  raws: RawFeatures[],
  data: Labelled[],
  fold: number[],
  c: number,
  only?: number
): number[] {
  const labels = data.map((d) => d.yes)
  const out = new Array<number>(raws.length).fill(0)
  const key = createHash('sha256')
    .update(`${name}\0${c}\0${FOLDS}\0${EMBEDDING_MODEL}\0`)
    .update(data.map((d, i) => `${d.id}:${fold[i]}:${d.yes ? 1 : 0}:${d.text}`).join('\n'))
    .digest('hex')
    .slice(0, 16)
  for (let k = 0; k < FOLDS; k++) {
    if (only !== undefined && k !== only) continue
    const cache = path.join(os.tmpdir(), `factdesk-checkworthy-oof-${name}-${key}-${k}.f64`)
    const outside = raws.map((_, i) => i).filter((i) => fold[i] === k)
    if (existsSync(cache)) {
      const cached = new Float64Array(readFileSync(cache).buffer.slice(0))
      if (cached.length === outside.length) {
        outside.forEach((i, j) => (out[i] = cached[j] as number))
        continue
      }
    }
    const inside = raws.map((_, i) => i).filter((i) => fold[i] !== k)
    const rows = inside.map((i) => raws[i] as RawFeatures)
    const idf = idfOf(rows)
    const m = matrixOf(rows, idf)
    const w = fit(
      m,
      inside.map((i) => labels[i] as boolean),
      c
    )
    const probs = probabilities(
      project(
        m,
        idf,
        outside.map((i) => raws[i] as RawFeatures)
      ),
      w
    )
    outside.forEach((i, j) => (out[i] = probs[j] as number))
    writeFileSync(cache, Buffer.from(Float64Array.from(probs).buffer))
    console.log(`${name}, C ${c}: fold ${k + 1} of ${FOLDS} scored`)
  }
  return out
}

/** A base model's rows. */
function baseRows(name: BaseModel, all: Labelled[], vectors: Float32Array[]): RawFeatures[] {
  if (name === 'ngram') return all.map((d) => rawFeatures(d.text))
  if (name === 'encoder') return all.map((d, i) => rawFeatures(d.text, vectors[i]))
  return vectors.map(embeddingOnly)
}

/** The sentence embedding alone (with the bias), as the trainer's rows. */
function embeddingOnly(vector: Float32Array): RawFeatures {
  const dense = new Array<number>(DENSE).fill(0)
  dense[0] = 1
  return { bucket: [], count: [], split: 0, dense: [...dense, ...vector] }
}

/** Logistic regression over a few inputs by Newton's method; L2 on the weights, not the bias. Bias first. */
export function fitHead(x: number[][], labels: boolean[], l2 = HEAD_L2): number[] {
  const d = (x[0]?.length ?? 0) + 1
  const w = new Array<number>(d).fill(0)
  for (let iteration = 0; iteration < 100; iteration++) {
    const grad = new Array<number>(d).fill(0)
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    x.forEach((row, r) => {
      const v = [1, ...row]
      const p = sigmoid(v.reduce((s, xi, i) => s + xi * (w[i] as number), 0))
      const err = p - (labels[r] ? 1 : 0)
      const curve = p * (1 - p)
      for (let i = 0; i < d; i++) {
        grad[i] = (grad[i] as number) + err * (v[i] as number)
        const hi = hess[i] as number[]
        for (let j = 0; j < d; j++) hi[j] = (hi[j] as number) + curve * (v[i] as number) * (v[j] as number)
      }
    })
    for (let i = 1; i < d; i++) {
      grad[i] = (grad[i] as number) + l2 * (w[i] as number)
      const hi = hess[i] as number[]
      hi[i] = (hi[i] as number) + l2
    }
    const step = solve(hess, grad)
    let size = 0
    step.forEach((s, i) => {
      w[i] = (w[i] as number) - s
      size = Math.max(size, Math.abs(s))
    })
    if (size < 1e-10) break
  }
  return w
}

/** Solves a·x = b by Gauss-Jordan elimination with partial pivoting (a small, positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i] as number])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = r
    const chosen = m[pivot] as number[]
    m[pivot] = m[col] as number[]
    m[col] = chosen
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const row = m[r] as number[]
      const f = (row[col] as number) / (chosen[col] as number)
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (chosen[c] as number)
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number))
}

const applyHead = (w: number[], row: number[]): number =>
  sigmoid(row.reduce((s, xi, i) => s + xi * (w[i + 1] as number), w[0] as number))

/**
 * The head fitted on all out-of-fold rows, and its threshold chosen on out-of-fold-twice probabilities of
 * the newest fold (`thresholdOnNewest`); `cvF1` is F1 over all folds at that threshold.
 */
function crossValidatedHead(
  x: number[][],
  data: Labelled[],
  fold: number[],
  label: string
): { weights: number[]; threshold: number; cvF1: number; newestF1: number } {
  const labels = data.map((d) => d.yes)
  const twice = new Array<number>(x.length).fill(0)
  for (let k = 0; k < FOLDS; k++) {
    const inside = x.map((_, i) => i).filter((i) => fold[i] !== k)
    const w = fitHead(
      inside.map((i) => x[i] as number[]),
      inside.map((i) => labels[i] as boolean)
    )
    x.forEach((row, i) => {
      if (fold[i] === k) twice[i] = applyHead(w, row)
    })
  }
  const best = thresholdOnNewest(twice, data, fold)
  report(label, twice, data, fold)
  return {
    weights: fitHead(x, labels),
    threshold: best.threshold,
    cvF1: scoresAt(twice, data, best.threshold).f1,
    newestF1: best.f1
  }
}

/** Prints a model's forward-chaining comparison of the two threshold rules. */
function report(label: string, probs: number[], data: Labelled[], fold: number[]): void {
  const f = forwardChaining(probs, data, fold)
  console.log(
    `${label}: forward-chaining F1, threshold from all older folds ${f.olderFolds.toFixed(3)}, from the newest older fold ${f.newestFold.toFixed(3)}`
  )
}

/**
 * Fits the combination on the shipped models (their C as their training chose it), sets every shipped
 * threshold by the blocked cross-validation, writes the files, and only then scores dev-test, once.
 */
function combine(all: Labelled[], vectors: Float32Array[], devTest: Labelled[], testVectors: Float32Array[]): void {
  const labels = all.map((d) => d.yes)
  const fold = blockedFolds(all)
  const files = {
    ngram: ModelFile.parse(readResource('checkworthy-ngram.json')),
    encoder: ModelFile.parse(readResource('checkworthy-model.json'))
  }
  const cOf = (file: ModelFile): number => {
    const c = file.metrics.c
    if (c === undefined) throw new Error('a shipped model does not say its C: train it first')
    return c
  }
  const oof = {
    ngram: outOfFold('ngram', baseRows('ngram', all, vectors), all, fold, cOf(files.ngram)),
    encoder: outOfFold('encoder', baseRows('encoder', all, vectors), all, fold, cOf(files.encoder)),
    embedding: [] as number[]
  }
  const embeddingRows = baseRows('embedding', all, vectors)
  let embeddingC = { c: 0, f1: -1 }
  for (const c of EMBEDDING_C_GRID) {
    const probs = outOfFold('embedding', embeddingRows, all, fold, c)
    const { f1 } = bestThreshold(probs, all)
    console.log(`embedding-only model, C ${c}: cross-validated F1 ${f1.toFixed(3)}`)
    if (f1 > embeddingC.f1) {
      embeddingC = { c, f1 }
      oof.embedding = probs
    }
  }
  const mEmbedding = matrixOf(embeddingRows, new Float32Array(BUCKETS))
  const embeddingWeights = expand(mEmbedding, fit(mEmbedding, labels, embeddingC.c))

  // Each single model's threshold, by the same cross-validation.
  for (const [name, file, resource] of [
    ['ngram', files.ngram, 'checkworthy-ngram.json'],
    ['encoder', files.encoder, 'checkworthy-model.json']
  ] as const) {
    const best = thresholdOnNewest(oof[name], all, fold)
    const cvF1 = scoresAt(oof[name], all, best.threshold).f1
    report(resource, oof[name], all, fold)
    file.threshold = best.threshold
    file.metrics = { c: cOf(file), cvFolds: FOLDS, cvF1: round(cvF1), newestFoldF1: round(best.f1) }
    console.log(
      `${resource}: threshold ${best.threshold} (F1 on the newest fold ${best.f1.toFixed(3)}, over all folds ${cvF1.toFixed(3)})`
    )
    writeResource(resource, file)
  }
  const first = crossValidatedHead(
    oof.ngram.map((p) => [logit(p)]),
    all,
    fold,
    'first answer (n-gram, calibrated)'
  )
  const refined = crossValidatedHead(
    all.map((_, i) => COMBINED.map((name) => logit(oof[name][i] as number))),
    all,
    fold,
    'combination'
  )
  console.log(
    `first answer (n-gram, calibrated): threshold ${first.threshold}, F1 on the newest fold ${round(first.newestF1)}, over all folds ${round(first.cvF1)}`
  )
  console.log(
    `combination: weights ${refined.weights.map((w) => w.toFixed(3)).join(' ')}, threshold ${refined.threshold}, F1 on the newest fold ${round(refined.newestF1)}, over all folds ${round(refined.cvF1)}`
  )
  const combination: CombinationFile = {
    kind: 'factdesk-checkworthy-combination',
    version: 1,
    embedding: {
      model: EMBEDDING_MODEL,
      bias: embeddingWeights[BUCKETS] as number,
      weights: Array.from(embeddingWeights.subarray(EMBEDDING_AT), (w) => w)
    },
    first: { weights: first.weights, threshold: first.threshold },
    refined: { weights: refined.weights, threshold: refined.threshold },
    fitted: {
      folds: `${FOLDS}, blocked by sentence id; thresholds on the newest fold`,
      ngramC: cOf(files.ngram),
      encoderC: cOf(files.encoder),
      embeddingC: embeddingC.c,
      headL2: HEAD_L2
    },
    data: 'CLEF CheckThat! Lab 2024 Task 1, English check-worthiness (train + dev); see resources/checkworthy-model.md',
    metrics: {
      cvF1First: round(first.cvF1),
      cvF1Refined: round(refined.cvF1),
      newestFoldF1First: round(first.newestF1),
      newestFoldF1Refined: round(refined.newestF1),
      cvF1Embedding: round(embeddingC.f1)
    }
  }
  writeResource('checkworthy-combination.json', combination)

  // dev-test, once, with the files as written (int8 weights included).
  console.log(`\ndev-test (${devTest.length} sentences), scored once:`)
  for (const r of devTestScores(devTest, testVectors))
    console.log(
      `${r.label.padEnd(50)} threshold ${r.threshold.toFixed(2)}  P ${r.scores.precision.toFixed(3)}  R ${r.scores.recall.toFixed(3)}  F1 ${r.scores.f1.toFixed(3)}`
    )
}

/** The shipped files' scores on dev-test: the combination, the calibrated first answer, each model alone, all positive. */
export function devTestScores(
  devTest: Labelled[],
  testVectors: ArrayLike<number>[],
  read: (file: string) => unknown = readResource
): { label: string; threshold: number; scores: Scores }[] {
  const ngram = WorthinessModel.fromFile(read('checkworthy-ngram.json'))
  const encoder = WorthinessModel.fromFile(read('checkworthy-model.json'))
  const combined = Combination.fromFile(read('checkworthy-combination.json'))
  const p = devTest.map((d, i) => {
    const v = testVectors[i] as ArrayLike<number>
    const base = {
      ngram: ngram.score(d.text),
      encoder: encoder.score(d.text, v),
      embedding: combined.embeddingScore(v)
    }
    return { ...base, first: combined.first(base.ngram), refined: combined.refined(base) }
  })
  const at = (label: string, threshold: number, probs: number[]) => ({
    label,
    threshold,
    scores: scoresAt(probs, devTest, threshold)
  })
  return [
    at(
      'combination (refined answer)',
      combined.refinedThreshold,
      p.map((x) => x.refined)
    ),
    at(
      'n-gram model calibrated (first answer)',
      combined.firstThreshold,
      p.map((x) => x.first)
    ),
    at(
      'encoder model alone',
      encoder.threshold,
      p.map((x) => x.encoder)
    ),
    at(
      'n-gram model alone',
      ngram.threshold,
      p.map((x) => x.ngram)
    ),
    at(
      'all positive',
      0,
      p.map(() => 1)
    )
  ]
}

async function main(): Promise<void> {
  const all = [...readSplit('train'), ...readSplit('dev')]
  const devTest = readSplit('dev-test')
  if (process.argv[2] === 'fold') {
    // `fold <k> <model>...`: only fold k's out-of-fold probabilities, cached for the full run.
    const k = Number(process.argv[3])
    const models = process.argv.slice(4) as BaseModel[]
    const vectors = models.some((m) => m !== 'ngram')
      ? await embeddingsOf(
          [...all, ...devTest].map((d) => d.text),
          'checkworthy'
        )
      : []
    const fold = blockedFolds(all)
    const c = (file: string) => ModelFile.parse(readResource(file)).metrics.c ?? 1
    for (const m of models) {
      const cs =
        m === 'embedding' ? EMBEDDING_C_GRID : [c(m === 'ngram' ? 'checkworthy-ngram.json' : 'checkworthy-model.json')]
      for (const ci of cs) outOfFold(m, baseRows(m, all, vectors.slice(0, all.length)), all, fold, ci, k)
    }
    return
  }
  const vectors = await embeddingsOf(
    [...all, ...devTest].map((d) => d.text),
    'checkworthy'
  )
  const trainVectors = vectors.slice(0, all.length)
  const testVectors = vectors.slice(all.length)
  // `combination`: only the combination and the thresholds, over the shipped models' weights (which a
  // full run writes first, deterministically); `ngram` / `encoder`: that model, then the combination.
  const only = process.argv[2]
  if (only === undefined || only === 'ngram')
    ship(
      'checkworthy-ngram.json',
      train(
        'n-gram model',
        all,
        all.map((d) => rawFeatures(d.text))
      ),
      false
    )
  if (only === undefined || only === 'encoder') {
    const raws = all.map((d, i) => rawFeatures(d.text, vectors[i]))
    ship('checkworthy-model.json', train('encoder model', all, raws), true)
  }
  combine(all, trainVectors, devTest, testVectors)
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

if (require.main === module) void main()
