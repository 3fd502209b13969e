import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMBEDDING_MODEL, EMBEDDING_SIZE, encode, loadEncoder } from './embedding'
import {
  BUCKETS,
  Combination,
  COMBINED,
  DIMENSIONS,
  dot,
  EMBEDDING_AT,
  encodeModel,
  featurize,
  rawFeatures,
  cues,
  sigmoid,
  weigh,
  WorthinessModel
} from './worthiness'

const root = path.resolve(__dirname, '../../..')
const read = (file: string) =>
  JSON.parse(readFileSync(path.join(root, 'resources', file), 'utf8')) as Record<string, unknown>
const shipped = read('checkworthy-model.json')
const ngram = read('checkworthy-ngram.json')

const worthy = [
  'Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years.',
  'We have lost 50,000 manufacturing jobs since January.',
  'Crime in our cities went up 20 percent last year.',
  'The state spends more on prisons than on its universities.',
  'Not a single new aid package has been approved since March.'
]
const notWorthy = [
  'Thank you all for coming tonight.',
  'I want to thank the governor.',
  'What do you think about that?',
  'Let me finish.',
  'God bless America.'
]

async function embeddings(texts: string[]): Promise<Float32Array[]> {
  const packed = await encode(await loadEncoder(), texts)
  return texts.map((_, i) => packed.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE))
}

