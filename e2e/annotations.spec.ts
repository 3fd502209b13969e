// W3C Web Annotations: export a story's claims from the export dialog, then import them onto a fresh
// copy of the story from its toolbar; every claim comes back at its place, with its verdict.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { TransferPage } from './pages/transfer-page'

test('export a story’s claims as W3C annotations and import them onto a copy of the story', async ({ factdesk }) => {
  test.setTimeout(120_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-annotations-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    await library.addEditor('Ana Ruiz')
    const title = 'Harbour expansion created 2,000 jobs, mayor says'
    const text =
      'The expansion of the harbour has created 2,000 new jobs in its first year, the mayor said on Monday.\n\nThe port authority said most of the jobs were in logistics.'
    await library.createStory(title, text)
    const story = new StoryPage(page)
    await story.selectText('created 2,000 new jobs in its first year')
    await story.markSelection()
    await story.panel.setVerdict('False')
    await story.panel.fill('rationale', 'The port authority counts 1,400.')
    await story.selectText('most of the jobs were in logistics')
    await story.markSelection()
    await expect(story.claimItems).toHaveCount(2)

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const file = await transfer.exportAs('W3C Web Annotations (JSON-LD, for Hypothesis and annotation tools)')
    const doc = JSON.parse(await readFile(file, 'utf8'))
    expect(doc).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 2
    })
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()

    await story.backToLibrary()
    await library.createStory(`${title} (copy)`, text)
    await page.getByRole('button', { name: 'Import annotations…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import annotations' })
    await dialog.getByLabel('Annotation file').setInputFiles(file)
    const summary = dialog.getByRole('status', { name: 'Annotation import result' })
    await expect(summary).toContainText('2 placed, 0 orphaned.')
    await expect(summary.getByRole('list', { name: 'Placed annotations' })).toContainText(
      '“created 2,000 new jobs in its first year” (where it was)'
    )
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(story.claimItems).toHaveCount(2)
    await story.claimItems.first().click()
    await expect(story.panel.verdict).toContainText('False')
    await expect(story.highlight('created 2,000 new jobs')).toBeVisible()
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
