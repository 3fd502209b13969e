// Never a blank window: the built renderer without its bridge, or with a main process that does not
// answer, says what went wrong, where the log is and how to report it. (Under Electron these states
// cannot be staged from a test without breaking the app itself, so they run under the browser driver.)
import { expect, test } from './support/fixtures'

test.describe('startup problems (browser driver)', () => {
  test.skip(
    ({ driver }) => driver !== 'browser',
    'Stages a missing bridge in a plain page; the electron driver always loads the real preload.'
  )

  test('without the preload bridge the window explains the problem instead of going blank', async ({
    browserDriver
  }) => {
    const page = await browserDriver!.browser.newPage()
    try {
      await page.goto(`${browserDriver!.server.origin}/index.html`)
      const screen = page.getByTestId('fatal-screen')
      await expect(screen).toBeVisible()
      await expect(screen.getByRole('heading')).toHaveText(/cannot reach the app/)
      await expect(screen).toContainText('~/.config/Factdesk/logs/main.log')
      await expect(screen.getByRole('button', { name: 'Reload window' })).toBeVisible()
    } finally {
      await page.close()
    }
  })

  test('a main process that never answers is reported, not waited on forever', async ({ browserDriver }) => {
    test.setTimeout(30_000)
    const page = await browserDriver!.browser.newPage()
    try {
      await page.addInitScript(() => {
        const never = (): Promise<never> => new Promise(() => undefined)
        Object.defineProperty(window, 'factdesk', {
          value: Object.freeze({ app: { info: never, reportError: never }, on: () => () => undefined })
        })
      })
      await page.goto(`${browserDriver!.server.origin}/index.html`)
      await expect(page.getByText('Opening Factdesk…')).toBeVisible()
      await expect(page.getByTestId('fatal-screen')).toContainText('did not answer within 8 seconds', {
        timeout: 15_000
      })
    } finally {
      await page.close()
    }
  })
})
