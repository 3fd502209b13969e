// Main's side of the archive worker: one worker per archive, its progress passed on, cancelled by
// terminating it (nothing of that archive is kept).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/result'
import type { PreparedClaim } from '../matcher'
import type { ParsedArchive } from './parse'
import { jobName, type ArchiveJob, type ArchiveReply } from './worker-protocol'

/** Beside the built main bundle, or out/main/ when running from sources (as the import worker). */
export function defaultArchiveWorkerFile(): string {
  const beside = path.join(__dirname, 'archive-worker.js')
  return existsSync(beside) ? beside : path.resolve(__dirname, '../../../../out/main/archive-worker.js')
}

/** An archive as read, with what the memory's index keeps of each check (`prepared[i]` for `checks[i]`). */
export type ReadArchive = ParsedArchive & { prepared: PreparedClaim[] }

/** Reading one archive takes at most this long. */
const READ_MS = 120_000

export class ArchiveReader {
  private readonly running = new Set<Worker>()

  constructor(private readonly workerFile = defaultArchiveWorkerFile()) {}

  read(
    job: ArchiveJob,
    progress: (stage: 'reading' | 'indexing', done: number, total: number) => void
  ): Promise<ReadArchive> {
    return new Promise((resolve, reject) => {
      let worker: Worker
      try {
        worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 1024 } })
      } catch (error) {
        reject(new AppError('internal', `The archive reader could not start: ${String(error)}`))
        return
      }
      this.running.add(worker)
      let settled = false
      const finish = (fn: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        this.running.delete(worker)
        void worker.terminate()
        fn()
      }
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new AppError('timed_out', `Reading ${jobName(job)} took too long; split it and import the parts.`))
          ),
        READ_MS
      )
      worker.on('message', (reply: ArchiveReply) => {
        if (reply.kind === 'progress') progress(reply.stage, reply.done, reply.total)
        else if (reply.ok) finish(() => resolve({ ...reply.parsed, prepared: reply.prepared }))
        else finish(() => reject(new AppError(reply.error.code, reply.error.message)))
      })
      worker.on('error', (error) =>
        finish(() => reject(new AppError('invalid_input', `${jobName(job)} could not be read: ${error.message}`)))
      )
      worker.on('exit', () =>
        finish(() =>
          reject(new AppError('cancelled', `Importing ${jobName(job)} was cancelled; nothing of it was kept.`))
        )
      )
      worker.postMessage(job)
    })
  }

  /** Stops every archive being read; each import fails with `cancelled`. */
  cancel(): number {
    const n = this.running.size
    for (const worker of this.running) void worker.terminate()
    return n
  }
}
