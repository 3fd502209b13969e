// Files and pages that try to hurt the app: a hostile file is refused in words while the window
// stays usable (the main process answers other calls during the attempt), an import can be
// cancelled, a redirect into the local network is imported only with the editor's say-so, and the
// library is unchanged by every refusal.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { zipBombDocx } from '../src/main/import/testing/hostile-inputs'
import type { Page } from '@playwright/test'
import { libraryAs, storyRows } from './pages/start'
import { TransferPage } from './pages/transfer-page'
import { expect, test } from './support/fixtures'

const fixtures = path.resolve(__dirname, '../src/main/import/fixtures')

let dir = ''
let bomb = ''
let server: Server
let port = 0
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-hostile-e2e-'))
  // Its zip directory says 1 KB; it inflates to 200 MB, so the worker has to inflate to find out.
  bomb = path.join(dir, 'quarterly-report.docx')
  await writeFile(bomb, zipBombDocx(200, { lie: true }))
  const article = await readFile(path.join(fixtures, 'article.html'))
  server = createServer((req, res) => {
    if (req.url === '/hop') {
      // The page a "public" link leads to sends the reader to another host name for this machine.
      res.writeHead(302, { location: `http://localhost:${port}/article` })
      res.end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(article)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

/** The library with its editor named, ready to import; how many stories it lists before. */
async function importerAs(page: Page): Promise<{ transfer: TransferPage; before: number }> {
  await libraryAs(page, 'Sam Ortiz')
  return { transfer: new TransferPage(page), before: await storyRows(page).count() }
}

test('a hostile .docx is refused in words, the window keeps answering meanwhile, and the library is unchanged', async ({
  factdesk
}) => {
  const { page } = factdesk
  const { transfer, before } = await importerAs(page)

  await transfer.importFile(bomb)
  const cancel = transfer.importDialog.getByRole('button', { name: 'Cancel import' })
  await expect(cancel).toBeVisible()
  // While the worker inflates, the main process still answers the window.
  const stories = await page.evaluate(async () => {
    const result = (await (
      window as unknown as { factdesk: { stories: { list(i: object): Promise<{ ok: boolean; value: unknown[] }> } } }
    ).factdesk.stories.list({})) as { ok: boolean; value: unknown[] }
    return result.ok ? result.value.length : -1
  })
  expect(stories).toBe(before)
  await transfer.importDialog.getByRole('tab', { name: 'From a web page' }).click()
  await expect(transfer.importDialog.getByLabel('Address of the article (http or https)')).toBeVisible()

  const alert = transfer.importDialog.getByRole('alert')
  await expect(alert).toContainText('quarterly-report.docx would unpack to more than 64.0 MB of document text', {
    timeout: 60_000
  })
  await expect(alert).toContainText('save the story alone as a new .docx')
  await expect(alert).toContainText('too_large')
  await expect(cancel).toBeHidden()
  await transfer.importDialog.getByRole('button', { name: 'Close' }).click()
  await expect(storyRows(page)).toHaveCount(before)
})

test('an import under way can be cancelled, and nothing is added', async ({ factdesk }) => {
  const { page } = factdesk
  const { transfer, before } = await importerAs(page)

  await transfer.importFile(bomb)
  await transfer.importDialog.getByRole('button', { name: 'Cancel import' }).click()
  await expect(transfer.importDialog.getByRole('alert')).toContainText(
    'The import of quarterly-report.docx was cancelled.'
  )
  await transfer.importDialog.getByRole('button', { name: 'Close' }).click()
  await expect(storyRows(page)).toHaveCount(before)
})

test('a page redirecting into the local network is imported only after the editor agrees in main’s dialog', async ({
  factdesk
}) => {
  const { page } = factdesk
  const { transfer, before } = await importerAs(page)

  await factdesk.answerNetworkDialog(false)
  await transfer.importUrl(`http://127.0.0.1:${port}/hop`)
  const refusal = transfer.importDialog.getByRole('alert')
  await expect(refusal).toContainText(`redirects to localhost:${port}`)
  await expect(refusal).toContainText('on this computer or your local network')
  await expect(refusal).toContainText('you did not allow it')
  await transfer.importDialog.getByRole('button', { name: 'Close' }).click()
  await expect(transfer.importDialog).toBeHidden()
  await expect(storyRows(page)).toHaveCount(before)

  await factdesk.answerNetworkDialog(true)
  await transfer.importUrl(`http://127.0.0.1:${port}/hop`)
  await transfer.expectStoryOpen('Did the factory closure cost 2,000 jobs?')
})
