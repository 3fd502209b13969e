// Sentence embeddings for main: a client of the embedding workers (out/main/embed-worker.js) with a
// cache by sentence text. Sentences are sent in small jobs from one queue: each call's sentences go to its
// front, so the ranking asked last (the story on screen) is embedded first. One worker starts on first use;
// a second joins only while a waiting call has a long story's sentences queued (SECOND_WORKER_AFTER), so the
// two cores embed it in about half the time; background work (claims) has one job out at a time.
// Each worker stops after a minute without work (each holds about 165 MB once the encoder is loaded); the
// cache stays in main.
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/result'
import type { EmbedJob, EmbedReply } from './embed-protocol'
import { EMBEDDING_SIZE } from './embedding'

/** Sentences per job asked for by a call that waits (a ranking on screen, a lookup). */
const JOB = 16
/**
 * Sentences per background job (claims embedded after a sync or an import), so a lookup's query put at the
 * front waits for at most four sentences' time, not sixteen.
 */
export const BACKGROUND_JOB = 4
/** Cached sentences kept at most (2 KB each): about ten 10,000-word stories. */
const CACHE_LIMIT = 6_000
/**
 * Workers at most: two where there are two cores or more. The encoder is single-threaded (TensorFlow.js's
 * WASM backend has no threads in Node), so a second worker is what lets a long story use the second core.
 */
export const WORKERS = Math.min(2, Math.max(1, os.availableParallelism()))
/**
 * Sentences a waiting call must have queued for a second worker to start: eight jobs, about a second of one
 * worker's time, what loading the encoder in a second worker costs (a short story is done sooner by one).
 */
export const SECOND_WORKER_AFTER = 8 * JOB
/** An idle worker is stopped after this long. */
const IDLE_MS = 60_000
/** After the encoder failed, calls fail at once for this long instead of starting it again. */
const RETRY_MS = 60_000

/** Like the import worker: beside the built main bundle, or out/main/ when running from sources. */
export function defaultEmbedWorkerFile(): string {
  const beside = path.join(__dirname, 'embed-worker.js')
  return existsSync(beside) ? beside : path.resolve(__dirname, '../../../out/main/embed-worker.js')
}

interface Waiter {
  missing: Set<string>
  /** Heard after each job that brought some of its vectors: how many of its sentences are in, of how many. */
  progress?: (done: number, total: number) => void
  total: number
  /** The vectors it waits for, as they come (so a full cache cannot drop one before it is read). */
  got: Map<string, Float32Array>
  resolve(): void
  reject(error: AppError): void
}

export interface EmbedderOptions {
  workerFile?: string
  idleMs?: number
  now?: () => number
  /**
   * A test hook: awaited before each job goes to the worker, so a test can hold the encoder back and let it
   * go job by job (nothing in the app sets it).
   */
  beforeJob?: (texts: readonly string[]) => Promise<void>
  /** Workers at most (WORKERS unless given). */
  workers?: number
}

/** One worker and the job it holds. */
interface Slot {
  worker: Worker | null
  /** The sentences of the job with this worker now (empty when idle). */
  inFlight: Set<string>
  busy: boolean
  /** Whether the job with it is background work. */
  background: boolean
  idleTimer: NodeJS.Timeout | null
}

export class SentenceEmbedder {
  private readonly cache = new Map<string, Float32Array>()
  /** Sentences sent to the worker so far (a sentence sent twice counts twice). */
  sent = 0
  /** Sentences waiting for the worker, in order. */
  private queue: string[] = []
  /** Those of them queued as background work (sent in smaller jobs). */
  private readonly background = new Set<string>()
  private waiters: Waiter[] = []
  private readonly slots: Slot[]
  private failure: { at: number; error: AppError } | null = null
  private jobs = 0
  private closed = false
  private readonly workerFile: string
  private readonly idleMs: number
  private readonly now: () => number
  private readonly beforeJob: ((texts: readonly string[]) => Promise<void>) | undefined

  constructor(options: EmbedderOptions = {}) {
    this.workerFile = options.workerFile ?? defaultEmbedWorkerFile()
    this.idleMs = options.idleMs ?? IDLE_MS
    this.now = options.now ?? Date.now
    this.beforeJob = options.beforeJob
    this.slots = Array.from({ length: Math.max(1, options.workers ?? WORKERS) }, () => ({
      worker: null,
      inFlight: new Set<string>(),
      busy: false,
      background: false,
      idleTimer: null
    }))
  }

  /** The cached vector of each text, or undefined where it is not (yet) embedded. */
  cached(texts: string[]): (Float32Array | undefined)[] {
    return texts.map((t) => this.cache.get(t))
  }

