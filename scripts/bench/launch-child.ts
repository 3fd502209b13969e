// One start of the app from its process's start, as the launch bench runs it when no Electron binary is
// installed: this new Node process starts a new Chromium and main's built core, as the browser driver
// composes them (e2e/support/browser-app.ts), and prints, as one line of JSON, the times from its own
// start (performance.timeOrigin: when the process began) until the first story rows were painted, less the
// time the driver itself (Playwright) took to load.
// Bundled by launch.bench.ts into out/bench/ and run with plain node, so no TypeScript is compiled here.
import path from 'node:path'
import { launchBrowserApp, newDialogScript } from '../../e2e/support/browser-app'
import { chromiumArgs, chromiumPath } from '../../e2e/support/driver'
import type { EditorIdentity } from '../../src/main/identity'

/** The editor is known, as after the app's first run (the fixture's identity, without the fixture's code). */
const benchIdentity: EditorIdentity = { load: async () => 'bench', save: async () => undefined }

async function main(): Promise<void> {
  const [origin, dir] = process.argv.slice(2)
  if (!origin || !dir) throw new Error('usage: launch-child <renderer origin> <library folder>')
  // The driver (Playwright) is not part of any app: its loading is timed apart and left out of the total.
  const driverFrom = performance.now()
  const booted = driverFrom
  const { chromium } = await import('@playwright/test')
  const started = performance.now()
  const driverLoad = started - driverFrom
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
  const browserUp = performance.now()
  const app = await launchBrowserApp(
    browser,
    origin,
    dir,
    newDialogScript(),
    path.resolve('resources/sample-story.txt'),
    { checkOutput: false, identity: benchIdentity }
  )
  const appUp = performance.now()
  const paintedAt = await app.page.evaluate(
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
  const figures = {
    total: paintedAt - performance.timeOrigin - driverLoad,
    driverLoad,
    boot: booted,
    app: appUp - browserUp,
    paint: paintedAt - performance.timeOrigin - appUp,
    browserLaunch: browserUp - started,
    core: app.coreOpenMs
  }
  await app.close()
  await browser.close()
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
