// After publication: a signed-off story takes a correction in the corrections log, and the report prints it.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { TransferPage } from './pages/transfer-page'
import { VerdictPage } from './pages/verdict-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('a signed-off story logs a correction that the HTML report prints', async ({ factdesk }) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-corrections-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    const verdict = new VerdictPage(page)
    await library.addEditor('Ana Ruiz')
    await library.open(SAMPLE_TITLE)
    await expect(page.getByRole('button', { name: /^Log a correction/ })).toHaveCount(0)
    await verdict.chooseDeskState('Cleared')
    await verdict.signOffDialog.getByLabel('Override: why clear it anyway?').fill('Published on deadline')
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(verdict.signOffDialog).toBeHidden()

    await page.getByRole('button', { name: /^Log a correction/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Log a correction' })
    await dialog.getByLabel('What changed').fill('The date of the talks')
    await dialog.getByLabel('Note for readers').fill('An earlier version gave the wrong date for the talks.')
    await dialog.getByRole('button', { name: 'Log correction' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('button', { name: 'Log a correction… (1)' })).toBeVisible()

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const html = await readFile(await transfer.exportAs('HTML report (print-ready, self-contained)'), 'utf8')
    expect(html).toContain('An earlier version gave the wrong date for the talks.')
    expect(html).toContain('The date of the talks')
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
