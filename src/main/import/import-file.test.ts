import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { StoryMeta } from '../../shared/model'
import { canonicalText } from '../../shared/text/canonical'
import { importFile, type ImportedStory } from './convert'

const fixture = (name: string): { fileName: string; bytes: Uint8Array } => ({
  fileName: name,
  bytes: new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', name)))
})
const utf8 = (fileName: string, text: string): { fileName: string; bytes: Uint8Array } => ({
  fileName,
  bytes: new TextEncoder().encode(text)
})

function expectWellFormed(story: ImportedStory): void {
  expect(canonicalText(story.text)).toBe(story.text)
  expect(StoryMeta.partial().safeParse(story.meta).success).toBe(true)
  expect(story.meta.title.length).toBeGreaterThan(0)
}

describe('importFile: formats', () => {
  it('reads a .txt story into paragraphs, titled by its first line', async () => {
    const story = await importFile(fixture('story.txt'))
    expectWellFormed(story)
    expect(story.meta.title).toBe('Council says bus fares will not rise before 2026')
    const paragraphs = story.text.split('\n\n')
    expect(paragraphs).toHaveLength(4)
    // Hard-wrapped lines inside a paragraph join with a space.
    expect(paragraphs[1]).toBe(
      'The city council said on Tuesday that bus fares would stay at £2.40 until at least January 2026, despite a projected shortfall of £14 million in the transport budget.'
    )
  })

  it('strips Markdown syntax and reads front matter', async () => {
    const story = await importFile(fixture('story.md'))
    expectWellFormed(story)
    expect(story.meta).toEqual({
      title: 'Hospital waiting lists: what the minister said',
      byline: 'Jane Doe',
      outlet: 'The Daily Check',
      publishedAt: '2024-03-05T09:30:00+01:00'
    })
    expect(story.text).not.toMatch(/[#*>[\]]|```|chart\.png|https:/)
    expect(story.text.split('\n\n')).toContain('What the figures show')
    expect(story.text).toContain('She pointed to the official figures published last week.')
    expect(story.text.split('\n\n')).toContain('It rose in December, so the fall was not continuous.')
    expect(story.text).toContain('waiting_list_total = 7_540_000')
    expect(story.text).toContain('Reference-style source links keep their words.')
  })

  it('extracts the article from a page full of navigation, adverts and scripts', async () => {
    const story = await importFile(fixture('article.html'))
    expectWellFormed(story)
    expect(story.meta).toEqual({
      title: 'Did the factory closure cost 2,000 jobs?',
      outlet: 'The Evening Ledger',
      byline: 'Sam Rivera',
      url: 'https://ledger.example/news/factory-closure-jobs',
      publishedAt: '2024-05-14T07:45:00+01:00',
      language: 'en-GB'
    })
    const paragraphs = story.text.split('\n\n')
    expect(paragraphs).toContain('What the company reported')
    expect(paragraphs).toContain('• Two parts suppliers closed in 2023 with 380 staff between them.')
    expect(story.text).toContain('Our verdict: mostly accurate, but missing context about timing.')
    expect(story.text).toMatch(/^[\s\S]*cost this town 2,000 jobs overnight[\s\S]*heart of the local economy/)
    for (const junk of [
      'LEAK',
      'Home',
      'Most read',
      'Ten things',
      'All rights reserved',
      'Mega Mart',
      'font-family',
      'Sponsored'
    ])
      expect(story.text).not.toContain(junk)
    expect(story.warnings).toEqual([])
  })

  it('reads metadata from JSON-LD graphs and <time> when a page has no Open Graph tags', async () => {
    const prose =
      '<p>The agency said on Friday that the bridge inspection found no structural faults, contradicting an earlier report.</p>'.repeat(
        4
      )
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Site' },
        {
          '@type': 'NewsArticle',
          headline: 'Bridge passes inspection',
          author: [{ name: 'Ann Lee' }, 'Bo Chan'],
          publisher: { name: 'Harbour Times' }
        }
      ]
    }
    const html = `<html lang="fr_CA"><head><title>Bridge | Harbour Times</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><article><time datetime="2024-02-09T16:20">9 Feb</time>${prose}</article></body></html>`
    const story = await importFile(utf8('bridge.html', html))
    expect(story.meta).toEqual({
      title: 'Bridge passes inspection',
      byline: 'Ann Lee, Bo Chan',
      outlet: 'Harbour Times',
      publishedAt: '2024-02-09T16:20:00Z',
      language: 'fr-CA'
    })
  })

  it('never lets script, style, noscript or template content into the text, even without an article', async () => {
    const html = `<html><body><p>Visible words.</p><script>var a = "SCRIPT"</script><style>p { color: red } /* STYLE */</style>
      <noscript>NOSCRIPT</noscript><template><p>TEMPLATE</p></template><p onclick="alert('HANDLER')">More <b>words</b>.</p></body></html>`
    const story = await importFile(utf8('short.html', html))
    expect(story.text).toBe('Visible words.\n\nMore words.')
    expect(story.warnings[0]).toMatch(/No main article/)
  })

  it('reads a .docx with its title, headings, lists, table and footnotes', async () => {
    const story = await importFile(fixture('story.docx'))
    expectWellFormed(story)
    expect(story.meta.title).toBe('Is unemployment at a 50-year low?')
    const paragraphs = story.text.split('\n\n')
    expect(paragraphs[0]).toBe('Is unemployment at a 50-year low?')
    expect(paragraphs).toContain(
      'The prime minister said on Wednesday that unemployment was at its lowest level for 50 years. The labour market survey put the rate at 3.8 per cent in the three months to June.[1]'
    )
    expect(paragraphs).toContain('What the survey shows')
    expect(paragraphs).toContain('• The rate was lower in 1974, at 3.6 per cent.')
    expect(paragraphs).toContain('3.6%')
    expect(paragraphs.at(-2)).toBe('Our verdict: false. The rate is low, but not the lowest in 50 years.')
    expect(paragraphs.at(-1)).toBe('1. Source: labour force survey, table A02.')
  })

  it('honours a declared charset and a UTF-8 byte-order mark', async () => {
    const latin = Buffer.from(
      '<html><head><meta charset="windows-1252"><title>Caf\xe9 rents</title></head><body><p>Caf\xe9 owners say rents rose.</p></body></html>',
      'latin1'
    )
    expect((await importFile({ fileName: 'cafe.html', bytes: new Uint8Array(latin) })).text).toBe(
      'Café owners say rents rose.'
    )
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Headline\n\nBody.')])
    expect((await importFile({ fileName: 'bom.txt', bytes: bom })).text).toBe('Headline\n\nBody.')
    // A byte-order mark outranks a charset the page declares wrongly.
    const marked = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('<meta charset="windows-1252"><p>Café</p>')
    ])
    expect((await importFile({ fileName: 'marked.html', bytes: marked })).text).toBe('Café')
  })

  it('falls back to the file name when the first line is too long to be a title', async () => {
    const story = await importFile(utf8('C:\\desk\\aid-claims_draft 3.TXT', `${'word '.repeat(60)}\n\nSecond.`))
    expect(story.meta.title).toBe('aid claims draft 3')
  })
})

