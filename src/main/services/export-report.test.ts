// A report export as a job: its steps announced, a Cancel at any of them, a failing printer and a
// failing disk. Whatever happens, the chosen folder holds the whole report or nothing (no partial
// file, no temp file) and the library is only read, also after a restart.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventPayload, ReportFormat } from '../../shared/contract'
import { printWithPlaywright } from '../reports/testing/playwright-print'
import { appSender, openTestCore, testPlatform, withEditor, type TestCore } from '../testing/test-core'

type Step = EventPayload<'export.progress'>

let browser: Browser
let t: TestCore
let out: string
/** What the next export does at its steps (set by each case). */
let script: {
  /** Asks for a Cancel when the export announces its step number `cancelAt` (0 = the first). */
  cancelAt: number | null
  printerFails: boolean
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
// The save dialog and the printer answer only once a Cancel asked for before them has landed, so
// where the Cancel lands does not depend on timing.
platform.chooseSavePath = async (name) => {
  await script.cancelling
  return script.saveTo ? path.join(script.saveTo, name) : null
}
platform.printToPdf = async (html, signal) => {
  await script.cancelling
  if (script.printerFails) throw new Error('the GPU process crashed')
  return printWithPlaywright(browser, html, signal)
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
  browser = await chromium.launch({
    executablePath: process.env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu']
  })
  t = await openTestCore({ platform })
  await withEditor(t)
  for (const title of ['Harbour dredging cost', 'School meals pledge'])
    await t.call('stories.create', { title, text: `${title}: the council said the figure was 3 million pounds.` })
  // A restart lets the background index writes land, so the library is at rest before exporting.
  await t.restart()
  out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-export-out-'))
})
afterAll(async () => {
  await t?.cleanup()
  await browser?.close()
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
  it('a Cancel at any step, a failing printer or disk leave the whole report or nothing, and the library as it was', async () => {
    const ids = await storyIds()
    const library = await snapshot(t.dir)
    const before = await Promise.all(ids.map((id) => t.call('stories.get', { id })))
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ReportFormat>('html', 'pdf', 'markdown', 'csv', 'json'),
        fc.integer({ min: 1, max: ids.length }),
        fc.option(fc.nat({ max: ids.length + 3 }), { nil: null }),
        fc.constantFrom('none', 'printer', 'disk'),
        async (format, storyCount, cancelAt, fault) => {
          const folder = path.join(out, `run-${run++}`)
          await mkdir(folder)
          script = {
            cancelAt,
            printerFails: fault === 'printer',
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
          } else if (fault === 'printer' && format === 'pdf') {
            expect(result).toMatchObject({ ok: false, error: { code: 'print_failed' } })
            expect(result.ok || result.error.message).toContain('the GPU process crashed')
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

describe('printing with Chromium', () => {
  const html = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1></body></html>'

  it('a print cancelled before it starts, or while its window opens, is cancelled and leaves no window', async () => {
    const stopped = new AbortController()
    stopped.abort()
    await expect(printWithPlaywright(browser, html, stopped.signal)).rejects.toMatchObject({ code: 'cancelled' })
    const cancel = new AbortController()
    const printing = printWithPlaywright(browser, html, cancel.signal)
    cancel.abort()
    await expect(printing).rejects.toMatchObject({ code: 'cancelled' })
    expect(browser.contexts()).toEqual([])
    // The printer still prints afterwards.
    const pdf = await printWithPlaywright(browser, html)
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
  })
})
