// The data desk's export: filter the library's claims, see which pass, and save them as CSV with a
// row per evidence item, read back with papaparse.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('filter the library’s claims by verdict and export them as CSV, one row per evidence item', async ({
  factdesk
}) => {
  // Marks, attaches and filters in one journey: more steps than most, on a machine that may be loaded.
  test.setTimeout(120_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-data-export-'))
  try {
    const library = new LibraryPage(page)
    await library.addEditor('Ana Ruiz')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await story.claimItems.first().click()
    await story.panel.setStatus('Done')
    await story.panel.setVerdict('Needs context')
    await story.panel.fill('rationale', 'The statement leaves out the talks. A second sentence.')
    await story.panel.attachNewSource({
      title: 'White House transcript',
      url: 'https://whitehouse.example/transcript',
      excerpt: 'We will not send troops, =SUM(A1)',
      locator: 'para 4'
    })
    await story.backToLibrary()

    await page.getByRole('button', { name: 'Claims to CSV…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export claims for the data desk' })
    const count = dialog.getByRole('status').first()
    await expect(count).toHaveText('3 claims pass the filter.')
    // Every visible label names a control: clicking "Editor (…)" reaches the person picker.
    for (const id of ['data-status', 'data-verdict', 'data-editor'])
      await expect(dialog.locator(`label[for="${id}"] ~ #${id}`)).toHaveRole('combobox')
    await dialog.getByRole('combobox', { name: 'Verdict' }).click()
    await page.getByRole('option', { name: 'Needs context' }).click()
    await expect(count).toHaveText('1 claim passes the filter.')
    const listed = dialog.getByRole('list', { name: 'Claims that pass the filter' }).getByRole('listitem')
    await expect(listed).toHaveCount(1)
    await expect(listed.first()).toContainText('Needs context')
    await dialog.getByRole('combobox', { name: 'Status' }).click()
    await page.getByRole('option', { name: 'Open' }).click()
    await expect(count).toHaveText('0 claims pass the filter.')
    await expect(dialog.getByRole('button', { name: 'Export CSV…' })).toBeDisabled()
    await dialog.getByRole('combobox', { name: 'Status' }).click()
    await page.getByRole('option', { name: 'Any status' }).click()
    await expect(count).toHaveText('1 claim passes the filter.')
    await dialog.getByRole('radio', { name: /^One row per evidence item/ }).click()

    await factdesk.answerSaveDialog(out)
    await dialog.getByRole('button', { name: 'Export CSV…' }).click()
    const saved = dialog.getByRole('status').filter({ hasText: 'Saved 1 claim to' })
    await expect(saved).toBeVisible()
    const file = /to (.+)\.$/.exec(await saved.innerText())![1]!
    const rows = Papa.parse<Record<string, string>>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true
    }).data
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      storyTitle: SAMPLE_TITLE,
      status: 'Done',
      verdict: 'needs_context',
      'reviewRating.alternateName': 'Needs context',
      'reviewRating.ratingExplanation': 'The statement leaves out the talks.',
      verdictBy: 'Ana Ruiz',
      'source.name': 'White House transcript',
      'source.url': 'https://whitehouse.example/transcript',
      'evidence.excerpt': 'We will not send troops, =SUM(A1)',
      'evidence.locator': 'para 4',
      method: 'secondary'
    })
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
