// A confidential source is named in no output: every format is rendered from a library where one
// source is withheld, and neither its name, its URL, its author nor its excerpt appears anywhere;
// each output says "confidential source" with the source's kind instead.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportFormats } from '../../shared/contract/transfer'
import type { Source, StoryFile } from '../../shared/model'
import { parsePackage } from '../package'
import { buildReport } from './build'
import { renderReport } from './render'
import { parseClaimReviews } from './testing/claimreview-schema'
import { at, budgetStory, sampleInput, settings, signedOff, sources } from './testing/sample-report'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-confidential-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const secret: Source = {
  id: 's-secret',
  url: 'https://leaks.example/riverton/payroll-2026',
  title: 'Payroll ledger from Marguerite Okonkwo',
  publisher: 'Okonkwo Consulting',
  author: 'Marguerite Okonkwo',
  publishedAt: at(-500),
  accessedAt: at(-100),
  archiveUrl: 'https://archive.example/web/leaks-payroll',
  kind: 'interview',
  reliability: 'medium',
  notes: 'Met at the cafe on Elm Street',
  confidential: { reason: 'She would lose her job' },
  createdAt: at(-100),
  updatedAt: at(-100)
}
/** Everything that could name the source, and the reason, which stays on the desk. */
const giveaways = [
  'Marguerite',
  'Okonkwo',
  'leaks.example',
  'leaks-payroll',
  'Elm Street',
  'lose her job',
  'PAYROLL-LINE'
]

function story(): StoryFile {
  const file = signedOff(budgetStory())
  const claimId = 'story-budget-budget'
  file.evidence.push({
    id: 'e-secret',
    claimId,
    sourceId: secret.id,
    stance: 'supports',
    excerpt: 'PAYROLL-LINE 42: council salaries',
    locator: 'sheet 2',
    appearance: true,
    createdAt: at(31),
    createdBy: 'p-jonas',
    updatedAt: at(31)
  })
  file.activity.push({
    id: 'a-secret',
    at: at(31),
    by: 'p-jonas',
    action: 'evidence.added',
    storyId: file.story.id,
    claimId,
    field: null,
    from: null,
    to: secret.title,
    summary: `Evidence from “${secret.title}” (supports)`
  })
  file.claims
    .find((c) => c.id === claimId)!
    .contacts.push({
      id: 'k-secret',
      contact: 'The source',
      sourceId: secret.id,
      method: 'phone',
      outcome: 'confirmed',
      at: at(32),
      notes: 'Marguerite Okonkwo confirmed the figure',
      followUp: '',
      by: 'p-jonas',
      loggedAt: at(32)
    })
  return file
}

async function text(format: (typeof reportFormats)[number]): Promise<string> {
  const input = sampleInput({ stories: [story()], sources: [...sources, secret] })
  const rendered = await renderReport(format, buildReport(input))
  if (format !== 'pdf') return new TextDecoder().decode(rendered.bytes)
  const file = path.join(dir, 'report.pdf')
  await writeFile(file, rendered.bytes)
  // The text as drawn, the text of the PDF's structure tree (what a screen reader reads) and the
  // file's uncompressed objects (link addresses, the outline, the document's title).
  return (
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) +
    execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }) +
    Buffer.from(rendered.bytes).toString('latin1')
  )
}

describe('a confidential source', () => {
  it.each(reportFormats)(
    'is named nowhere in the %s output, which says “confidential source” instead',
    async (format) => {
      const out = await text(format)
      for (const word of giveaways) expect(out, word).not.toContain(word)
      // The internal report carries the contact log too: its note is kept, the name in it is not.
      // ClaimReview and the annotations carry no evidence, so they have no source to name.
      if (format !== 'claimreview' && format !== 'annotations')
        expect(out.toLowerCase()).toContain('confidential source')
    }
  )

  it('shows its kind in every human-readable output', async () => {
    for (const format of ['html', 'pdf', 'markdown', 'csv'] as const)
      expect(await text(format)).toMatch(/\(Interview\)/)
  })

  it('reads back from the package and the CSV as confidential, and never as an appearance in ClaimReview', async () => {
    const pkg = parsePackage(await text('json'))
    expect(pkg.sources.find((s) => s.id === secret.id)).toMatchObject({
      title: 'Confidential source',
      url: '',
      kind: 'interview',
      confidential: { reason: 'Withheld by the desk that exported this package' }
    })
    expect(pkg.stories[0]!.evidence.find((e) => e.id === 'e-secret')).toMatchObject({ excerpt: '', locator: '' })
    const rows = Papa.parse<Record<string, string>>((await text('csv')).replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ','
    }).data
    expect(rows.find((r) => r.claimId === 'story-budget-budget')?.evidence).toContain(
      'Supports: Confidential source (Interview)'
    )
    const reviews = parseClaimReviews(await text('claimreview'))
    expect(reviews[0]!.itemReviewed.appearance?.map((a) => a.url)).toEqual([
      'https://ledger.example/news/record-budget'
    ])
  })
})

describe('the desk’s transparency statements', () => {
  it('are printed in the HTML and the PDF report, and left out when none is set', async () => {
    const transparency = {
      methodology: 'We check every number against its primary document.',
      correctionsPolicyUrl: 'https://ledger.example/corrections-policy',
      contact: 'factcheck@ledger.example',
      funding: 'Funded by our readers and the Riverton Trust.'
    }
    for (const format of ['html', 'pdf'] as const) {
      const input = sampleInput({ settings: { ...settings, transparency } })
      const rendered = await renderReport(format, buildReport(input))
      let out = new TextDecoder().decode(rendered.bytes)
      if (format === 'pdf') {
        const file = path.join(dir, 'transparency.pdf')
        await writeFile(file, rendered.bytes)
        out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      }
      expect(out).toContain('About this fact-check')
      for (const statement of Object.values(transparency)) expect(out).toContain(statement)
    }
    const plain = new TextDecoder().decode((await renderReport('html', buildReport(sampleInput()))).bytes)
    expect(plain).not.toContain('About this fact-check')
  })
})
