// Import by address of a page with a news site's furniture (nytimes.com markup, served from this
// computer): the story comes in without captions, credits, the ad slot's "Continue reading the main
// story", the newsletter promo or the related box, and the details name the outlet, author and date
// the page's metadata gives (the outlet only through a JSON-LD @id).
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { TransferPage } from './pages/transfer-page'

const pages = path.resolve(__dirname, '../test/fixtures/news-pages')

let server: Server
let base = ''
test.beforeAll(async () => {
  const page = await readFile(path.join(pages, 'nyt-style.html'))
  server = createServer((req, res) => {
    res.writeHead(req.url === '/2024/02/21/nyregion/harbor-tunnel-leaks.html' ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8'
    })
    res.end(req.url === '/2024/02/21/nyregion/harbor-tunnel-leaks.html' ? page : '<h1>Not found</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

for (const size of [null, { width: 1024, height: 700 }]) {
  test(`a news page imported by address comes without its furniture and with its outlet, author and date (${size ? `${size.width}×${size.height}` : 'default size'})`, async ({
    factdesk
  }) => {
    const { page } = factdesk
    if (size) await page.setViewportSize(size)
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    await library.addEditor('Import Tester')
    await transfer.importUrl(`${base}/2024/02/21/nyregion/harbor-tunnel-leaks.html`)
    // The first import starts the import worker (jsdom, Readability): on a busy machine that takes a while.
    await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible({ timeout: 60_000 })
    await transfer.expectStoryOpen('Harbor Tunnel Leaks Worsen After Salt Season')
    const text = page.getByRole('region', { name: 'Story text' })
    await expect(text).toContainText('Water seeping into the Harbor Tunnel doubled this winter')
    await expect(text).toContainText('close one of the tunnel’s two lanes for repairs starting in April')
    for (const furniture of [
      'A crew pumping water',
      'Credit',
      'Advertisement',
      'Continue reading the main story',
      'Get New York Today in your inbox',
      'Related Coverage'
    ])
      await expect(text).not.toContainText(furniture)

    await page.getByRole('button', { name: 'Details…' }).click()
    const details = page.getByRole('dialog', { name: 'Story details' })
    await expect(details.getByLabel('Outlet')).toHaveValue('The New York Times')
    await expect(details.getByLabel('Byline')).toHaveValue('Dana Whitfield')
    await expect(details.getByLabel('Publication date')).toHaveValue('2024-02-21')
  })
}