/** A unit vector standing in for a sentence embedding, different per seed. */
const fakeEmbedding = (seed: number): Float32Array => {
  const v = Float32Array.from({ length: EMBEDDING_SIZE }, (_, i) => Math.sin(seed * 7.3 + i) + 1.5)
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

/** A model whose every n-gram bucket, dense cue and embedding value has a weight, for format tests. */
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
  it('loads both shipped models, and each ranks known check-worthy sentences above small talk', async () => {
    const encoder = WorthinessModel.fromFile(shipped)
    const quick = WorthinessModel.fromFile(ngram)
    expect([encoder.usesEmbedding, quick.usesEmbedding]).toEqual([true, false])
    const [worthyVectors, smallTalkVectors] = [await embeddings(worthy), await embeddings(notWorthy)]
    for (const [model, high, low] of [
      [
        encoder,
        worthy.map((s, i) => encoder.score(s, worthyVectors[i])),
        notWorthy.map((s, i) => encoder.score(s, smallTalkVectors[i]))
      ],
      [quick, worthy.map((s) => quick.score(s)), notWorthy.map((s) => quick.score(s))]
    ] as const) {
      for (const h of high) expect(h).toBeGreaterThan(model.threshold)
      for (const l of low) expect(l).toBeLessThan(model.threshold)
      expect(Math.min(...high)).toBeGreaterThan(Math.max(...low))
    }
  }, 60_000)

  it('the encoder model needs the embedding, of the encoder it was fitted on', () => {
    expect(() => WorthinessModel.fromFile(shipped).score(worthy[0] as string)).toThrow(
      expect.objectContaining({ code: 'internal' })
    )
    expect(() => WorthinessModel.fromFile(shipped).score(worthy[0] as string, new Float32Array(3))).toThrow(
      expect.objectContaining({ code: 'invalid_input' })
    )
    const embedding = shipped.embedding as { model: string; weights: number[] }
    expect(embedding.model).toBe(EMBEDDING_MODEL)
    expect(() =>
      WorthinessModel.fromFile({ ...shipped, embedding: { ...embedding, model: 'another encoder' } })
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }))
  })

  it('refuses a damaged model file with a clear code', () => {
    expect(() => WorthinessModel.fromFile({ ...shipped, weights: 'AAAA' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' })
    )
    expect(() =>
      WorthinessModel.fromFile({ ...shipped, buckets: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]).toString('base64') })
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => WorthinessModel.fromFile({ ...shipped, dense: [1] })).toThrow(
      expect.objectContaining({ code: 'invalid_input' })
    )
    expect(() => WorthinessModel.fromFile({ kind: 'something else' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' })
    )
  })

  it('round-trips weights and IDF through the compact file format', () => {
    const { weights, idf } = syntheticModel()
    const model = WorthinessModel.fromFile({ ...shipped, ...encodeModel(weights, idf, true), threshold: 0.5 })
    const direct = WorthinessModel.fromWeights(weights, idf, 0.5, true)
    ;[...worthy, ...notWorthy].forEach((s, i) =>
      expect(model.score(s, fakeEmbedding(i))).toBeCloseTo(direct.score(s, fakeEmbedding(i)), 2)
    )
    const quick = WorthinessModel.fromFile({ ...ngram, ...encodeModel(weights, idf, false), threshold: 0.5 })
    expect(quick.usesEmbedding).toBe(false)
    // The n-gram model ignores an embedding: it has no weights for one.
    expect(quick.score(worthy[0] as string, fakeEmbedding(1))).toBe(quick.score(worthy[0] as string))
  })

  it('scores with the same features the trainer fits on: one definition, counted then weighted', () => {
    const { weights, idf } = syntheticModel()
    const model = WorthinessModel.fromWeights(weights, idf, 0.5, true)
    worthy.forEach((s, i) => {
      // The trainer weighs rawFeatures with its IDF; the app's featurize must be exactly that.
      const trainer = weigh(rawFeatures(s, fakeEmbedding(i)), idf)
      expect(featurize(s, idf, fakeEmbedding(i))).toEqual(trainer)
      expect(trainer.index.filter((j) => j >= EMBEDDING_AT)).toHaveLength(EMBEDDING_SIZE)
      expect(model.score(s, fakeEmbedding(i))).toBe(sigmoid(dot(weights, trainer)))
    })
    const source = readFileSync(path.join(root, 'scripts/train-checkworthy.ts'), 'utf8')
    expect(source).toMatch(
      /import \{[^}]*\brawFeatures\b[^}]*\bweigh\b[^}]*\} from '\.\.\/src\/main\/memory\/worthiness'/
    )
    expect(source).not.toMatch(/function (words|hash|rawFeatures|weigh|featurize)\b/)
    // and embeds through the app's encoder code (by way of the scripts' embedding cache).
    expect(source).toMatch(/import \{ embeddingsOf \} from '\.\/embedding-cache'/)
    expect(readFileSync(path.join(root, 'scripts/embedding-cache.ts'), 'utf8')).toMatch(
      /import \{[^}]*\bencode\b[^}]*\bloadEncoder\b[^}]*\} from '\.\.\/src\/main\/memory\/embedding'/
    )
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

  describe('reasons', () => {
    const models = [WorthinessModel.fromFile(shipped), WorthinessModel.fromFile(ngram)]
    const labelled = readFileSync(path.join(root, 'test/fixtures/checkworthy/CT24_checkworthy_english_dev.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter((cols) => cols.length === 3)
      .map(([, text, label]) => ({
        text: (text as string).replace(/^"|"$/g, '').replace(/""/g, '"'),
        worthy: label === 'Yes'
      }))
    const quoted = (reason: string): string[] => [...reason.matchAll(/“([^”]+)”/g)].map((m) => m[1] as string)

    it('names, for every sentence it would suggest, only what is in the sentence: no generic label', () => {
      expect(labelled.length).toBeGreaterThan(1000)
      for (const model of models)
        for (const { text } of labelled.filter(({ text }) => models[1]!.score(text) >= models[1]!.threshold)) {
          const reason = model.reason(text)
          expect(reason).not.toBe('reads like a factual claim')
          const named = quoted(reason)
          expect(named.length, `${reason} for ${text}`).toBeGreaterThan(0)
          expect(named.length).toBeLessThanOrEqual(2)
          for (const words of named) expect(text.toLowerCase(), reason).toContain(words.toLowerCase())
        }
    })

    it('names the strongest one or two cues that fired, by weight times feature, and never one that did not', () => {
      const weights = (ngram.dense as number[]).slice(1, 1 + Object.keys(cues).length)
      const strength = Object.fromEntries(Object.keys(cues).map((c, i) => [c, weights[i] as number]))
      const labels: Record<string, string> = {
        figure: 'a figure',
        comparison: 'a comparison',
        source: 'a named source',
        time: 'time-bound',
        absence: 'an absence claim'
      }
      const model = WorthinessModel.fromFile(ngram)
      let checked = 0
      for (const { text } of labelled) {
        const fired = (Object.keys(cues) as (keyof typeof cues)[])
          .filter((c) => cues[c].test(text))
          .sort((a, b) => (strength[b] as number) - (strength[a] as number))
        if (!fired.length) continue
        checked++
        const expected = fired.slice(0, 2).map((c) => labels[c] as string)
        const reason = model.reason(text)
        expect(reason.split(/ \(“[^”]*”\),? ?/).filter(Boolean), text).toEqual(expected)
      }
      expect(checked).toBeGreaterThan(300)
      expect(model.reason("We're consuming 50 percent of the world's cocaine.")).toBe('a figure (“50”)')
      expect(model.reason('Exports were higher than in 2019, according to the ministry.')).toBe(
        'a figure (“2019”), a named source (“according to”)'
      )
    })

    it('with no cue, names the words that pushed the score most', () => {
      const model = WorthinessModel.fromFile(ngram)
      const noCue = labelled.filter(
        ({ text }) => !Object.values(cues).some((re) => re.test(text)) && model.score(text) >= model.threshold
      )
      expect(noCue.length).toBeGreaterThan(10)
      for (const { text } of noCue) expect(model.reason(text), text).toMatch(/^the words “[^”]+”(, “[^”]+”)?$/)
    })
  })
})

