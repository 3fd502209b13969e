// A PDF export as the editor follows it: the dialog shows the export's steps while main writes the PDF
// in its worker, and Cancel stops it and saves nothing. The export is held before the worker starts
// with the browser driver's hook (holdPrinting), never a timer, so the step on screen is known.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type FactdeskApp } from './support/fixtures'
import { callFromPage } from './pages/bridge'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { expectNoViolations } from './support/axe'
import { TransferPage } from './pages/transfer-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

let out = ''
// Each test writes a PDF and starts the app: well under a minute, more on a loaded machine.
test.describe.configure({ timeout: 180_000 })
test.beforeEach(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-pdf-export-'))
})
test.afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

/** Opens the export dialog on the whole library, chooses PDF and starts the export with the print held. */
async function startHeldPdfExport(factdesk: FactdeskApp) {
  const release = factdesk.holdPrinting()
  test.skip(release === null, "the print is held through the browser driver's print hook")
  const { page } = factdesk
  await new LibraryPage(page).addEditor('Sam Ortiz')
  const transfer = new TransferPage(page)
  await factdesk.chooseMenuItem('Export Report…', 'export')
  const dialog = transfer.exportDialog
  await dialog.getByRole('combobox', { name: 'Format' }).click()
  await page.getByRole('option', { name: 'PDF report' }).click()
  await factdesk.answerSaveDialog(out)
  await dialog.getByRole('button', { name: 'Export…' }).click()
  // Held in the print: every story is read, and the dialog says what it waits for.
  await expect(dialog.getByText('Writing the PDF…')).toBeVisible()
  const bar = dialog.getByRole('progressbar', { name: 'Export progress' })
  await expect(bar).toBeVisible()
  await expect(bar).toHaveAttribute('aria-valuenow', '33')
  return { dialog, release: release! }
}

test('a PDF export shows its steps while it is written, then saves the report', async ({ factdesk }) => {
  const { dialog, release } = await startHeldPdfExport(factdesk)
  release()
  const saved = dialog.getByRole('status').filter({ hasText: 'Saved' })
  await expect(saved).toBeVisible({ timeout: 120_000 })
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeHidden()
  const file = (await saved.locator('strong').innerText()).trim()
  expect(path.dirname(file)).toBe(out)
  expect(await readdir(out)).toEqual([path.basename(file)])
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  expect(text).toContain(SAMPLE_TITLE)
  expect(text).toMatch(/Page 1 of \d+/)
  // The bar moved through the claims as they were written, and the PDF is tagged with an outline.
  const bytes = await readFile(file)
  expect(bytes.includes('/StructTreeRoot')).toBe(true)
  expect(bytes.includes('/Outlines')).toBe(true)
})

test('Cancel export stops the PDF and saves nothing; the next export saves', async ({ factdesk }) => {
  const { dialog, release } = await startHeldPdfExport(factdesk)
  await dialog.getByRole('button', { name: 'Cancel export' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Export cancelled: nothing was saved.' })).toBeVisible()
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeHidden()
  await expect(dialog.getByRole('button', { name: 'Cancel export' })).toBeHidden()
  expect(await readdir(out)).toEqual([])
  // The writer is free again: with the hold released, the same dialog exports.
  release()
  await factdesk.answerSaveDialog(out)
  await dialog.getByRole('button', { name: 'Export…' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 120_000 })
  expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toHaveLength(1)
})

test('a PDF export names the claims whose characters it cannot show, and suggests the HTML report', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Sam Ortiz')
  await library.createStory(
    'Fuel prices rose in Bangkok, ministry says',
    'Fuel prices rose by five percent in March, the ministry said.\n\nThe price of diesel was unchanged.'
  )
  const story = new StoryPage(page)
  await story.selectText('Fuel prices rose by five percent in March')
  await story.markSelection()
  await expect(story.panel.words).toHaveText('Fuel prices rose by five percent in March')
  await story.panel.fill('rationale', 'The ministry’s own table says so.')
  await story.selectText('The price of diesel was unchanged')
  await story.markSelection()
  // The new claim's panel, not the first one's still open while the mark is saved (a fill there was lost with it).
  await expect(story.panel.words).toHaveText('The price of diesel was unchanged')
  // Thai: no font the PDF embeds has it.
  await story.panel.fill('rationale', 'ราคาน้ำมันดีเซลไม่เปลี่ยนแปลง')
  await expect(story.claimItems).toHaveCount(2)
  // The rationale saved in main before the export reads the story (the save is a call of its own, sent on blur).
  const storyId = await page.locator('.story-view').getAttribute('data-story-id')
  await expect
    .poll(async () => {
      const answer = await callFromPage(page, 'stories.get', { id: storyId })
      const claims = (answer.value as { claims?: { rationale: string }[] } | undefined)?.claims ?? []
      return claims.map((c) => c.rationale)
    })
    .toContain('ราคาน้ำมันดีเซลไม่เปลี่ยนแปลง')
  await factdesk.answerSaveDialog(out)
  await page.getByRole('button', { name: 'Export…' }).click()
  const file = await new TransferPage(page).exportAs('PDF report')
  const notice = page.getByTestId('export-unshown')
  await expect(notice).toContainText('This PDF cannot show some characters')
  await expect(notice).toContainText('left out in C2 of “Fuel prices rose in Bangkok, ministry says”')
  await expect(notice).toContainText('export those stories as HTML')
  await expect(notice).not.toContainText('C1')
  await expectNoViolations(page, 'the export dialog with its notice of what the PDF cannot show')
  // What it names is what the file lacks: the Thai words are not in its text, the English ones are.
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
  expect(text).toContain('The ministry’s own table says so.')
  expect(text).not.toContain('ราคา')
})
