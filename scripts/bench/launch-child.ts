// One start of the app from its process's start, as the launch bench runs it when no Electron binary is
// installed: this new Node process starts a new Chromium and main's built core, as the browser driver
// composes them (bench-app.ts), and prints, as one line of JSON, the times from its own start
// (performance.timeOrigin: when the process began) until the first story rows were painted, less the
// time the driver itself (Playwright) took to load.
// Bundled by launch.bench.ts into out/bench/ and run with plain node, so no TypeScript is compiled here.
import { chromiumArgs, chromiumPath } from '../../e2e/support/driver'
import { launchBenchApp, rowsPaintedAt } from './bench-app'

async function main(): Promise<void> {
  const [origin, dir] = process.argv.slice(2)
  if (!origin || !dir) throw new Error('usage: launch-child <renderer origin> <library folder>')
  // The driver (Playwright) is not part of any app: its loading is timed apart and left out of the total.
  const driverFrom = performance.now()
  const { chromium } = await import('@playwright/test')
  const started = performance.now()
  const driverLoad = started - driverFrom
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
  const browserUp = performance.now()
  const app = await launchBenchApp(browser, origin, dir)
  const paintedAt = await rowsPaintedAt(app.page)
  const figures = {
    total: paintedAt - performance.timeOrigin - driverLoad,
    driverLoad,
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
