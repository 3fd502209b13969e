// Report export speed for a 1,000-claim, 20-story library with a realistic activity log (five
// entries per claim): HTML, PDF (Chromium page.pdf, tagged), CSV and JSON; and the PDF of 1,000
// worked claims (long rationales, three pieces of evidence with long excerpts), cold and warm, and
// once untagged, so the cost of the tagged structure shows in the same run.
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { chromium } from '@playwright/test'
import { buildReport, renderReport, type RenderDeps } from '../../src/main/reports'
import { playwrightPdfOptions, printWindowSize } from '../../src/main/reports/pdf'
import { printWithPlaywright } from '../../src/main/reports/testing/playwright-print'
import type { ReportFormat } from '../../src/shared/contract/transfer'
import { largeInput } from '../../src/main/reports/testing/sample-report'
import { percentile, row, type Bench, type BenchRow } from './types'

const STORIES = 20
const CLAIMS_PER_STORY = 50
const RUNS = 7
const ACTIVITY_PER_CLAIM = 5
const WORKED_RUNS = 3

/**
 * Desktop Chromium loads its omnibox popup (a WebUI page with its own renderer) for every new
 * window, and on a shared 2-core machine that ~0.25 s of CPU lands inside the timed print.
 * Electron's hidden print window has no browser UI, so the bench turns it off to time what the app does.
 */
const chromeOnlyUiOff =
  '--disable-features=WebUIOmniboxAimPopup,WebUIOmniboxPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI'

/**
 * CPU seconds used so far by this process's descendants (Chromium's browser, renderer and GPU
 * processes), from /proc: a print's cost that a loaded machine does not inflate as it does the wall
 * time. Null where there is no /proc.
 */
function chromiumCpuSeconds(): number | null {
  const parents = new Map<number, number>()
  const ticks = new Map<number, number>()
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return null
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parents.set(Number(pid), Number(fields[1]))
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]))
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0
  for (const [pid, used] of ticks) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) {
        total += used
        break
      }
  }
  return total / 100 // USER_HZ
}

/** Time from the story files to the finished bytes, as the export handler does it (model + render). */
async function timeFormat(
  format: ReportFormat,
  deps: RenderDeps,
  runs: number,
  input = largeInput(STORIES, CLAIMS_PER_STORY, { activityPerClaim: ACTIVITY_PER_CLAIM })
): Promise<{ times: number[]; bytes: number; cpu: number[] }> {
  const times: number[] = []
  const cpu: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const cpuBefore = chromiumCpuSeconds()
    const started = performance.now()
    const rendered = await renderReport(format, buildReport(input), deps)
    times.push(performance.now() - started)
    const cpuAfter = chromiumCpuSeconds()
    if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore)
    bytes = rendered.bytes.byteLength
  }
  return { times, bytes, cpu }
}

const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', chromeOnlyUiOff]
  })

