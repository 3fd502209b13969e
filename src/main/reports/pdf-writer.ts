// Main's side of the PDF worker: one worker per export writes the report model as a PDF
// (pdf-report.ts), its progress passed on; a cancel terminates it, so nothing of the PDF is kept.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/result'
import type { UnshownText } from '../../shared/contract/transfer'
import type { ReportModel } from './model'
import { cancelledExport, throwIfCancelled } from './pdf'

/** A written PDF: its bytes, and the text in it that it cannot show (pdf-report.ts). */
export interface WrittenPdf {
  bytes: Uint8Array
  unshown: UnshownText
}

export type PdfReply =
  | { kind: 'progress'; done: number; total: number }
  | ({ kind: 'done'; ok: true } & WrittenPdf)
  | { kind: 'done'; ok: false; message: string }

/** Writes a report as PDF bytes; `progress` hears claims written of all claims; `signal` cancels. */
export interface PdfWriter {
  write(model: ReportModel, progress: (done: number, total: number) => void, signal: AbortSignal): Promise<WrittenPdf>
}

/** Beside the built main bundle, or out/main/ when running from sources (as the other workers). */
export function defaultPdfWorkerFile(): string {
  const beside = path.join(__dirname, 'pdf-worker.js')
  return existsSync(beside) ? beside : path.resolve(__dirname, '../../../out/main/pdf-worker.js')
}

export interface PdfWriterOptions {
  workerFile?: string
  /**
   * Awaited before the worker starts (the e2e browser driver holds an export here to see and
   * cancel it mid-write without a timer); null when nothing holds it.
   */
  gate?: () => Promise<void> | null
}

/** The PDF writer the app uses: a worker thread per export. */
export function workerPdfWriter({ workerFile = defaultPdfWorkerFile(), gate }: PdfWriterOptions = {}): PdfWriter {
  return {
    async write(model, progress, signal) {
      const held = gate?.()
      if (held) await untilCancelled(held, signal)
      throwIfCancelled(signal)
      return new Promise<WrittenPdf>((resolve, reject) => {
        let worker: Worker
        try {
          worker = new Worker(workerFile)
        } catch (error) {
          reject(new AppError('print_failed', `The PDF writer could not start: ${String(error)}`))
          return
        }
        let settled = false
        const finish = (fn: () => void): void => {
          if (settled) return
          settled = true
          signal.removeEventListener('abort', stop)
          void worker.terminate()
          fn()
        }
        const stop = (): void => finish(() => reject(cancelledExport()))
        signal.addEventListener('abort', stop, { once: true })
        worker.on('message', (reply: PdfReply) => {
          if (reply.kind === 'progress') progress(reply.done, reply.total)
          else if (reply.ok) finish(() => resolve({ bytes: reply.bytes, unshown: reply.unshown }))
          else finish(() => reject(new Error(reply.message)))
        })
        worker.on('error', (error) => finish(() => reject(error)))
        worker.on('exit', (code) => finish(() => reject(new Error(`the PDF writer stopped (exit code ${code})`))))
        worker.postMessage(model)
      })
    }
  }
}

/**
 * Resolves with `work`, or rejects with `cancelled` as soon as the signal aborts. `work` is always
 * followed, also when the signal had aborted already, so its own failure is never left unhandled.
 */
export function untilCancelled(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => reject(cancelledExport())
    signal.addEventListener('abort', stop, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
    if (signal.aborted) stop()
  })
}
