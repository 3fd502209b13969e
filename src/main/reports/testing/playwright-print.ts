// Printing a report with Playwright's Chromium the way the app prints it with Electron
// (electron-platform.ts): a fresh window of the print window's size, JavaScript off, the same
// print options. The browser e2e driver, the PDF tests and the reports bench all print through this.
import type { Browser } from '@playwright/test'
import { playwrightPdfOptions, printWindowSize, throwIfCancelled, unlessCancelled } from '../pdf'

/** As the app's print: a cancel closes the window, which ends the load or the print under way. */
export async function printWithPlaywright(
  browser: Browser,
  html: string,
  signal: AbortSignal = new AbortController().signal
): Promise<Uint8Array> {
  throwIfCancelled(signal)
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: printWindowSize })
  const stop = (): void => void context.close().catch(() => undefined)
  signal.addEventListener('abort', stop, { once: true })
  try {
    const page = await context.newPage()
    await unlessCancelled(page.setContent(html, { waitUntil: 'load' }), signal)
    return new Uint8Array(await unlessCancelled(page.pdf(playwrightPdfOptions()), signal))
  } finally {
    signal.removeEventListener('abort', stop)
    await context.close()
  }
}
