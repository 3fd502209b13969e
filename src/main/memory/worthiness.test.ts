import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUCKETS, DIMENSIONS, dot, encodeModel, featurize, rawFeatures, reasonFor, sigmoid, weigh, WorthinessModel } from './worthiness'

const root = path.resolve(__dirname, '../../..')
const shipped = JSON.parse(readFileSync(path.join(root, 'resources/checkworthy-model.json'), 'utf8')) as Record<string, unknown>

const worthy = [
  'Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years.',
  'We have lost 50,000 manufacturing jobs since January.',
  'Crime in our cities went up 20 percent last year.',
  'The state spends more on prisons than on its universities.',
  'Not a single new aid package has been approved since March.'
]
const notWorthy = ['Thank you all for coming tonight.', 'I want to thank the governor.', 'What do you think about that?', 'Let me finish.', 'God bless America.']

/** A model whose every n-gram bucket and dense cue has a weight and an IDF, for format tests. */
function syntheticModel(): { weights: Float32Array; idf: Float32Array } {
  const weights = new Float32Array(DIMENSIONS)
  const idf = new Float32Array(BUCKETS)
  for (const s of [...worthy, ...notWorthy]) {
    const raw = rawFeatures(s)
    raw.bucket.forEach((b, k) => {
      idf[b] = 1 + (b % 7)
      weights[b] = k % 2 ? 0.5 : -0.25
    })
  }
  weights.fill(0.1, BUCKETS)
  return { weights, idf }
}

describe('check-worthiness model', () => {
  it('loads the shipped weights and ranks known check-worthy sentences above small talk', () => {
    const model = WorthinessModel.fromFile(shipped)
    const high = worthy.map((s) => model.score(s))
    const low = notWorthy.map((s) => model.score(s))
    for (const h of high) expect(h).toBeGreaterThan(model.threshold)
    for (const l of low) expect(l).toBeLessThan(model.threshold)
    expect(Math.min(...high)).toBeGreaterThan(Math.max(...low))
  })

  it('refuses a damaged model file with a clear code', () => {
    expect(() => WorthinessModel.fromFile({ ...shipped, weights: 'AAAA' })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => WorthinessModel.fromFile({ ...shipped, buckets: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]).toString('base64') })).toThrow(
      expect.objectContaining({ code: 'invalid_input' })
    )
    expect(() => WorthinessModel.fromFile({ ...shipped, dense: [1] })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => WorthinessModel.fromFile({ kind: 'something else' })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
  })

  it('round-trips weights and IDF through the compact file format', () => {
    const { weights, idf } = syntheticModel()
    const model = WorthinessModel.fromFile({ ...shipped, ...encodeModel(weights, idf), threshold: 0.5 })
    const direct = WorthinessModel.fromWeights(weights, idf, 0.5)
    for (const s of [...worthy, ...notWorthy]) expect(model.score(s)).toBeCloseTo(direct.score(s), 2)
  })

  it('scores with the same features the trainer fits on: one definition, counted then weighted', () => {
    const { weights, idf } = syntheticModel()
    const model = WorthinessModel.fromWeights(weights, idf, 0.5)
    for (const s of worthy) {
      // The trainer weighs rawFeatures with its IDF; the app's featurize must be exactly that.
      const trainer = weigh(rawFeatures(s), idf)
      expect(featurize(s, idf)).toEqual(trainer)
      expect(model.score(s)).toBe(sigmoid(dot(weights, trainer)))
    }
    const source = readFileSync(path.join(root, 'scripts/train-checkworthy.ts'), 'utf8')
    expect(source).toMatch(/import \{[^}]*\brawFeatures\b[^}]*\bweigh\b[^}]*\} from '\.\.\/src\/main\/memory\/worthiness'/)
    expect(source).not.toMatch(/function (words|hash|rawFeatures|weigh|featurize)\b/)
  })

  it('weighs each n-gram group to unit length and drops n-grams the model has no IDF for', () => {
    const raw = rawFeatures('Exports rose 12 percent in March.')
    const idf = new Float32Array(BUCKETS).fill(2)
    idf[raw.bucket[0] as number] = 0
    const f = weigh(raw, idf)
    expect(f.index).not.toContain(raw.bucket[0])
    const words = f.value.slice(0, raw.split - 1)
    const chars = f.value.slice(raw.split - 1, raw.bucket.length - 1)
    expect(Math.hypot(...words)).toBeCloseTo(1, 6)
    expect(Math.hypot(...chars)).toBeCloseTo(1, 6)
  })

  it('gives a short reason from the cues a sentence carries', () => {
    expect(reasonFor('No new aid packages since January.')).toBe('time-bound, an absence claim')
    expect(reasonFor('Exports were higher than in 2019, according to the ministry.')).toBe('a figure, a comparison, a named source')
  })
})
