// Report export speed for a 1,000-claim, 20-story library with a realistic activity log (five
// entries per claim): HTML, PDF (Chromium page.pdf, tagged), CSV and JSON.
import { performance } from 'node:perf_hooks'
import { chromium } from '@playwright/test'
import { buildReport, renderReport, type RenderDeps } from '../../src/main/reports'
import { printWithPlaywright } from '../../src/main/reports/testing/playwright-print'
import type { ReportFormat } from '../../src/shared/contract/transfer'
import { largeInput } from '../../src/main/reports/testing/sample-report'
import { percentile, row, type Bench, type BenchRow } from './types'

const STORIES = 20
const CLAIMS_PER_STORY = 50
const RUNS = 7
const ACTIVITY_PER_CLAIM = 5

/**
 * Desktop Chromium loads its omnibox popup (a WebUI page with its own renderer) for every new
 * window, and on a shared 2-core machine that ~0.25 s of CPU lands inside the timed print.
 * Electron's hidden print window has no browser UI, so the bench turns it off to time what the app does.
 */
const chromeOnlyUiOff =
  '--disable-features=WebUIOmniboxAimPopup,WebUIOmniboxPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI'

/** Time from the story files to the finished bytes, as the export handler does it (model + render). */
async function timeFormat(
  format: ReportFormat,
  deps: RenderDeps,
  runs: number
): Promise<{ times: number[]; bytes: number }> {
  const input = largeInput(STORIES, CLAIMS_PER_STORY, { activityPerClaim: ACTIVITY_PER_CLAIM })
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const rendered = await renderReport(format, buildReport(input), deps)
    times.push(performance.now() - started)
    bytes = rendered.bytes.byteLength
  }
  return { times, bytes }
}

const bench: Bench = {
  name: 'reports',
  async run(): Promise<BenchRow[]> {
    const browser = await chromium.launch({
      executablePath: process.env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', chromeOnlyUiOff]
    })
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
      return [
        row(`HTML report p50, ${label}`, percentile(html.times, 50), 'ms'),
        row(`HTML report p95, ${label}`, percentile(html.times, 95), 'ms', { max: 1000 }),
        row(`HTML report size`, html.bytes / 1024, 'KB'),
        row(`PDF report p50 (Chromium page.pdf, tagged), ${label}`, percentile(pdf.times, 50), 'ms'),
        row(`PDF report p95 (Chromium page.pdf, tagged), ${label}`, percentile(pdf.times, 95), 'ms', { max: 5000 }),
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
