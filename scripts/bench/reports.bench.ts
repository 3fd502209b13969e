// Report export speed for a 1,000-claim, 20-story library with a realistic activity log (five
// entries per claim): HTML, PDF, CSV, JSON, Markdown and ClaimReview; and the PDF of 1,000 worked
// claims (long rationales, three pieces of evidence with long excerpts), written as the app writes it:
// in the PDF worker (out/main/pdf-worker.js, built by `npm run bench`), cold (a fresh worker, as every
// export) and warm, with the CPU seconds the process spent per PDF (every thread: the worker's work)
// beside the wall time, so a loaded machine shows less in the CPU figure than in the wall time.
import { performance } from 'node:perf_hooks'
import { buildReport, renderReport, workerPdfWriter, type RenderDeps } from '../../src/main/reports'
import type { ReportFormat } from '../../src/shared/contract/transfer'
import { largeInput } from '../../src/main/reports/testing/sample-report'
import { percentile, row, type Bench, type BenchRow } from './types'

const STORIES = 20
const CLAIMS_PER_STORY = 50
const RUNS = 7
const ACTIVITY_PER_CLAIM = 5
const PDF_RUNS = 5

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
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const rendered = await renderReport(format, buildReport(input), deps)
    times.push(performance.now() - started)
    const used = process.cpuUsage(cpuBefore)
    cpu.push((used.user + used.system) / 1e6)
    bytes = rendered.bytes.byteLength
  }
  return { times, bytes, cpu }
}

const bench: Bench = {
  name: 'reports',
  async run(): Promise<BenchRow[]> {
    let pages = 0
    let tagged = true
    const writer = workerPdfWriter()
    const deps: RenderDeps = {
      async writePdf(model) {
        // A fresh worker per export, as the app writes every PDF.
        const pdf = await writer.write(model, () => undefined, new AbortController().signal)
        const text = Buffer.from(pdf.bytes).toString('latin1')
        pages = (text.match(/\/Type \/Page\b/g) ?? []).length
        tagged &&= text.includes('/StructTreeRoot') && text.includes('/Outlines')
        return pdf
      }
    }
    const noPdf: RenderDeps = { writePdf: () => Promise.reject(new Error('not used')) }
    await timeFormat('html', noPdf, 2) // warm the JIT before measuring
    const html = await timeFormat('html', noPdf, RUNS)
    const csv = await timeFormat('csv', noPdf, RUNS)
    const json = await timeFormat('json', noPdf, RUNS)
    const markdown = await timeFormat('markdown', noPdf, RUNS)
    const claimreview = await timeFormat('claimreview', noPdf, RUNS)
    const label = `${STORIES} stories x ${CLAIMS_PER_STORY} claims, ${ACTIVITY_PER_CLAIM} activity entries per claim`
    const worked = largeInput(STORIES, CLAIMS_PER_STORY, { activityPerClaim: ACTIVITY_PER_CLAIM, worked: true })
    // The first PDF of this process (the model's build warm, the worker fresh as always): reported apart.
    const workedCold = await timeFormat('pdf', deps, 1, worked)
    const workedPages = pages
    const workedWarm = await timeFormat('pdf', deps, PDF_RUNS, worked)
    const pdf = await timeFormat('pdf', deps, PDF_RUNS)
    const plainPages = pages
    const workedLabel = `(long rationale, 3 evidence with excerpts, ${ACTIVITY_PER_CLAIM} activity entries; PDF worker, tagged)`
    return [
      row(`HTML report p50, ${label}`, percentile(html.times, 50), 'ms'),
      row(`HTML report p95, ${label}`, percentile(html.times, 95), 'ms', { max: 1000 }),
      row(`HTML report size`, html.bytes / 1024, 'KB'),
      row(`PDF 1,000 worked claims p95 (${PDF_RUNS} writes) ${workedLabel}`, percentile(workedWarm.times, 95), 'ms', {
        max: 3000
      }),
      row(`PDF 1,000 worked claims p50`, percentile(workedWarm.times, 50), 'ms'),
      row(`PDF 1,000 worked claims, first of the process`, workedCold.times[0] ?? Number.NaN, 'ms', { max: 3000 }),
      row(`PDF 1,000 worked claims CPU seconds per PDF p95 (all threads)`, percentile(workedWarm.cpu, 95), 's', {
        max: 3
      }),
      row(`PDF 1,000 worked claims CPU seconds per PDF p50 (all threads)`, percentile(workedWarm.cpu, 50), 's'),
      row(`PDF pages, 1,000 worked claims`, workedPages, 'pages'),
      row(`PDF size, 1,000 worked claims`, workedWarm.bytes / 1e6, 'MB'),
      row(`PDF report p95 (PDF worker, tagged), ${label}`, percentile(pdf.times, 95), 'ms', { max: 3000 }),
      row(`PDF report CPU seconds p95, ${label}`, percentile(pdf.cpu, 95), 's'),
      row(`PDF report pages, ${label}`, plainPages, 'pages'),
      row(
        `PDF report is tagged with an outline (1 = every PDF had a structure tree and an outline)`,
        tagged ? 1 : 0,
        '',
        {
          min: 1
        }
      ),
      row(`CSV report p95, ${label}`, percentile(csv.times, 95), 'ms', { max: 500 }),
      row(`JSON package p95, ${label}`, percentile(json.times, 95), 'ms', { max: 500 }),
      row(`Markdown report p50, ${label}`, percentile(markdown.times, 50), 'ms'),
      row(`Markdown report CPU seconds p50, ${label}`, percentile(markdown.cpu, 50), 's'),
      row(`HTML report CPU seconds p50, ${label}`, percentile(html.cpu, 50), 's'),
      row(`ClaimReview JSON-LD p50, ${label}`, percentile(claimreview.times, 50), 'ms')
    ]
  }
}
export default bench
