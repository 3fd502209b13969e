// Electron-only guarantees: these need a real BrowserWindow, so they skip under the browser driver.
import { expect, test } from './support/fixtures'

test.describe('window security (electron driver)', () => {
  test.skip(
    ({ driver }) => driver !== 'electron',
    'Needs a real Electron BrowserWindow: webPreferences and navigation guards do not exist in plain Chromium.'
  )

  test('window preferences are locked down', async ({ factdesk }) => {
    const prefs = await factdesk.electron!.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences exists at runtime but is missing from electron.d.ts.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): Electron.WebPreferences
      }
      const p = contents.getLastWebPreferences()
      return {
        sandbox: p.sandbox,
        contextIsolation: p.contextIsolation,
        nodeIntegration: p.nodeIntegration,
        webSecurity: p.webSecurity
      }
    })
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true })
    expect(factdesk.page.url()).toMatch(/^app:\/\/factdesk\//)
    expect(
      await factdesk.page.evaluate(() => [
        typeof (window as { process?: unknown }).process,
        typeof (window as { require?: unknown }).require
      ])
    ).toEqual(['undefined', 'undefined'])
  })

  test('navigating away is blocked and new windows are refused', async ({ factdesk }) => {
    const { page } = factdesk
    const before = page.url()
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.evaluate(() => window.open('https://example.org/'))
    await expect
      .poll(() => factdesk.openedExternally())
      .toEqual(expect.arrayContaining(['https://example.com/', 'https://example.org/']))
    expect(page.url()).toBe(before)
    expect(await factdesk.electron!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })
})