const bench: Bench = {
  name: 'reports',
  async run(): Promise<BenchRow[]> {
    let browser = await launchChromium()
    let pages = 0
    let tagged = true
    const deps: RenderDeps = {
      async printToPdf(html) {
        // A fresh window per export, as the app prints from a fresh hidden window.
        const pdf = await printWithPlaywright(browser, html)
        pages = (
          Buffer.from(pdf)
            .toString('latin1')
            .match(/\/Type\s*\/Page[^s]/g) ?? []
        ).length
        tagged &&= Buffer.from(pdf).includes('/StructTreeRoot')
        return pdf
      }
    }
    try {
      const noPdf: RenderDeps = { printToPdf: () => Promise.reject(new Error('not used')) }
      await timeFormat('html', noPdf, 2) // warm the JIT before measuring
      const html = await timeFormat('html', noPdf, RUNS)
      const csv = await timeFormat('csv', noPdf, RUNS)
      const json = await timeFormat('json', noPdf, RUNS)
      const markdown = await timeFormat('markdown', noPdf, RUNS)
      const claimreview = await timeFormat('claimreview', noPdf, RUNS)
      await timeFormat('pdf', deps, 1) // the first print also starts Chromium's renderer: reported apart
      const pdf = await timeFormat('pdf', deps, 5)
      const label = `${STORIES} stories x ${CLAIMS_PER_STORY} claims, ${ACTIVITY_PER_CLAIM} activity entries per claim`
      // Worked claims: cold is the first print of a freshly started Chromium, as the app's first export.
      const worked = largeInput(STORIES, CLAIMS_PER_STORY, { activityPerClaim: ACTIVITY_PER_CLAIM, worked: true })
      await browser.close()
      browser = await launchChromium()
      const workedCold = await timeFormat('pdf', deps, 1, worked)
      const workedPages = pages
      const workedWarm = await timeFormat('pdf', deps, WORKED_RUNS, worked)
      // The same report untagged, once: what the tagged structure adds (docs/architecture.md, what a PDF costs).
      const untagged: RenderDeps = {
        async printToPdf(html) {
          const context = await browser.newContext({ javaScriptEnabled: false, viewport: printWindowSize })
          try {
            const page = await context.newPage()
            await page.setContent(html, { waitUntil: 'load' })
            return new Uint8Array(await page.pdf({ ...playwrightPdfOptions(), tagged: false }))
          } finally {
            await context.close()
          }
        }
      }
      const workedUntagged = await timeFormat('pdf', untagged, 1, worked)
      const workedLabel = `1,000 worked claims (long rationale, 3 evidence with excerpts, ${ACTIVITY_PER_CLAIM} activity entries)`
      const cpuRows =
        workedWarm.cpu.length > 0
          ? [
              row(`PDF CPU seconds in Chromium per print p50, ${label}`, percentile(pdf.cpu, 50), 's'),
              row(`PDF CPU seconds in Chromium per print p50, ${workedLabel}`, percentile(workedWarm.cpu, 50), 's'),
              row(
                `PDF CPU seconds in Chromium, the same untagged (one print), ${workedLabel}`,
                workedUntagged.cpu[0] ?? Number.NaN,
                's'
              )
            ]
          : []
      return [
        row(`HTML report p50, ${label}`, percentile(html.times, 50), 'ms'),
        row(`HTML report p95, ${label}`, percentile(html.times, 95), 'ms', { max: 1000 }),
        row(`HTML report size`, html.bytes / 1024, 'KB'),
        row(`PDF report p50 (Chromium page.pdf, tagged), ${label}`, percentile(pdf.times, 50), 'ms'),
        row(`PDF report p95 (Chromium page.pdf, tagged), ${label}`, percentile(pdf.times, 95), 'ms', { max: 3000 }),
        row(`PDF cold (first print of a fresh Chromium), ${workedLabel}`, workedCold.times[0] ?? Number.NaN, 'ms', {
          max: 3000
        }),
        row(`PDF warm p95 (${WORKED_RUNS} prints), ${workedLabel}`, percentile(workedWarm.times, 95), 'ms', {
          max: 3000
        }),
        row(`PDF pages, ${workedLabel}`, workedPages, 'pages'),
        row(`PDF size, ${workedLabel}`, workedWarm.bytes / 1e6, 'MB'),
        row(`PDF size untagged, ${workedLabel}`, workedUntagged.bytes / 1e6, 'MB'),
        ...cpuRows,
        row(`PDF report is tagged (1 = every print had a structure tree)`, tagged ? 1 : 0, '', { min: 1 }),
        row(`PDF report pages`, pages, 'pages'),
        row(`CSV report p95, ${label}`, percentile(csv.times, 95), 'ms', { max: 500 }),
        row(`JSON package p95, ${label}`, percentile(json.times, 95), 'ms', { max: 500 }),
        row(`Markdown report p50, ${label}`, percentile(markdown.times, 50), 'ms'),
        row(`ClaimReview JSON-LD p50, ${label}`, percentile(claimreview.times, 50), 'ms')
      ]
    } finally {
      await browser.close()
    }
  }
}
export default bench