describe('the combination of the models', () => {
  const combinationFile = read('checkworthy-combination.json')

  it('ranks known check-worthy sentences above small talk, at once (n-gram) and refined (all three), on one scale', async () => {
    const combination = Combination.fromFile(combinationFile)
    const encoder = WorthinessModel.fromFile(shipped)
    const quick = WorthinessModel.fromFile(ngram)
    const refined = async (texts: string[]) => {
      const vectors = await embeddings(texts)
      return texts.map((s, i) =>
        combination.refined({
          ngram: quick.score(s),
          encoder: encoder.score(s, vectors[i]),
          embedding: combination.embeddingScore(vectors[i] as Float32Array)
        })
      )
    }
    const first = (texts: string[]) => texts.map((s) => combination.first(quick.score(s)))
    for (const [high, low, threshold] of [
      [first(worthy), first(notWorthy), combination.firstThreshold],
      [await refined(worthy), await refined(notWorthy), combination.refinedThreshold]
    ] as const) {
      for (const h of high) expect(h).toBeGreaterThanOrEqual(threshold)
      for (const l of low) expect(l).toBeLessThan(threshold)
    }
  }, 60_000)

  it('the first answer rises with the n-gram probability, and the combination with each model it weighs', () => {
    const combination = Combination.fromFile(combinationFile)
    const weights = (combinationFile.refined as { weights: number[] }).weights
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        fc.constantFrom(...COMBINED),
        (a, b, c, raised) => {
          expect(combination.first(a + 0.001)).toBeGreaterThan(combination.first(a))
          const base = { ngram: a, encoder: b, embedding: c }
          const more = { ...base, [raised]: base[raised] + 0.001 }
          const w = weights[COMBINED.indexOf(raised) + 1] as number
          if (w > 0) expect(combination.refined(more)).toBeGreaterThan(combination.refined(base))
        }
      )
    )
  })

  it('refuses a damaged combination file with a clear code', () => {
    for (const damaged of [
      { ...combinationFile, refined: { weights: [1, 2], threshold: 0.5 } },
      { ...combinationFile, first: { weights: [0, 1], threshold: 2 } },
      { ...combinationFile, embedding: { model: 'another encoder', bias: 0, weights: [] } },
      { kind: 'factdesk-checkworthy' }
    ])
      expect(() => Combination.fromFile(damaged)).toThrow(expect.objectContaining({ code: 'invalid_input' }))
  })
})
