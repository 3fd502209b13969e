// A report export as a job: its steps announced, a Cancel at any of them, a failing PDF writer and a
// failing disk. Whatever happens, the chosen folder holds the whole report or nothing (no partial
// file, no temp file) and the library is only read, also after a restart.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload, ReportFormat } from '../../shared/contract'
import { buildReport } from '../reports/build'
import { workerPdfWriter } from '../reports/pdf-writer'
import { largeInput } from '../reports/testing/sample-report'
import { appSender, openTestCore, testPlatform, withEditor, type TestCore } from '../testing/test-core'

type Step = EventPayload<'export.progress'>

let t: TestCore
let out: string
/** What the next export does at its steps (set by each case). */
let script: {
  /** Asks for a Cancel when the export announces its step number `cancelAt` (0 = the first). */
  cancelAt: number | null
  writerFails: boolean
  saveTo: string | null
  steps: Step[]
  cancelling: Promise<unknown> | null
}

const platform = testPlatform()
platform.emit = (event, payload) => {
  platform.events.push({ event, payload })
  if (event !== 'export.progress') return
  script.steps.push(payload as Step)
  if (script.steps.length - 1 === script.cancelAt) script.cancelling = t.core.dispatch('export.cancel', {}, appSender)
}
// The save dialog and the PDF worker start only once a Cancel asked for before them has landed, so
// where the Cancel lands does not depend on timing.
platform.chooseSavePath = async (name) => {
  await script.cancelling
  return script.saveTo ? path.join(script.saveTo, name) : null
}
/** The app's PDF worker (out/main/pdf-worker.js), held until a Cancel asked for has landed; it fails when told to. */
const pdf = {
  gate: async (): Promise<void> => {
    await script.cancelling
    if (script.writerFails) throw new Error('the PDF writer ran out of memory')
  }
}

/** Every file under `dir` with a hash of its bytes; not the lock, which says which process holds the library. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name)
    if (name === 'library.lock') continue
    if ((await stat(file)).isFile())
      files.set(
        name,
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      )
  }
  return files
}

const storyIds = async (): Promise<string[]> => (await t.call('stories.list', {})).map((s) => s.id)

beforeAll(async () => {
  t = await openTestCore({ platform, pdf })
  await withEditor(t)
  for (const title of ['Harbour dredging cost', 'School meals pledge'])
    await t.call('stories.create', { title, text: `${title}: the council said the figure was 3 million pounds.` })
  // A restart lets the background index writes land, so the library is at rest before exporting.
  await t.restart()
  out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-export-out-'))
})
afterAll(async () => {
  await t?.cleanup()
  if (out) await rm(out, { recursive: true, force: true })
})

async function exportOnce(format: ReportFormat, ids: string[]) {
  return t.core.dispatch(
    'export.report',
    {
      scope: 'selected',
      storyIds: ids,
      format,
      options: { includeExcerpts: true, includeActivity: true, includeOrphaned: true, internal: false }
    },
    appSender
  )
}

describe('export as a job', () => {
  it('a Cancel at any step, a failing PDF writer or disk leave the whole report or nothing, and the library as it was', async () => {
    const ids = await storyIds()
    const library = await snapshot(t.dir)
    const before = await Promise.all(ids.map((id) => t.call('stories.get', { id })))
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ReportFormat>('html', 'pdf', 'markdown', 'csv', 'json'),
        fc.integer({ min: 1, max: ids.length }),
        fc.option(fc.nat({ max: ids.length + 3 }), { nil: null }),
        fc.constantFrom('none', 'writer', 'disk'),
        async (format, storyCount, cancelAt, fault) => {
          const folder = path.join(out, `run-${run++}`)
          await mkdir(folder)
          script = {
            cancelAt,
            writerFails: fault === 'writer',
            saveTo: fault === 'disk' ? path.join(folder, 'no-such-folder') : folder,
            steps: [],
            cancelling: null
          }
          const result = await exportOnce(format, ids.slice(0, storyCount))
          await script.cancelling
          const total = storyCount + 2
          // Every step announced, in order, until the job ended.
          expect(script.steps.map((s) => s.total).every((n) => n === total)).toBe(true)
          expect(script.steps.map((s) => s.done)).toEqual([...script.steps.map((s) => s.done)].sort((a, b) => a - b))
          const cancelStep = cancelAt === null ? undefined : script.steps[cancelAt]
          const left = await readdir(folder, { recursive: true })
          if (cancelStep && cancelStep.phase !== 'saving') {
            // Asked for before the save began: the job stops before it, and nothing is written.
            expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } })
            expect(script.steps.some((s) => s.phase === 'saving')).toBe(false)
            expect(left).toEqual([])
          } else if (fault === 'writer' && format === 'pdf') {
            expect(result).toMatchObject({ ok: false, error: { code: 'print_failed' } })
            expect(result.ok || result.error.message).toContain('the PDF writer ran out of memory')
            expect(left).toEqual([])
          } else if (fault === 'disk') {
            expect(result).toMatchObject({ ok: false, error: { code: 'io_error' } })
            expect(left).toEqual([])
          } else {
            // No Cancel, or one that came once the save had begun: the whole report, and no temp file.
            expect(result.ok).toBe(true)
            if (!result.ok) return
            const saved = result.value as { saved: boolean; path: string; bytes: number }
            expect(saved.saved).toBe(true)
            expect(left).toEqual([path.basename(saved.path)])
            const bytes = await readFile(saved.path)
            expect(bytes.byteLength).toBe(saved.bytes)
            if (format === 'pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
            if (format === 'html') expect(bytes.toString('utf8').trimEnd().endsWith('</html>')).toBe(true)
            expect(script.steps.at(-1)).toEqual({ phase: 'saving', done: total, total })
          }
          expect(await snapshot(t.dir)).toEqual(library)
        }
      ),
      { numRuns: 40 }
    )
    await t.restart()
    expect(await snapshot(t.dir)).toEqual(library)
    expect(await Promise.all(ids.map((id) => t.call('stories.get', { id })))).toEqual(before)
  }, 240_000)

  it('a Cancel with no export under way stops nothing', async () => {
    expect(await t.call('export.cancel', {})).toEqual({ cancelled: 0 })
  })
})

describe('the PDF worker', () => {
  const model = buildReport(largeInput(4, 50, { worked: true }))

  it('writes in its own thread, telling how many claims are written, and a cancel mid-write terminates it', async () => {
    const writer = workerPdfWriter()
    const heard: number[] = []
    const { bytes } = await writer.write(model, (done) => heard.push(done), new AbortController().signal)
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(heard.at(-1)).toBe(model.totals.claims)
    // Cancelled before it starts: never started.
    const stopped = new AbortController()
    stopped.abort()
    await expect(writer.write(model, () => undefined, stopped.signal)).rejects.toMatchObject({ code: 'cancelled' })
    // Cancelled when it says it has written its first claims: the worker is terminated, the call cancelled.
    const cancel = new AbortController()
    const writing = writer.write(
      model,
      (done) => done > 0 && done < model.totals.claims && cancel.abort(),
      cancel.signal
    )
    await expect(writing).rejects.toMatchObject({ code: 'cancelled' })
    // And the next export writes.
    const { bytes: again } = await writer.write(model, () => undefined, new AbortController().signal)
    expect(Buffer.from(again.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
  }, 120_000)

  it('a worker that cannot start rejects the write (the export then fails as print_failed, as above)', async () => {
    const broken = workerPdfWriter({ workerFile: path.join(out, 'no-such-worker.js') })
    await expect(broken.write(model, () => undefined, new AbortController().signal)).rejects.toThrow()
  })
})
