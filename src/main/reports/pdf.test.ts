// The PDF report as written by pdf-report.ts, read back with poppler: its text as drawn (pdftotext),
// its structure tree with the text of each element (pdfinfo -struct-text, what a screen reader
// follows), its outline and its page numbers.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReport } from './build'
import type { ReportModel } from './model'
import { writePdf } from './pdf-report'
import { renderReport } from './render'
import { budgetStory, hostile, hostileStory, largeInput, sampleInput } from './testing/sample-report'

let dir: string
let n = 0

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-pdf-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface ReadBack {
  bytes: Buffer
  /** pdftotext: the text as drawn, page by page. */
  text: string
  /** pdfinfo -struct-text: the structure tree, one element or text a line. */
  structure: string
  pages: number
}

async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const file = path.join(dir, `report-${n++}.pdf`)
  await writeFile(file, bytes)
  const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 })
  const info = run('pdfinfo', [file])
  return {
    bytes: Buffer.from(bytes),
    text: run('pdftotext', ['-enc', 'UTF-8', file, '-']),
    structure: run('pdfinfo', ['-struct-text', file]),
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  }
}

/** The structure tree's elements of one type, with the text they hold, in document order. */
function elements(structure: string, type: string): string[] {
  const lines = structure.split('\n')
  const found: string[] = []
  lines.forEach((line, i) => {
    const m = /^(\s*)(\w+)/.exec(line)
    if (!m || m[2] !== type || line.trim().startsWith('"')) return
    const depth = m[1]!.length
    let text = ''
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!
      if (next.length - next.trimStart().length <= depth) break
      const t = /^\s*"(.*)"$/.exec(next)
      if (t) text += t[1]
    }
    found.push(text)
  })
  return found
}

/** A PDF literal string's bytes: escapes undone (octal, \\n, \\( …), UTF-16 when it starts with its mark. */
function pdfString(literal: string): string {
  const named: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 }
  const out: number[] = []
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i]!
    if (c !== '\\') {
      out.push(c.charCodeAt(0))
      continue
    }
    const oct = /^[0-7]{1,3}/.exec(literal.slice(i + 1))
    if (oct) {
      out.push(Number.parseInt(oct[0], 8))
      i += oct[0].length
    } else {
      const e = literal[++i]!
      out.push(named[e] ?? e.charCodeAt(0))
    }
  }
  const bytes = Buffer.from(out)
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? bytes.subarray(2).swap16().toString('utf16le')
    : bytes.toString('latin1')
}

/** The outline's titles in the order they were written (the /Title of each outline item). */
function outlineTitles(bytes: Buffer): string[] {
  return [...bytes.toString('latin1').matchAll(/\/Title \(((?:\\.|[^\\)])*)\)/g)].map((m) => pdfString(m[1]!))
}

const squeeze = (s: string): string => s.replace(/\s+/g, '')

