// Printing a report with Playwright's Chromium the way the app prints it with Electron
// (electron-platform.ts): a fresh window of the print window's size, JavaScript off, the same
// print options. The browser e2e driver, the PDF tests and the reports bench all print through this.
import type { Browser } from '@playwright/test'
import { playwrightPdfOptions, printWindowSize } from '../pdf'

export async function printWithPlaywright(browser: Browser, html: string): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: printWindowSize })
  try {
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    return new Uint8Array(await page.pdf(playwrightPdfOptions()))
  } finally {
    await context.close()
  }
}
