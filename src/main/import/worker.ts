// The import worker: a worker thread that turns bytes into a story draft, so the parsers (jsdom,
// Readability, DOMPurify, mammoth) load and run here, never in the main process, and a hostile
// file can be stopped by time or memory without touching the app. Built as out/main/import-worker.js.
import { getHeapStatistics } from 'node:v8'
import { parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/result'
import { convertPage, fileDisplayName, importFile } from './convert'
import type { WorkerJob, WorkerReply } from './worker-protocol'

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    const story = job.kind === 'file' ? await importFile(job.file) : convertPage(job.page)
    return { ok: true, story }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() }
    // A parser failing on odd input is the file's problem, not the app's: say so in words.
    const name = job.kind === 'file' ? fileDisplayName(job.file.fileName) : job.page.url
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `${name} could not be read: its content defeated the reader (${detail.slice(0, 200)}). Open it in its own program or a browser, copy the story and paste it instead.`
      }
    }
  }
}

parentPort?.on('message', (job: WorkerJob) => {
  void run(job).then((reply) =>
    parentPort?.postMessage({ ...reply, heapMb: getHeapStatistics().total_heap_size / 1024 / 1024 })
  )
})
