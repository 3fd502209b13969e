// Bringing stories in and sending reports out, through the real bridge: import from a file and a
// web page, revise with claims following their words, re-attach an orphan, and export every format.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { TransferPage } from './pages/transfer-page'
import { VerdictPage } from './pages/verdict-page'

const fixtures = path.resolve(__dirname, '../src/main/import/fixtures')
const shots = path.resolve(__dirname, '../test-results/screenshots')
const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

let server: Server
let base = ''
test.beforeAll(async () => {
  const article = await readFile(path.join(fixtures, 'article.html'))
  server = createServer((req, res) => {
    res.writeHead(req.url === '/article' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(req.url === '/article' ? article : '<h1>Not found</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('import a story, mark claims, revise it: claims follow their words and the lost one is orphaned', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  const transfer = new TransferPage(page)
  await library.addEditor('Sam Ortiz')

  await transfer.importFile(path.join(fixtures, 'story.txt'))
  await transfer.expectStoryOpen('Council says bus fares will not rise before 2026')
  const story = new StoryPage(page)
  const fares = 'bus fares would stay at £2.40 until at least January 2026'
  const survey = 'The last travel survey, published in 2019, put the share at 48 per cent.'
  const osei = 'Councillor Amara Osei, who chairs the transport committee'
  for (const words of [fares, osei, survey]) {
    await story.selectText(words)
    await story.markSelection()
    await expect(story.highlight(words.slice(0, 20))).toBeVisible()
  }

  const result = await transfer.revise(
    (text) =>
      `Updated at 6pm with the council’s response.\n\n${text.replace('£2.40', '£2.50').replace(` ${survey}`, '')}`,
    'Evening update'
  )
  await expect(result).toContainText('1 claim kept their words, 1 followed edited words, 1 orphaned')
  // Which claim followed edited words, with its words before and after.
  const followed = result.getByRole('list', { name: 'Claims that followed edited words' })
  await expect(followed.locator('del')).toHaveText(fares)
  await expect(followed.locator('ins')).toHaveText(fares.replace('£2.40', '£2.50'))
  await expect(result).toContainText(survey)
  await result.getByRole('button', { name: 'Done' }).click()

  await expect(story.highlight('bus fares would stay at £2.50')).toBeVisible()
  const orphan = story.claimItem(survey)
  await expect(orphan).toContainText('Orphaned')
  await orphan.click()
  await expect(story.panel.root).toContainText('These words are no longer in the story')
  await story.selectText('Opposition members said the figure was out of date.')
  await story.panel.root.getByRole('button', { name: 'Re-attach to selection' }).click()
  await expect(story.highlight('Opposition members said the figure')).toBeVisible()
  // The words are used up: the selection is let go and its floating "Mark as claim" is gone.
  await expect(page.getByRole('button', { name: 'Mark as claim' })).toHaveCount(0)
  expect(await page.evaluate(() => document.getSelection()?.toString() ?? '')).toBe('')
  await expect(story.claimItems.filter({ hasText: 'Orphaned' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Revision 2', exact: true }).click()
  const revisions = page.getByRole('dialog', { name: /^Revisions of/ })
  await expect(revisions.locator('del').filter({ hasText: '48 per cent' })).toBeVisible()
  await expect(revisions.locator('ins').filter({ hasText: 'Updated at 6pm' })).toBeVisible()
  // Changed passages with a count and next/previous, not the whole text.
  // (The three edits of this short story sit close together: one passage; see diff-passages.test.ts for a long one.)
  await expect(revisions.getByTestId('change-count')).toHaveText('Change 1 of 1')
  await expect(revisions.getByRole('button', { name: 'Next change' })).toBeDisabled()
  await expect(revisions.getByRole('button', { name: 'Previous change' })).toBeDisabled()
  await page.screenshot({ path: path.join(shots, 'revision-diff.png') })
  await revisions.getByRole('button', { name: 'Close' }).click()

  await factdesk.restart()
  await new LibraryPage(factdesk.page).open('Council says bus fares will not rise before 2026')
  const reopened = new StoryPage(factdesk.page)
  await expect(reopened.highlight('bus fares would stay at £2.50')).toBeVisible()
  await expect(reopened.highlight('Opposition members said the figure')).toBeVisible()
})

test('import a web page by its address or a dropped file; a bad file is refused in words and creates nothing', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  const transfer = new TransferPage(page)
  await library.addEditor('Sam Ortiz')

  await transfer.importUrl(`${base}/article`)
  await transfer.expectStoryOpen('Did the factory closure cost 2,000 jobs?')
  await expect(page.getByTestId('article')).not.toContainText('SCRIPT-LEAK')
  await page.getByRole('button', { name: 'Details…' }).click()
  const details = page.getByRole('dialog', { name: 'Story details' })
  await expect(details.getByLabel('Outlet')).toHaveValue('The Evening Ledger')
  await details.getByLabel('Headline').fill('Factory closure: 2,000 jobs claim')
  await details.getByRole('button', { name: 'Save details' }).click()
  await transfer.expectStoryOpen('Factory closure: 2,000 jobs claim')
  await new StoryPage(page).backToLibrary()

  // A file dropped anywhere on the window is imported as a story.
  const markdown = await readFile(path.join(fixtures, 'story.md'), 'utf8')
  const drop = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([text], 'dropped-story.md', { type: 'text/markdown' }))
    return transfer
  }, markdown)
  await page.dispatchEvent('body', 'dragover', { dataTransfer: drop })
  await page.dispatchEvent('body', 'drop', { dataTransfer: drop })
  await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
  await new StoryPage(page).backToLibrary()
  await expect(page.locator('tr[data-story-id]')).toHaveCount(3)

  await transfer.importUrl(`${base}/gone`)
  await expect(transfer.importDialog.getByRole('alert')).toContainText('network_error')
  await transfer.importDialog.getByRole('tab', { name: 'From a file' }).click()
  await transfer.importDialog.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'junk.txt'))
  await expect(transfer.importDialog.getByRole('alert')).toContainText('invalid_input')
  await transfer.importDialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.locator('tr[data-story-id]')).toHaveCount(3)
})

