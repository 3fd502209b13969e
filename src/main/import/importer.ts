// Runs imports in a worker thread (node:worker_threads works in Electron's main process and in
// Node alike) with a time limit (the worker is terminated) and a memory limit (`resourceLimits`),
// and lets the window cancel them. The main process only checks sizes and types, fetches pages and
// waits, so a hostile file can neither freeze the window nor take the app's memory.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/result'
import type { FetchOptions } from './fetch-page'
import { checkFile, fileDisplayName } from './file-kind'
import { caps } from './limits'
import type { ImportedStory } from './story'
import { importUrl } from './url'
import type { WorkerJob, WorkerReply } from './worker-protocol'

export interface ImporterOptions {
  fetch: typeof fetch
  /** The built worker script; defaults to import-worker.js beside the built main bundle. */
  workerFile?: string
  convertMs?: number
  heapMb?: number
  lookup?: FetchOptions['lookup']
  /** Told the worker's heap size after each job (the import bench reports it). */
  onStats?: (stats: { heapMb: number }) => void
}

export interface Importer {
  file(file: { fileName: string; bytes: Uint8Array }): Promise<ImportedStory>
  /** `consent`: asks the editor (main's dialog) before a redirect reaches a host on the local network; without it such a redirect is refused. */
  url(url: string, options?: { consent?: (host: string, address: string) => Promise<boolean> }): Promise<ImportedStory>
  /** Stops every import under way; each fails with a `cancelled` error. Returns how many were stopped. */
  cancel(): number
  close(): Promise<void>
  /** Whether a worker waits idle for the next import (one that fails or exits while idle is let go at once). */
  readonly keepsWorker: boolean
}

/**
 * electron-vite emits the worker as its own file next to the main bundle (out/main/), so it is
 * found beside `__dirname` of the built code. Running from sources (vitest, scripts), `__dirname`
 * is src/main/import and the built worker in out/main/ is used.
 */
export function defaultWorkerFile(): string {
  const beside = path.join(__dirname, 'import-worker.js')
  return existsSync(beside) ? beside : path.resolve(__dirname, '../../../out/main/import-worker.js')
}

/** An idle worker is kept this long for the next import (loading jsdom costs a few hundred ms). */
const IDLE_MS = 60_000

export function createImporter(options: ImporterOptions): Importer {
  const workerFile = options.workerFile ?? defaultWorkerFile()
  const convertMs = options.convertMs ?? caps.convertMs
  const heapMb = options.heapMb ?? caps.workerHeapMb
  const running = new Set<AbortController>()
  let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null
  let closed = false

  function takeWorker(): Worker {
    if (idle) {
      const { worker, timer } = idle
      idle = null
      clearTimeout(timer)
      worker.ref()
      return worker
    }
    if (!existsSync(workerFile))
      throw new AppError(
        'internal',
        `The import worker is missing (${workerFile}). Reinstall Factdesk; developers run \`npm run build\`.`
      )
    const worker = new Worker(workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 }
    })
    // Always listened to: a worker failing while it waits idle must not take main down with an unheard
    // 'error', and an idle worker that is gone is not handed the next import.
    worker
      .on('error', () => undefined)
      .on('exit', () => {
        if (idle?.worker !== worker) return
        clearTimeout(idle.timer)
        idle = null
      })
    return worker
  }

  function returnWorker(worker: Worker): void {
    if (closed || idle) {
      void worker.terminate()
      return
    }
    worker.unref()
    idle = {
      worker,
      timer: setTimeout(
        () => (idle?.worker === worker ? ((idle = null), void worker.terminate()) : undefined),
        IDLE_MS
      ).unref()
    }
  }

  async function convert(job: WorkerJob, name: string, signal: AbortSignal): Promise<ImportedStory> {
    if (signal.aborted) throw cancelled(name)
    const worker = takeWorker()
    return new Promise<ImportedStory>((resolve, reject) => {
      let settled = false
      const settle = (outcome: { story: ImportedStory } | { error: AppError }, keep: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
        if (keep) returnWorker(worker)
        else void worker.terminate()
        if ('story' in outcome) resolve(outcome.story)
        else reject(outcome.error)
      }
      const onMessage = (reply: WorkerReply) => {
        if (reply.heapMb !== undefined) options.onStats?.({ heapMb: reply.heapMb })
        if (reply.ok) settle({ story: reply.story }, true)
        else settle({ error: new AppError(reply.error.code, reply.error.message, reply.error.issues) }, true)
      }
      const onError = (error: Error & { code?: string }) => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        settle({ error: memory ? outOfMemory(name, heapMb) : unreadable(name, error) }, false)
      }
      const onExit = (code: number) =>
        settle({ error: unreadable(name, new Error(`the reader stopped (exit code ${code})`)) }, false)
      const onAbort = () => settle({ error: cancelled(name) }, false)
      const timer = setTimeout(() => settle({ error: tooSlow(name, convertMs) }, false), convertMs)
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      signal.addEventListener('abort', onAbort, { once: true })
      worker.postMessage(job)
    })
  }

  async function tracked<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (closed) throw new AppError('cancelled', 'Factdesk is closing; the import was not started.')
    const controller = new AbortController()
    running.add(controller)
    try {
      return await work(controller.signal)
    } finally {
      running.delete(controller)
    }
  }

  return {
    get keepsWorker() {
      return idle !== null
    },
    file: (file) =>
      tracked((signal) => {
        checkFile(file)
        return convert({ kind: 'file', file }, fileDisplayName(file.fileName), signal)
      }),
    url: (url, consent = {}) =>
      tracked((signal) =>
        importUrl(
          url,
          {
            fetch: options.fetch,
            lookup: options.lookup,
            signal,
            ...(consent.consent ? { consent: consent.consent } : {})
          },
          (page) => convert({ kind: 'page', page }, page.url, signal)
        )
      ),
    cancel() {
      const count = running.size
      for (const controller of running) controller.abort()
      return count
    },
    async close() {
      closed = true
      for (const controller of running) controller.abort()
      const last = idle
      idle = null
      if (last) {
        clearTimeout(last.timer)
        await last.worker.terminate()
      }
    }
  }
}

const cancelled = (name: string): AppError => new AppError('cancelled', `The import of ${name} was cancelled.`)

const tooSlow = (name: string, ms: number): AppError =>
  new AppError(
    'too_large',
    `${name} took longer than ${Math.round(ms / 1000)} seconds to read, so Factdesk stopped reading it. It may be built to stall a reader (extremely deep nesting, say). Open it in its own program or a browser, copy the story and paste it instead.`
  )

const outOfMemory = (name: string, mb: number): AppError =>
  new AppError(
    'too_large',
    `${name} needed more than ${mb} MB of memory to read, so Factdesk stopped reading it. It may be built to exhaust memory; if it is a genuine story, save it as plain text (.txt) and import that.`
  )

const unreadable = (name: string, error: Error): AppError =>
  new AppError(
    'invalid_input',
    `${name} could not be read (${error.message.slice(0, 200)}). Open it in its own program or a browser, copy the story and paste it instead.`
  )
