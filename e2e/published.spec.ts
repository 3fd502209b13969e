// After publication (issue 28, item 6): a story imported from a page served on this computer is checked,
// given a verdict and signed off; the page then changes; "Check published page" brings in the new text,
// the changed claim waits for re-check, the prefilled correction is logged, and the exported report and
// ClaimReview show the correction.
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

const article = (routes: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council cuts bus routes</title></head>
<body><article>
<h1>Council cuts bus routes</h1>
<p>The council cut ${routes} bus routes on Monday, the transport committee confirmed in its weekly meeting.</p>
<p>The mayor said no school route was affected by the changes, which take effect next month across the city.</p>
<p>Residents of the northern districts said they had not been consulted before the decision was taken.</p>
</article></body></html>`

let served = article('12')
let server: Server
let address = ''
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const found = req.url === '/news/bus-routes.html'
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(found ? served : '<h1>Not found</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/bus-routes.html`
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('a published page that changed: re-check, a prefilled correction, and a report that prints it', async ({
  factdesk
}) => {
  // Import (the first start of the import worker), sign-off, a second fetch and two exports on a shared machine.
  test.setTimeout(180_000)
  const { page } = factdesk
  served = article('12')
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-published-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    const verdict = new VerdictPage(page)
    const story = new StoryPage(page)
    await library.addEditor('Ana Ruiz')
    await page.getByRole('button', { name: 'Desk settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Desk settings' })
    await settings.getByLabel('Organisation name').fill('The Ledger')
    await settings.getByLabel(/^Fact-check page address/).fill('https://ledger.example/checks')
    await settings.getByRole('button', { name: 'Save settings' }).click()
    await expect(settings).toBeHidden()
    await transfer.importUrl(address)
    await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible({ timeout: 60_000 })
    await transfer.expectStoryOpen('Council cuts bus routes')

    await story.selectText('cut 12 bus routes on Monday')
    await story.markSelection()
    await story.panel.setVerdict('Accurate')
    await story.panel.fill('rationale', 'The committee minutes list twelve routes.')
    await story.panel.setStatus('Done')
    await expect(page.getByRole('button', { name: 'Check published page' })).toHaveCount(0)

    await verdict.chooseDeskState('Cleared')
    // Every claim is Done with a verdict: the story clears without an override.
    await expect(page.getByRole('button', { name: /^Log a correction/ })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Check published page' })).toBeVisible()

    // ClaimReview as first published: no dateModified yet.
    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const first = JSON.parse(
      await readFile(await transfer.exportAs('ClaimReview JSON-LD (schema.org, for publishing)'), 'utf8')
    )
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()
    const firstReview = [first].flat()[0]
    expect(firstReview.dateModified).toBeUndefined()

    // The outlet edits the published page.
    served = article('11')
    await page.getByRole('button', { name: 'Check published page' }).click()
    const dialog = page.getByRole('dialog', { name: 'Log a correction' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByLabel('What changed')).toHaveValue(
      'The published page changed (revision 2): C1 needs re-check'
    )
    await expect(dialog.getByLabel('Note for readers')).toHaveValue(
      'An earlier version of this article said “cut 12 bus routes on Monday”; it now says “cut 11 bus routes on Monday”.'
    )
    await dialog.getByRole('button', { name: 'Log correction' }).click()
    await expect(dialog).toBeHidden()
    // The claim followed its words into the new revision and waits for re-check.
    await expect(page.getByRole('button', { name: /^Revision 2/ })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Log a correction… (1)' })).toBeVisible()
    await expect(verdict.recheckCount).toHaveText('1')
    await expect(story.highlight('cut 11 bus routes on Monday')).toBeVisible()

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const html = await readFile(await transfer.exportAs('HTML report (print-ready, self-contained)'), 'utf8')
    expect(html).toContain('The published page changed (revision 2): C1 needs re-check')
    expect(html).toContain('it now says “cut 11 bus routes on Monday”')
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()

    // Confirming the verdict for the new words publishes it again, dated by the correction.
    await story.claimItems.first().click()
    await verdict.recheck.getByRole('button', { name: /^Confirm/ }).click()
    await expect(verdict.recheckCount).toHaveText('0')
    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const again = [
      JSON.parse(await readFile(await transfer.exportAs('ClaimReview JSON-LD (schema.org, for publishing)'), 'utf8'))
    ].flat()[0]
    expect(again.claimReviewed).toContain('cut 11 bus routes')
    expect(again.datePublished).toBe(firstReview.datePublished)
    expect(again.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}/)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
