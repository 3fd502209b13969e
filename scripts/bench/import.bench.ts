// Import time for a 1 MB news page and a 2 MB Word document, generated here in a temp folder.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx'
import { importFile } from '../../src/main/import'
import { percentile, row, type Bench, type BenchRow } from './types'

const RUNS = 5
const MB = 1024 * 1024
const WORDS = 'the council said minister figures rose fell per cent since January official report survey data budget jobs plant workers claimed according analysis'.split(' ')

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
  const nav = Array.from({ length: 400 }, (_, i) => `<li class="nav-item"><a href="/section/${i}">Section ${i}</a></li>`).join('')
  const related = Array.from({ length: 300 }, (_, i) => `<li class="related"><a href="/story/${i}"><img src="/t/${i}.jpg" alt="">${prose(i, 12)}</a></li>`).join('')
  const article = Array.from({ length: 180 }, (_, i) => (i % 20 === 0 ? `<h2>${prose(i, 6)}</h2>` : `<p>${prose(i + 1000, 28)}</p>`)).join('\n')
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
async function wordDocument(): Promise<Buffer> {
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
    if (i % 230 === 0) children.push(new Paragraph({ children: [new ImageRun({ type: 'jpg', data: photo(i + 1), transformation: { width: 600, height: 400 } })] }))
    children.push(new Paragraph({ children: [new TextRun(prose(i, 20)), new TextRun({ text: ` ${prose(i + 7, 8)}`, bold: i % 3 === 0 })] }))
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}

async function time(file: string, fileName: string): Promise<{ p50: number; chars: number }> {
  const times: number[] = []
  let chars = 0
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now()
    const story = await importFile({ fileName, bytes: new Uint8Array(await readFile(file)) })
    // The first run warms the JIT and module caches; an editor's second import is the usual case.
    if (i > 0) times.push(performance.now() - started)
    chars = story.text.length
  }
  return { p50: percentile(times, 50), chars }
}

const bench: Bench = {
  name: 'import',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-import-bench-'))
    try {
      const html = Buffer.from(newsPage(MB))
      const docx = await wordDocument()
      await writeFile(path.join(dir, 'page.html'), html)
      await writeFile(path.join(dir, 'story.docx'), docx)
      const long = Buffer.from(longRead(MB))
      await writeFile(path.join(dir, 'long.html'), long)
      const page = await time(path.join(dir, 'page.html'), 'page.html')
      const longPage = await time(path.join(dir, 'long.html'), 'long.html')
      const word = await time(path.join(dir, 'story.docx'), 'story.docx')
      return [
        row(`import ${(html.byteLength / MB).toFixed(1)} MB HTML page p50 (${page.chars.toLocaleString('en')} chars of text)`, page.p50, 'ms', { max: 1000 }),
        row(`import ${(long.byteLength / MB).toFixed(1)} MB HTML that is all article p50 (${longPage.chars.toLocaleString('en')} chars)`, longPage.p50, 'ms', { max: 3000 }),
        row(`import ${(docx.byteLength / MB).toFixed(1)} MB .docx p50 (${word.chars.toLocaleString('en')} chars of text)`, word.p50, 'ms', { max: 2000 })
      ]
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
export default bench
