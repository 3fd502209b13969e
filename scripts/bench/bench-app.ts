// The app as the benchmarks start it through the browser driver: the built core and renderer on a library
// folder, the editor known (benchIdentity), answers not checked against the contract (as the packaged app),
// and the moment its first story rows are painted.
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launchBrowserApp, newDialogScript, type BrowserApp, type LaunchOptions } from '../../e2e/support/browser-app'
import { benchIdentity } from '../../src/main/testing/bench-identity'

export function launchBenchApp(
  browser: Browser,
  origin: string,
  dir: string,
  options: LaunchOptions = {}
): Promise<BrowserApp> {
  return launchBrowserApp(browser, origin, dir, newDialogScript(), path.resolve('resources/sample-story.txt'), {
    checkOutput: false,
    identity: benchIdentity,
    ...options
  })
}

/** The time (ms since the epoch) at which the library's first story rows were painted: a frame after they are in the page. */
export const rowsPaintedAt = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const check = (): void => {
          if (document.querySelector('tr[data-story-id]'))
            requestAnimationFrame(() => setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0))
          else requestAnimationFrame(check)
        }
        check()
      })
  )