  /** Whether a worker is running (each stops when idle). */
  get workerRunning(): boolean {
    return this.slots.some((slot) => slot.worker !== null)
  }

  /** How many workers are running. */
  get workersRunning(): number {
    return this.slots.filter((slot) => slot.worker !== null).length
  }

  /** Whether the encoder failed recently (calls would fail at once). */
  get unavailable(): AppError | null {
    return this.failure && this.now() - this.failure.at < RETRY_MS ? this.failure.error : null
  }

  /**
   * One unit vector per text, in order, embedding the ones not cached first (ahead of earlier calls'
   * sentences). `progress` hears, after each job that brought some of them, how many distinct texts are in.
   */
  async embed(
    texts: string[],
    options: { background?: boolean; progress?: (done: number, total: number) => void } = {}
  ): Promise<Float32Array[]> {
    const got = new Map<string, Float32Array>()
    for (const t of texts) {
      const v = this.cache.get(t)
      if (v) got.set(t, v)
    }
    const missing = new Set(texts.filter((t) => !got.has(t)))
    if (missing.size) {
      await new Promise<void>((resolve, reject) => {
        this.waiters.push({ missing, got, resolve, reject, progress: options.progress, total: got.size + missing.size })
        // In order of length, so each job (and the encoder's batches in it) holds sentences of like length.
        this.enqueue(
          [...missing].sort((a, b) => a.length - b.length),
          options.background === true
        )
      })
    }
    return texts.map((t) => {
      const v = got.get(t)
      if (!v) throw new AppError('internal', 'The sentence encoder returned no vector for a sentence.')
      return v
    })
  }

  /** Forgets cached vectors (for measuring a cold ranking). */
  clearCache(): void {
    this.cache.clear()
  }

  /** Stops the worker; waiting calls fail with `cancelled`. */
  async close(): Promise<void> {
    this.closed = true
    this.fail(new AppError('cancelled', 'Factdesk is closing; the sentences were not embedded.'), false)
    await this.stopWorkers()
  }

  /** Queues texts at the front (a call waiting on screen) or, `background`, at the back. */
  private enqueue(texts: string[], background = false): void {
    if (this.closed) {
      this.fail(new AppError('cancelled', 'Factdesk is closing; the sentences were not embedded.'), false)
      return
    }
    const failed = this.unavailable
    if (failed) {
      this.fail(failed, false)
      return
    }
    // Moved ahead of the queue, in the order asked (those with a worker now stay there).
    const ahead = texts.filter((t) => !this.slots.some((slot) => slot.inFlight.has(t)))
    const moved = new Set(ahead)
    if (background) {
      const queued = new Set(this.queue)
      const added = ahead.filter((t) => !queued.has(t))
      this.queue.push(...added)
      for (const t of added) this.background.add(t)
    } else {
      this.queue = [...ahead, ...this.queue.filter((t) => !moved.has(t))]
      for (const t of ahead) this.background.delete(t)
    }
    this.pump()
  }

  /** Gives each idle worker that may take it the next job. */
  private pump(): void {
    for (const slot of this.slots) {
      if (this.closed || !this.queue.length) break
      if (slot.busy || !this.mayTake(slot)) continue
      const size = this.nextJobSize()
      const texts = this.queue.splice(0, size)
      const background = texts.every((t) => this.background.has(t))
      for (const t of texts) this.background.delete(t)
      void this.runJob(slot, texts, background)
    }
    this.scheduleIdle()
  }

  /**
   * Whether `slot` may take the job at the front. Background work: only while no other background job is
   * out (so a waiting call has a worker soon), and never starting a second worker. A second worker starts
   * only while SECOND_WORKER_AFTER sentences of waiting calls are queued (a query or a short story never
   * starts one: loading it takes longer than waiting for the first); once running it takes any waiting job.
   */
  private mayTake(slot: Slot): boolean {
    const first = slot === this.slots[0] || slot.worker !== null
    if (this.background.has(this.queue[0] as string)) return first && !this.slots.some((s) => s.busy && s.background)
    if (first) return true
    let waiting = 0
    while (
      waiting < SECOND_WORKER_AFTER &&
      waiting < this.queue.length &&
      !this.background.has(this.queue[waiting] as string)
    )
      waiting++
    return waiting >= SECOND_WORKER_AFTER
  }

