// Writes the binary import fixtures (.docx, damaged and junk files) into src/main/import/fixtures.
// Run with `npx tsx scripts/make-import-fixtures.ts` and commit the output; the text fixtures there
// are written by hand.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun
} from 'docx'

const dir = path.resolve('src/main/import/fixtures')

const body = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] })
const cell = (text: string): TableCell => new TableCell({ children: [body(text)] })

async function storyDocx(): Promise<Buffer> {
  const doc = new Document({
    creator: 'Factdesk fixtures',
    title: 'Unemployment claim',
    footnotes: { 1: { children: [body('Source: labour force survey, table A02.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Is unemployment at a 50-year low?', heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [
              new TextRun('The prime minister said on Wednesday that unemployment was '),
              new TextRun({ text: 'at its lowest level for 50 years', bold: true }),
              new TextRun('. The '),
              new ExternalHyperlink({
                link: 'https://example.org/labour-market',
                children: [new TextRun({ text: 'labour market survey', style: 'Hyperlink' })]
              }),
              new TextRun(' put the rate at 3.8 per cent in the three months to June.'),
              new FootnoteReferenceRun(1)
            ]
          }),
          new Paragraph({ text: 'What the survey shows', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'The rate was lower in 1974, at 3.6 per cent.', bullet: { level: 0 } }),
          new Paragraph({ text: 'It has been below 4 per cent for most of the last two years.', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [cell('Year'), cell('Rate')] }),
              new TableRow({ children: [cell('1974'), cell('3.6%')] }),
              new TableRow({ children: [cell('2024'), cell('3.8%')] })
            ]
          }),
          body('Our verdict: false. The rate is low, but not the lowest in 50 years.')
        ]
      }
    ]
  })
  return Packer.toBuffer(doc)
}

/** Deterministic noise with NUL bytes in it, like an image or an executable renamed to .txt. */
function junk(length: number): Buffer {
  const bytes = Buffer.alloc(length)
  let seed = 42
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    bytes[i] = i % 17 === 0 ? 0 : seed >>> 24
  }
  return bytes
}

async function main(): Promise<void> {
  const docx = await storyDocx()
  const files: Record<string, Buffer> = {
    'story.docx': docx,
    // A zip header and then the middle of the file missing: what a broken download looks like.
    'damaged.docx': Buffer.concat([docx.subarray(0, 600), junk(400)]),
    'renamed.docx': Buffer.from('This is a plain text file that someone renamed to .docx.\n'),
    'junk.txt': junk(2048),
    // "Café" in Windows-1252: a byte that is not valid UTF-8.
    'latin1.txt': Buffer.from('Caf\xe9 owners say rents rose 40 per cent.\n', 'latin1'),
    'junk.html': Buffer.concat([Buffer.from('<html><body>'), junk(1024)]),
    'empty.txt': Buffer.alloc(0)
  }
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), bytes)
    console.log(`wrote ${path.join('src/main/import/fixtures', name)} (${bytes.byteLength} bytes)`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
