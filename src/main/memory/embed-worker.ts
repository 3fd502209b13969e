// The embedding worker: runs the sentence encoder (./embedding.ts) in its own thread, so the seconds a
// long story's sentences take never hold up main's calls (a mark, a save). Built as
// out/main/embed-worker.js; ./embedder.ts starts it on first use and stops it when idle.
import { parentPort } from 'node:worker_threads'
import type { EmbedJob, EmbedReply } from './embed-protocol'
import { encode, loadEncoder, type Encoder } from './embedding'

let encoder: Promise<Encoder> | null = null
const port = parentPort
if (!port) throw new Error('embed-worker runs only as a worker thread')

port.on('message', (job: EmbedJob) => {
  encoder ??= loadEncoder()
  encoder
    .then((e) => encode(e, job.texts))
    .then(
      (vectors) =>
        port.postMessage({ id: job.id, ok: true, vectors } satisfies EmbedReply, [vectors.buffer as ArrayBuffer]),
      (error: unknown) => {
        encoder = null
        port.postMessage({
          id: job.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error)
        } satisfies EmbedReply)
      }
    )
})