test('export the sample story in every format, and bring the package back without duplicates', async ({ factdesk }) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-exports-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    await library.addEditor('Sam Ortiz')
    await page.getByRole('button', { name: 'Desk settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Desk settings' })
    await settings.getByLabel('Organisation name').fill('The Evening Ledger')
    await settings.getByLabel(/^Fact-check page address/).fill('https://ledger.example/fact-checks/')
    await settings.getByRole('group', { name: 'Verdict 3' }).getByLabel('Name', { exact: true }).fill('Missing context')
    await settings.getByRole('button', { name: 'Save settings' }).click()
    await expect(settings).toBeHidden()

    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await story.claimItems.first().click()
    // ClaimReview publishes Done claims only.
    await story.panel.setStatus('Done')
    await story.panel.setVerdict('Missing context')
    await story.panel.fill('rationale', 'Said in an interview; <script>alert(1)</script> “quoted”, with commas.')
    // ClaimReview publishes only what the desk signed off.
    const verdict = new VerdictPage(page)
    await verdict.chooseDeskState('Cleared')
    await verdict.signOffDialog.getByLabel('Override: why clear it anyway?').fill('Only the first claim is published')
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(verdict.signOffDialog).toBeHidden()

    const formats: [string, string][] = [
      ['HTML report (print-ready, self-contained)', '.html'],
      ['PDF report', '.pdf'],
      ['Markdown (for a CMS or chat)', '.md'],
      ['CSV spreadsheet (one row per claim)', '.csv'],
      ['Verification package (JSON, re-importable)', '.json'],
      ['ClaimReview JSON-LD (schema.org, for publishing)', '.jsonld']
    ]
    const saved = new Map<string, string>()
    await factdesk.chooseMenuItem('Export Report…', 'export')
    for (const [label, extension] of formats) {
      await factdesk.answerSaveDialog(out)
      const file = await transfer.exportAs(label)
      expect(path.extname(file)).toBe(extension)
      saved.set(extension, file)
    }
    await page.screenshot({ path: path.join(shots, 'export-dialog.png') })
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()

    const html = await readFile(saved.get('.html')!, 'utf8')
    expect(html).toContain(SAMPLE_TITLE)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script/i)
    const pdfText = execFileSync('pdftotext', ['-layout', saved.get('.pdf')!, '-'], { encoding: 'utf8' })
    expect(pdfText).toContain('Trump Rules Out Sending US Troops')
    expect(pdfText).toMatch(/Page 1 of \d+/)
    expect((await readFile(saved.get('.csv')!)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(await readFile(saved.get('.md')!, 'utf8')).toContain('Missing context')
    const reviews = JSON.stringify(JSON.parse(await readFile(saved.get('.jsonld')!, 'utf8')))
    expect(reviews).toContain('"ClaimReview"')
    expect(reviews).toContain('"alternateName":"Missing context"')
    expect(reviews).toContain('The Evening Ledger')
    expect(reviews).toContain('https://ledger.example/fact-checks/')

    await story.backToLibrary()
    await transfer.importPackage(saved.get('.json')!)
    await expect(page.getByRole('status').filter({ hasText: 'Package imported' })).toContainText(
      '0 new and 1 merged stories'
    )
    await expect(page.locator('tr[data-story-id]')).toHaveCount(1)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})

