// Import time through the app's own path (the import worker, built into out/main/) for a 1 MB news
// page, a 1 MB page that is all article and a 2 MB Word document; then the hostile-input cases
// with their time, the worker's heap and what the main process's heap grew by.
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx'
import { createImporter, type Importer } from '../../src/main/import'
import {
  badCssHtml,
  deepHtml,
  hugeImageHtml,
  wrongCharsetHtml,
  zipBombDocx
} from '../../src/main/import/testing/hostile-inputs'
import { percentile, row, type Bench, type BenchRow } from './types'

const RUNS = 5
const MB = 1024 * 1024
const WORDS =
  'the council said minister figures rose fell per cent since January official report survey data budget jobs plant workers claimed according analysis'.split(
    ' '
  )

/** Deterministic prose so every run measures the same document. */
function prose(seed: number, words: number): string {
  let state = seed
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    out.push(WORDS[(state >>> 16) % WORDS.length] as string)
  }
  return `${out.join(' ')}.`
}

/**
 * A page shaped like a real news site's: most of the megabyte is inline script, styles,
 * navigation and related links; the article itself is about 5,000 words.
 */
function newsPage(targetBytes: number): string {
  const nav = Array.from(
    { length: 400 },
    (_, i) => `<li class="nav-item"><a href="/section/${i}">Section ${i}</a></li>`
  ).join('')
  const related = Array.from(
    { length: 300 },
    (_, i) => `<li class="related"><a href="/story/${i}"><img src="/t/${i}.jpg" alt="">${prose(i, 12)}</a></li>`
  ).join('')
  const article = Array.from({ length: 180 }, (_, i) =>
    i % 20 === 0 ? `<h2>${prose(i, 6)}</h2>` : `<p>${prose(i + 1000, 28)}</p>`
  ).join('\n')
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench story | The Ledger</title>
    <meta property="og:title" content="Bench story"><meta property="article:published_time" content="2024-05-14T07:45:00Z">
    <style>${'.c{color:red;margin:0 auto}'.repeat(3000)}</style>`
  const body = `<body><header><nav class="menu"><ul>${nav}</ul></nav><div class="ad">Advert</div></header>
    <main><article><h1>Bench story</h1>${article}</article></main><aside class="sidebar"><ul>${related}</ul></aside><footer>Footer</footer>`
  const filler = Math.max(0, targetBytes - head.length - body.length - 40)
  return `${head}<script>window.__STATE__ = ${JSON.stringify({ blob: 'x'.repeat(filler) })}</script></head>${body}</body></html>`
}

/** The worst case for Readability: a megabyte that is all article, about 7,000 paragraphs. */
function longRead(targetBytes: number): string {
  const paragraphs: string[] = []
  let size = 0
  for (let i = 0; size < targetBytes - 200; i++) {
    const p = i % 40 === 0 ? `<h2>${prose(i, 6)}</h2>` : `<p>${prose(i, 24)}</p>`
    paragraphs.push(p)
    size += p.length + 1
  }
  return `<!doctype html><html lang="en"><head><title>Long read</title></head><body><article>${paragraphs.join('\n')}</article></body></html>`
}

/** About 20,000 words of text and three photos, which is what makes a real .docx weigh 2 MB. */
async function wordDocument(): Promise<Uint8Array> {
  const photo = (seed: number): Buffer => {
    const bytes = Buffer.alloc(500 * 1024)
    let state = seed
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      bytes[i] = state >>> 24
    }
    return bytes
  }
  const children: Paragraph[] = []
  for (let i = 0; i < 700; i++) {
    if (i % 230 === 0)
      children.push(
        new Paragraph({
          children: [new ImageRun({ type: 'jpg', data: photo(i + 1), transformation: { width: 600, height: 400 } })]
        })
      )
    children.push(
      new Paragraph({
        children: [new TextRun(prose(i, 20)), new TextRun({ text: ` ${prose(i + 7, 8)}`, bold: i % 3 === 0 })]
      })
    )
  }
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))
}

const bytesOf = (text: string) => new TextEncoder().encode(text)

interface Timed {
  p50: number
  p95: number
  cold: number
  chars: number
  outcome: string
  workerHeapMb: number
  mainHeapGrowthMb: number
}

/** Runs one import RUNS + 1 times: the first is reported as cold (a fresh worker loads the parsers). */
async function time(
  importer: Importer,
  stats: { heapMb: number },
  fileName: string,
  bytes: Uint8Array
): Promise<Timed> {
  const times: number[] = []
  let chars = 0
  let outcome = 'imported'
  let cold = 0
  let workerHeapMb = 0
  let mainHeapGrowthMb = 0
  for (let i = 0; i <= RUNS; i++) {
    const heapBefore = process.memoryUsage().heapUsed
    const started = performance.now()
    try {
      chars = (await importer.file({ fileName, bytes })).text.length
    } catch (error) {
      outcome = `refused (${(error as { code?: string }).code})`
    }
    const ms = performance.now() - started
    if (i === 0) cold = ms
    else times.push(ms)
    workerHeapMb = Math.max(workerHeapMb, stats.heapMb)
    mainHeapGrowthMb = Math.max(mainHeapGrowthMb, (process.memoryUsage().heapUsed - heapBefore) / MB)
  }
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cold,
    chars,
    outcome,
    workerHeapMb,
    mainHeapGrowthMb
  }
}

const bench: Bench = {
  name: 'import',
  async run(): Promise<BenchRow[]> {
    const stats = { heapMb: 0 }
    let importer = createImporter({ fetch, onStats: (s) => (stats.heapMb = s.heapMb) })
    const rows: BenchRow[] = []
    try {
      const html = bytesOf(newsPage(MB))
      const long = bytesOf(longRead(MB))
      const docx = await wordDocument()
      const page = await time(importer, stats, 'page.html', html)
      const longPage = await time(importer, stats, 'long.html', long)
      const word = await time(importer, stats, 'story.docx', docx)
      rows.push(
        row(
          `import ${(html.byteLength / MB).toFixed(1)} MB HTML page p95 warm (${page.chars.toLocaleString('en')} chars of text)`,
          page.p95,
          'ms',
          { max: 1000 }
        ),
        row(`import ${(html.byteLength / MB).toFixed(1)} MB HTML page, cold (fresh worker)`, page.cold, 'ms'),
        row(
          `import ${(long.byteLength / MB).toFixed(1)} MB HTML that is all article p95 warm (${longPage.chars.toLocaleString('en')} chars)`,
          longPage.p95,
          'ms',
          { max: 3000 }
        ),
        row(
          `import ${(docx.byteLength / MB).toFixed(1)} MB .docx p95 warm (${word.chars.toLocaleString('en')} chars of text)`,
          word.p95,
          'ms',
          { max: 2000 }
        )
      )
      const hostile: [string, string, Uint8Array][] = [
        ['page nested 1,000 deep (11 KB)', 'deep-1000.html', bytesOf(deepHtml(1000))],
        ['page nested 5,000 deep', 'deep-5000.html', bytesOf(deepHtml(5000))],
        ['.docx unpacking to 300 MB', 'bomb.docx', zipBombDocx(300)],
        ['.docx lying about unpacking to 200 MB', 'liar.docx', zipBombDocx(200, { lie: true })],
        ['stylesheet that breaks jsdom', 'css.html', bytesOf(badCssHtml)],
        ['UTF-8 bytes declared gb2312', 'charset.html', bytesOf(wrongCharsetHtml)],
        ['8 MB inline image', 'photo.html', bytesOf(hugeImageHtml())]
      ]
      for (const [label, fileName, bytes] of hostile) {
        // A fresh importer per case, so each cold run pays its own worker start.
        await importer.close()
        importer = createImporter({ fetch, onStats: (s) => (stats.heapMb = s.heapMb) })
        const t = await time(importer, stats, fileName, bytes)
        rows.push(
          row(`hostile: ${label}: ${t.outcome}, p95 warm`, t.p95, 'ms', { max: 2000 }),
          row(`hostile: ${label}: worker heap after the job (limit 512 MB)`, t.workerHeapMb, 'MB', { max: 512 }),
          row(`hostile: ${label}: main-process heap growth`, t.mainHeapGrowthMb, 'MB', { max: 50 })
        )
      }
      // What the main process loads for importing: no parser at start-up.
      const mainBundle = await readFile('out/main/index.js', 'utf8')
      const parsers = ['jsdom', 'mammoth', '@mozilla/readability', 'dompurify'].filter((name) =>
        mainBundle.includes(`require("${name}")`)
      )
      rows.push(
        row(`parsers the main bundle loads at start (${parsers.join(', ') || 'none'})`, parsers.length, 'modules', {
          max: 0
        })
      )
    } finally {
      await importer.close()
    }
    return rows
  }
}
export default bench