  private async runJob(slot: Slot, texts: string[], background: boolean): Promise<void> {
    let vectors: Float32Array
    slot.busy = true
    slot.background = background
    slot.inFlight = new Set(texts)
    this.sent += texts.length
    try {
      if (this.beforeJob) {
        await this.beforeJob(texts)
        // Closed while held: the waiting calls have already failed.
        if (this.closed) return
      }
      vectors = await this.run(slot, texts)
    } catch (error) {
      this.fail(error instanceof AppError ? error : new AppError('io_error', String(error)), true)
      return
    } finally {
      slot.busy = false
      slot.inFlight = new Set()
    }
    const done = texts.map((t, i) => {
      const v = vectors.slice(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE)
      this.remember(t, v)
      return [t, v] as const
    })
    this.settle(done)
    this.pump()
  }

  /**
   * The sentences asked for by waiting calls at the front of the queue (at most JOB), never with background
   * ones behind them: a query's job is the query alone. Background work goes BACKGROUND_JOB at a time.
   */
  private nextJobSize(): number {
    let n = 0
    while (n < JOB && n < this.queue.length && !this.background.has(this.queue[n] as string)) n++
    return n || BACKGROUND_JOB
  }

  private run(slot: Slot, texts: string[]): Promise<Float32Array> {
    const worker = this.startWorker(slot)
    const id = ++this.jobs
    return new Promise<Float32Array>((resolve, reject) => {
      const done = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      const onMessage = (reply: EmbedReply) => {
        if (reply.id !== id) return
        done()
        if (!reply.ok)
          reject(
            new AppError('io_error', `The sentence encoder could not embed the story's sentences: ${reply.message}`)
          )
        else if (reply.vectors.length !== texts.length * EMBEDDING_SIZE)
          reject(new AppError('internal', 'The sentence encoder returned the wrong number of values.'))
        else resolve(reply.vectors)
      }
      const onError = (error: Error) => {
        done()
        slot.worker = null
        reject(new AppError('io_error', `The sentence encoder stopped: ${error.message.slice(0, 200)}`))
      }
      const onExit = (code: number) => {
        done()
        slot.worker = null
        reject(
          new AppError(this.closed ? 'cancelled' : 'io_error', `The sentence encoder stopped (exit code ${code}).`)
        )
      }
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      worker.postMessage({ id, texts } satisfies EmbedJob)
    })
  }

  private startWorker(slot: Slot): Worker {
    if (slot.idleTimer) {
      clearTimeout(slot.idleTimer)
      slot.idleTimer = null
    }
    if (slot.worker) return slot.worker
    if (!existsSync(this.workerFile))
      throw new AppError(
        'internal',
        `The embedding worker is missing (${this.workerFile}). Reinstall Factdesk; developers run \`npm run build\`.`
      )
    const worker = new Worker(this.workerFile)
    // Always listened to: a worker that fails between jobs must not take main down with an unheard 'error'.
    worker
      .on('error', () => undefined)
      .on('exit', () => {
        if (slot.worker === worker) slot.worker = null
      })
    slot.worker = worker
    return worker
  }

  /** Each idle running worker is stopped after idleMs without a job. */
  private scheduleIdle(): void {
    for (const slot of this.slots) {
      if (!slot.worker || slot.busy || slot.idleTimer) continue
      slot.idleTimer = setTimeout(() => {
        slot.idleTimer = null
        if (!slot.busy) void this.stopWorker(slot)
      }, this.idleMs)
      slot.idleTimer.unref()
    }
  }

  private async stopWorker(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    const worker = slot.worker
    slot.worker = null
    if (worker) await worker.terminate()
  }

  private async stopWorkers(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.stopWorker(slot)))
  }

  /** Resolves every waiter whose sentences are now all cached. */
  private settle(done: (readonly [string, Float32Array])[]): void {
    this.waiters = this.waiters.filter((w) => {
      let brought = false
      for (const [t, v] of done) {
        if (w.missing.delete(t)) {
          w.got.set(t, v)
          brought = true
        }
      }
      if (brought) w.progress?.(w.got.size, w.total)
      if (w.missing.size) return true
      w.resolve()
      return false
    })
  }

  /** Fails every waiting call and drops the queue; `remember` keeps the failure for RETRY_MS. */
  private fail(error: AppError, remember: boolean): void {
    if (remember) this.failure = { at: this.now(), error }
    const waiters = this.waiters
    this.waiters = []
    this.queue = []
    this.background.clear()
    for (const w of waiters) w.reject(error)
    if (remember) void this.stopWorkers()
  }

  private remember(text: string, vector: Float32Array): void {
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value
      if (oldest !== undefined) this.cache.delete(oldest)
    }
    this.cache.set(text, vector)
  }
}
