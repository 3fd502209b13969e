// Electron-only guarantees: these need a real BrowserWindow, so they skip under the browser driver.
import { expect, test } from './support/fixtures'

test.describe('window security (electron driver)', () => {
  test.skip(({ driver }) => driver !== 'electron', 'Needs a real Electron BrowserWindow: webPreferences and navigation guards do not exist in plain Chromium.')

  test('window preferences are locked down', async ({ factdesk }) => {
    const prefs = await factdesk.electron!.evaluate(({ BrowserWindow }) => {
      const p = BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences()!
      return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity }
    })
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true })
    expect(factdesk.page.url()).toMatch(/^app:\/\/factdesk\//)
  })

  test('navigating away is blocked and new windows are refused', async ({ factdesk }) => {
    const { page } = factdesk
    const before = page.url()
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.evaluate(() => window.open('https://example.org/'))
    await expect.poll(() => factdesk.openedExternally()).toEqual(expect.arrayContaining(['https://example.com/', 'https://example.org/']))
    expect(page.url()).toBe(before)
    expect(await factdesk.electron!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })
})