describe('importFile: bad input', () => {
  const rejects = (file: { fileName: string; bytes: Uint8Array }, code: string, message: RegExp) =>
    expect(importFile(file)).rejects.toMatchObject({ name: 'AppError', code, message: expect.stringMatching(message) })

  it('refuses unsupported types, naming the file and what to do', async () => {
    await rejects(utf8('minutes.pdf', '%PDF-1.7'), 'unsupported', /minutes\.pdf is a \.pdf file.*paste/)
    await rejects(utf8('old.doc', 'x'), 'unsupported', /old\.doc.*save it as \.docx/)
    await rejects(utf8('README', 'x'), 'unsupported', /without an extension/)
  })

  it('refuses an empty file and a file with only blank lines', async () => {
    await rejects(fixture('empty.txt'), 'invalid_input', /empty\.txt is empty/)
    await rejects(utf8('blank.md', '\n\n   \n'), 'invalid_input', /blank\.md contains no text/)
  })

  it('refuses binary junk and text that is not UTF-8', async () => {
    await rejects(fixture('junk.txt'), 'invalid_input', /junk\.txt looks like binary data/)
    await rejects(fixture('junk.html'), 'invalid_input', /junk\.html looks like binary data/)
    await rejects(fixture('latin1.txt'), 'invalid_input', /latin1\.txt is not UTF-8 text/)
  })

  it('refuses a damaged .docx and a text file renamed to .docx', async () => {
    await rejects(fixture('damaged.docx'), 'invalid_input', /damaged\.docx is not a readable Word document/)
    await rejects(fixture('renamed.docx'), 'invalid_input', /renamed\.docx is not a readable Word document/)
  })

  it('refuses files over the size cap before reading them', async () => {
    await rejects(
      { fileName: 'huge.txt', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61) },
      'too_large',
      /huge\.txt is 10\.0 MB, over the 10\.0 MB/
    )
    await rejects(
      { fileName: 'huge.docx', bytes: new Uint8Array(25 * 1024 * 1024 + 1) },
      'too_large',
      /huge\.docx is 25\.0 MB, over the 25\.0 MB/
    )
  })

  it('refuses text longer than a story can hold', async () => {
    await rejects(
      { fileName: 'long.txt', bytes: new Uint8Array(2_000_001).fill(0x61) },
      'too_large',
      /long\.txt holds 2,000,001 characters/
    )
  })
})
