// Trains the check-worthiness model shipped in resources/checkworthy-model.json.
//   npx tsx scripts/train-checkworthy.ts
// Hyper-parameters and the decision threshold are chosen by fitting on train and scoring dev; the
// shipped model is then refitted on train + dev with them. dev-test is only ever scored, never fitted
// or tuned on. Deterministic: the same data gives the same file.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { DIMENSIONS, WorthinessModel, dot, encodeWeights, featurize, sigmoid, type Features } from '../src/main/memory/worthiness'
import { readSplit, scoresAt, type Labelled } from './checkworthy-data'

interface Params {
  epochs: number
  l2: number
  rate: number
  positiveWeight: number
}

/** Deterministic shuffle (mulberry32) so runs are reproducible. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  let s = seed
  const rand = (): number => {
    s |= 0
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  return order
}

/** Logistic regression by AdaGrad with lazy L2, class-weighted. */
function fit(features: Features[], labels: boolean[], p: Params): Float32Array {
  const w = new Float32Array(DIMENSIONS)
  const g2 = new Float32Array(DIMENSIONS).fill(1e-8)
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (const i of shuffled(features.length, 17 + epoch)) {
      const f = features[i] as Features
      const y = labels[i] ? 1 : 0
      const weight = y ? p.positiveWeight : 1
      const err = (sigmoid(dot(w, f)) - y) * weight
      for (let k = 0; k < f.index.length; k++) {
        const j = f.index[k] as number
        const g = err * (f.value[k] as number) + p.l2 * (w[j] as number)
        g2[j] = (g2[j] as number) + g * g
        w[j] = (w[j] as number) - (p.rate * g) / Math.sqrt(g2[j] as number)
      }
    }
  }
  return w
}

function bestThreshold(probabilities: number[], data: Labelled[]): number {
  let best = 0.5
  let bestF1 = -1
  for (let t = 0.2; t <= 0.9; t += 0.01) {
    const { f1 } = scoresAt(probabilities, data, t)
    if (f1 > bestF1) {
      bestF1 = f1
      best = Math.round(t * 100) / 100
    }
  }
  return best
}

const train = readSplit('train')
const dev = readSplit('dev')
const devTest = readSplit('dev-test')
const featuresOf = (data: Labelled[]): Features[] => data.map((d) => featurize(d.text))
const trainF = featuresOf(train)
const devF = featuresOf(dev)
const devTestF = featuresOf(devTest)
const probs = (w: Float32Array, f: Features[]): number[] => f.map((x) => sigmoid(dot(w, x)))

const grid: Params[] = []
for (const epochs of [6, 12])
  for (const l2 of [0, 1e-5, 1e-4])
    for (const rate of [0.05, 0.2]) for (const positiveWeight of [1, 2]) grid.push({ epochs, l2, rate, positiveWeight })

let chosen: { params: Params; threshold: number; f1: number } | null = null
for (const params of grid) {
  const w = fit(trainF, train.map((d) => d.yes), params)
  const p = probs(w, devF)
  const threshold = bestThreshold(p, dev)
  const { f1 } = scoresAt(p, dev, threshold)
  console.log(JSON.stringify(params), `dev F1 ${f1.toFixed(3)} at ${threshold}`)
  if (!chosen || f1 > chosen.f1) chosen = { params, threshold, f1 }
}
if (!chosen) throw new Error('no parameters tried')
console.log('chosen', JSON.stringify(chosen))

const all = [...train, ...dev]
const weights = fit([...trainF, ...devF], all.map((d) => d.yes), chosen.params)
const encoded = encodeWeights(weights)
const shipped = {
  kind: 'factdesk-checkworthy' as const,
  version: 1 as const,
  hashBits: 18 as const,
  dimensions: DIMENSIONS,
  threshold: chosen.threshold,
  ...encoded,
  data: 'CLEF CheckThat! Lab 2024 Task 1, English check-worthiness (train + dev); see resources/checkworthy-model.md',
  metrics: {} as Record<string, number>
}
const model = WorthinessModel.fromFile(shipped)
const testProbs = devTest.map((d) => model.score(d.text))
const test = scoresAt(testProbs, devTest, model.threshold)
const floatTest = scoresAt(probs(weights, devTestF), devTest, chosen.threshold)
console.log('dev-test (shipped, int8)', JSON.stringify(test), 'float', JSON.stringify(floatTest))
shipped.metrics = { devF1: round(chosen.f1), devTestPrecision: round(test.precision), devTestRecall: round(test.recall), devTestF1: round(test.f1) }
writeFileSync(path.resolve(__dirname, '../resources/checkworthy-model.json'), JSON.stringify(shipped))

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