describe('PDF report', () => {
  it('holds the report text, with page numbers on every page', async () => {
    const model = buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] }))
    const rendered = await renderReport('pdf', model)
    expect(rendered.extension).toBe('pdf')
    expect(Buffer.from(rendered.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const { text, pages } = await readBack(rendered.bytes)
    expect(text).toContain('Riverton council approves record budget')
    expect(text).toContain('C1')
    expect(text).toContain('a budget of $4.2 million')
    expect(text).toContain('Riverton adopted budget 2026')
    expect(text).toContain(hostile.script)
    expect(text).toContain('He said "no", then')
    const numbers = [...text.matchAll(/Page (\d+) of (\d+)/g)]
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(numbers.map((m) => Number(m[1]))).toEqual(Array.from({ length: pages }, (_, i) => i + 1))
    expect(numbers.every((m) => Number(m[2]) === pages)).toBe(true)
  })

  it('is tagged: headings, paragraphs, quotes, lists, tables and links in the structure tree, in reading order', async () => {
    const model = buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] }))
    const { bytes, structure } = await readBack((await writePdf(model)).bytes)
    expect(bytes.includes('/StructTreeRoot')).toBe(true)
    expect(bytes.includes('/Marked true')).toBe(true)
    expect(bytes.includes('/Lang (en)')).toBe(true)
    expect(elements(structure, 'H1')).toEqual([model.title])
    // Right-to-left words are drawn in visual order; each run of them is a Span whose ActualText is
    // the reading order (poppler prints the drawn text, so only the left-to-right headings are compared).
    const h2 = elements(structure, 'H2')
    expect(h2.slice(0, 2)).toEqual(['Summary of 2 stories', model.stories[0]!.title])
    expect(h2[2]).toContain('Hearing <script>alert("x")</script> "notes", ')
    expect(h2).toHaveLength(3)
    const actual = [...bytes.toString('latin1').matchAll(/\/ActualText \(((?:\\.|[^\\)])*)\)/g)].map((m) =>
      pdfString(m[1]!)
    )
    expect(actual).toContain('قالت الوزارة إن 40% من الميزانية أنفقت')
    expect(actual).toContain('המשרד אמר שהתקציב גדל')
    // Every claim's heading, in story order, then each story's own sections.
    const h3 = elements(structure, 'H3').filter((h) => /^C\d+/.test(h))
    expect(h3.map((h) => h.split(' ')[0])).toEqual(model.stories.flatMap((s) => s.claims.map((c) => c.label)))
    for (const type of ['P', 'BlockQuote', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Caption', 'Link', 'Figure'])
      expect(elements(structure, type).length, type).toBeGreaterThan(0)
    const quotes = elements(structure, 'BlockQuote')
    expect(quotes.some((q) => q.includes('a budget of $4.2 million'))).toBe(true)
    expect(elements(structure, 'Link')).toContain('Riverton adopted budget 2026')
    // Reading order: a claim's heading, its words, its facts, its rationale, its evidence.
    const budget = model.stories[0]!.claims[0]!
    const at = (s: string): number => structure.indexOf(s)
    expect(at(budget.label)).toBeLessThan(at(budget.quote))
    expect(at(budget.quote)).toBeLessThan(at('RATIONALE:'))
    expect(at('RATIONALE:')).toBeLessThan(at('EVIDENCE:'))
  })

  it('has an outline of its sections, stories and claims, and links to its sources', async () => {
    const model = buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] }))
    const { bytes } = await readBack((await writePdf(model)).bytes)
    const titles = outlineTitles(bytes)
    expect(titles).toContain('Summary of 2 stories')
    for (const story of model.stories) expect(titles).toContain(story.title)
    const claims = titles.filter((t) => /^C\d+ /.test(t))
    expect(claims.map((t) => t.split(' ')[0])).toEqual(model.stories.flatMap((s) => s.claims.map((c) => c.label)))
    expect(bytes.toString('latin1')).toContain('/URI (https://www.riverton.example/budget/2026?utm_source=mail)')
  })

  it('keeps every word of any claim text, in order, whatever its script and length (property)', async () => {
    // Latin with accents, Greek, Cyrillic and long unbroken words: the scripts the embedded font covers
    // left to right (right-to-left text is drawn in visual order, so it is read back reordered).
    const word = fc.oneof(
      fc.constantFrom('café', 'naïve', 'Zürich', 'Ελλάδα', 'προϋπολογισμός', 'бюджет', 'Київ', '40%', '$4.2m', '—'),
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöçéßøłžάέήαβγδ'), minLength: 1, maxLength: 90 })
    )
    const text = fc.array(word, { minLength: 1, maxLength: 120 }).map((ws) => ws.join(' '))
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), async (rationales) => {
        const model: ReportModel = buildReport(largeInput(1, rationales.length))
        const story = model.stories[0]!
        const claims = story.claims.slice(-rationales.length)
        claims.forEach((c, i) => (c.rationale = rationales[i]!))
        const { structure } = await readBack((await writePdf(model)).bytes)
        const paragraphs = elements(structure, 'P').map(squeeze)
        let from = 0
        for (const r of rationales) {
          const at = paragraphs.findIndex((p, i) => i >= from && p === squeeze(`RATIONALE: ${r}`))
          expect(at, r).toBeGreaterThanOrEqual(from)
          from = at + 1
        }
      }),
      {
        numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 12),
        seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)
      }
    )
  }, 180_000)

  it('writes a large report to many pages, with a claim per outline entry', async () => {
    const model = buildReport(largeInput(3, 40))
    const { text, pages, bytes } = await readBack((await writePdf(model)).bytes)
    expect(pages).toBeGreaterThan(5)
    expect(text).toContain('C40')
    expect(outlineTitles(bytes).filter((t) => /^C\d+ /.test(t)).length).toBe(model.totals.claims)
    // The file's bytes are assembled by the typesetter (pdf-layout.ts): every entry of the
    // cross-reference table is the offset of its object.
    const file = bytes.toString('latin1')
    const xref = Number(/startxref\n(\d+)/.exec(file.slice(-64))?.[1])
    expect(file.startsWith('xref\n', xref)).toBe(true)
    const table = file.slice(xref).split('\n')
    const count = Number(table[1]!.split(' ')[1])
    expect(count).toBeGreaterThan(100)
    const misplaced = Array.from({ length: count - 1 }, (_, i) => i + 1).filter(
      (id) => !file.startsWith(`${id} 0 obj`, Number(table[2 + id]!.slice(0, 10)))
    )
    expect(misplaced).toEqual([])
  })

  it('draws Chinese, Japanese, Korean and emoji in fonts that have them, in the text layer', async () => {
    const model = buildReport(largeInput(1, 1))
    const claim = model.stories[0]!.claims[0]!
    const words = ['中文', '预算增加了', 'ひらがなカタカナ', '한국어', '😀', `Fans${hostile.emoji.slice(4, 7)}`, '❤️']
    claim.rationale = `Quoted: ${words.join(' ')} (mixed中文text) done`
    claim.restatement = `${hostile.emoji} 中文`
    const bytes = (await writePdf(model)).bytes
    const { text, structure } = await readBack(bytes)
    for (const w of words) expect(text, w).toContain(w)
    expect(text).toContain('mixed中文text')
    expect(elements(structure, 'P').map(squeeze)).toContain(squeeze(`RATIONALE: ${claim.rationale}`))
    const file = path.join(dir, `report-${n++}.pdf`)
    await writeFile(file, bytes)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    for (const name of ['DejaVuSans-Bold', 'DejaVuSans', 'NotoEmoji', 'NotoSansSC', 'NotoSansKR'])
      expect(fonts).toContain(name)
    // A report without such characters embeds DejaVu Sans alone.
    const plain = path.join(dir, `report-${n++}.pdf`)
    await writeFile(plain, (await writePdf(buildReport(largeInput(1, 1)))).bytes)
    expect(execFileSync('pdffonts', [plain], { encoding: 'utf8' })).not.toContain('Noto')
  })

  it('names the claims whose characters no font shows (Thai, Ethiopic, a skin tone the emoji font drops)', async () => {
    const model = buildReport(largeInput(2, 6))
    const [first, second] = model.stories
    const c = first!.claims
    c[0]!.rationale = 'ราคาน้ำมันสูงขึ้น ร้อยละ 5' // Thai
    c[1]!.quote = 'ሰላም ዓለም' // Ethiopic
    c[2]!.restatement = 'Fans 👍🏽 cheered' // a skin-tone modifier the monochrome emoji font takes into the thumb
    c[3]!.rationale = `Shown: 中文 한국어 😀 ❤️ ${hostile.arabic} ${hostile.hebrew} e\u0301 Ωμέγα Привет` // every font has these
    second!.title = 'नमस्ते दुनिया' // Devanagari, outside any claim
    const { bytes, unshown } = await writePdf(model)
    expect(unshown.places).toEqual([
      { story: first!.title, claims: [c[0]!.label, c[1]!.label, c[2]!.label], elsewhere: false },
      { story: second!.title, claims: [], elsewhere: true }
    ])
    for (const ch of ['ร', 'ሰ', '🏽', 'न']) expect(unshown.characters).toContain(ch)
    for (const ch of ['中', '한', '😀', 'é', 'Ω']) expect(unshown.characters).not.toContain(ch)
    // What it names is what the text layer lacks: the Thai words are not there, the other scripts are.
    const { text } = await readBack(bytes)
    expect(text).not.toContain('ราคา')
    for (const w of ['中文', '한국어', 'Ωμέγα', 'Привет']) expect(text).toContain(w)
    // A report the fonts show whole names nothing; the report's own title is named apart.
    const plain = buildReport(largeInput(1, 2))
    expect((await writePdf(plain)).unshown).toEqual({ characters: '', places: [] })
    plain.title = 'รายงาน'
    expect((await writePdf(plain)).unshown.places).toEqual([{ story: null, claims: [], elsewhere: true }])
  })

  it('sets a right-to-left paragraph against the right margin and cuts a word too long for a line', async () => {
    const model = buildReport(largeInput(1, 2))
    const story = model.stories[0]!
    story.title = hostile.arabic
    const [rtl, ltr] = story.claims.slice(-2)
    Object.assign(rtl!, { before: '', quote: hostile.hebrew, after: '' })
    const long = 'w'.repeat(160)
    // One word too long for a line at the start of a line, one after other words.
    ltr!.rationale = `Checked.\n${long}a and then ${long}b, done`
    const { bytes, structure } = await readBack((await writePdf(model)).bytes)
    const file = path.join(dir, `report-${n++}.pdf`)
    await writeFile(file, bytes)
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    const words = [
      ...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)
    ].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), text: m[3]! }))
    const left = 39.69
    const right = 595.28 - 39.69
    const inScript = (re: RegExp): { xMin: number; xMax: number }[] => words.filter((w) => re.test(w.text))
    for (const script of [/[\u0600-\u06ff]/, /[\u0590-\u05ff]/]) {
      const drawn = inScript(script)
      expect(drawn.length, String(script)).toBeGreaterThan(2)
      expect(Math.max(...drawn.map((w) => w.xMax)), String(script)).toBeCloseTo(right, 0)
      expect(Math.min(...drawn.map((w) => w.xMin)), String(script)).toBeGreaterThan(left + 150)
    }
    expect(Math.min(...words.filter((w) => w.text === 'RATIONALE:').map((w) => w.xMin))).toBeCloseTo(left, 0)
    // Every word within the margins, the long words whole in the text read back.
    expect(words.filter((w) => w.xMax > right + 0.5 || w.xMin < left - 0.5)).toEqual([])
    expect(elements(structure, 'P').map(squeeze)).toContain(squeeze(`RATIONALE: ${ltr!.rationale}`))
  })

  it('says how far it has got, claim by claim, and stops when cancelled', async () => {
    const model = buildReport(largeInput(3, 40))
    const heard: number[] = []
    await writePdf(model, (done, total) => {
      expect(total).toBe(model.totals.claims)
      heard.push(done)
    })
    expect(heard).toEqual([...heard].sort((a, b) => a - b))
    expect(heard.at(-1)).toBe(model.totals.claims)
    const stop = new AbortController()
    const cancelled = writePdf(model, (done) => done > 0 && stop.abort(), stop.signal)
    await expect(cancelled).rejects.toThrow('cancelled')
  })
})
