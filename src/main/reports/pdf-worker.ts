// The PDF worker: writes one report model as a tagged PDF (pdf-report.ts) off the main process,
// telling main how many claims are written. Built as out/main/pdf-worker.js; one worker per export,
// terminated to cancel it.
import { parentPort } from 'node:worker_threads'
import type { ReportModel } from './model'
import { writePdf } from './pdf-report'
import type { PdfReply } from './pdf-writer'

const post = (reply: PdfReply, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(reply, transfer)

parentPort?.on('message', (model: ReportModel) => {
  writePdf(model, (done, total) => post({ kind: 'progress', done, total })).then(
    ({ bytes, unshown }) => post({ kind: 'done', ok: true, bytes, unshown }, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      post({ kind: 'done', ok: false, message: error instanceof Error ? error.message : String(error) })
  )
})
