// Prints the HTML report with Chromium (as the browser e2e driver does) and reads the text back with pdftotext.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { renderReport } from './render'
import { playwrightPdfOptions } from './pdf'
import { printWithPlaywright } from './testing/playwright-print'
import { budgetStory, hostile, hostileStory, largeInput, sampleInput } from './testing/sample-report'

let browser: Browser
let dir: string

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu']
  })
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-pdf-'))
})
afterAll(async () => {
  await browser?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const printToPdf = (html: string): Promise<Uint8Array> => printWithPlaywright(browser, html)

async function pdfText(input: Parameters<typeof buildReport>[0], name: string): Promise<string> {
  const rendered = await renderReport('pdf', buildReport(input), { printToPdf })
  expect(rendered.extension).toBe('pdf')
  expect(Buffer.from(rendered.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
  const file = path.join(dir, name)
  await writeFile(file, rendered.bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

describe('PDF report', () => {
  it('holds the report text, with page numbers in the footer', async () => {
    const text = await pdfText(sampleInput({ stories: [budgetStory(), hostileStory()] }), 'two.pdf')
    expect(text).toContain('Riverton council approves record budget')
    expect(text).toContain('C1')
    expect(text).toContain('a budget of $4.2 million')
    expect(text).toContain('Riverton adopted budget 2026')
    expect(text).toContain(hostile.script)
    expect(text).toContain('He said "no", then')
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)]
    const total = Number(pages[0]?.[2])
    expect(total).toBeGreaterThanOrEqual(2)
    expect(pages.map((m) => Number(m[1]))).toEqual(Array.from({ length: total }, (_, i) => i + 1))
  })

  it('is a tagged PDF with its page numbers drawn from the report CSS, not a Chromium footer template', async () => {
    expect(playwrightPdfOptions()).toMatchObject({ tagged: true, displayHeaderFooter: false, preferCSSPageSize: true })
    const rendered = await renderReport('pdf', buildReport(sampleInput()), { printToPdf })
    const bytes = Buffer.from(rendered.bytes)
    expect(bytes.includes('/StructTreeRoot')).toBe(true)
    expect(bytes.includes('/MarkInfo')).toBe(true)
  })

  it('prints a large report to many pages', async () => {
    const text = await pdfText(largeInput(3, 40), 'large.pdf')
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)]
    expect(Number(pages[0]?.[2])).toBeGreaterThan(5)
    expect(text).toContain('C40')
  })
})