test('tick stories in the library to export just those, and trash one and bring it back', async ({ factdesk }) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-exports-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    await library.addEditor('Sam Ortiz')
    for (const title of ['Harbour dredging cost', 'School meals pledge']) {
      await library.createStory(title, `${title}: the council said the figure was 3 million pounds.`)
      await new StoryPage(page).backToLibrary()
    }
    await page.getByRole('checkbox', { name: 'Select Harbour dredging cost' }).click()
    await page.getByRole('checkbox', { name: 'Select School meals pledge' }).click()
    await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible()

    await page.getByRole('button', { name: 'Export…' }).click()
    await transfer.exportDialog.getByRole('radio', { name: 'The 2 selected stories' }).click()
    await factdesk.answerSaveDialog(out)
    const file = await transfer.exportAs('HTML report (print-ready, self-contained)')
    const html = await readFile(file, 'utf8')
    expect(html).toContain('Harbour dredging cost')
    expect(html).toContain('School meals pledge')
    expect(html).not.toContain(SAMPLE_TITLE)
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()

    await page.getByRole('checkbox', { name: 'Select School meals pledge' }).click()
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await expect(library.row('Harbour dredging cost')).toHaveCount(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(library.row('Harbour dredging cost')).toHaveCount(1)

    await page.getByRole('checkbox', { name: 'Select Harbour dredging cost' }).click()
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await expect(library.row('Harbour dredging cost')).toHaveCount(0)
    await page.getByRole('button', { name: 'Trash', exact: true }).click()
    const trash = page.getByRole('dialog', { name: 'Trash' })
    await trash
      .getByRole('row', { name: /Harbour dredging cost/ })
      .getByRole('button', { name: 'Restore' })
      .click()
    await trash.getByRole('button', { name: 'Close' }).click()
    await expect(library.row('Harbour dredging cost')).toHaveCount(1)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})

test('the revision diff of a long story counts its changes and Next moves to the second passage', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  const transfer = new TransferPage(page)
  await library.addEditor('Long Reviser')
  // About 4,000 words in 200 paragraphs, each one told apart by its number.
  const paragraphs = Array.from(
    { length: 200 },
    (_, i) =>
      `Paragraph ${i + 1} reports that the harbour board met on a weekday and reviewed the quarterly figures for freight and passengers in detail.`
  )
  await library.createStory('Harbour board long read', paragraphs.join('\n\n'))
  const story = new StoryPage(page)
  await expect(story.article.locator('.para')).toHaveCount(200)

  // Two edits far apart: one near the top, one near the end.
  await transfer
    .revise(
      (text) =>
        text
          .replace(
            'Paragraph 3 reports that the harbour board met',
            'Paragraph 3 reports that the harbour board convened'
          )
          .replace('Paragraph 190 reports that', 'Paragraph 190 confirms that'),
      'Two corrections'
    )
    .then((result) => result.getByRole('button', { name: 'Done' }).click())

  await page.getByRole('button', { name: 'Revision 2', exact: true }).click()
  const revisions = page.getByRole('dialog', { name: /^Revisions of/ })
  const count = revisions.getByTestId('change-count')
  await expect(count).toHaveText('Change 1 of 2')
  const current = revisions.locator('.revision-passages li[aria-current="true"]')
  await expect(current.locator('ins')).toHaveText('convened')
  await expect(revisions.getByRole('button', { name: 'Previous change' })).toBeDisabled()
  await revisions.getByRole('button', { name: 'Next change' }).click()
  await expect(count).toHaveText('Change 2 of 2')
  await expect(current.locator('ins')).toHaveText('confirms')
  await expect(current.locator('del')).toHaveText('reports')
  await expect(current).toBeFocused()
  await expect(current).toBeInViewport()
  await expect(revisions.getByRole('button', { name: 'Next change' })).toBeDisabled()
  await revisions.getByRole('button', { name: 'Previous change' }).click()
  await expect(count).toHaveText('Change 1 of 2')
  await expect(current.locator('ins')).toHaveText('convened')
})
