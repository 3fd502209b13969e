// Says which driver this run uses before any test starts, and stops at once when it cannot run.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { assertElectronAvailable, chosenDriver, chromiumPath, electronBinary, packagedApp } from './driver'

const root = path.resolve(__dirname, '../..')

export default function globalSetup(): void {
  const driver = chosenDriver()
  if (driver === 'electron') assertElectronAvailable()
  const detail =
    driver === 'electron'
      ? packagedApp()
        ? `packaged app ${packagedApp()}`
        : `Electron binary ${electronBinary() ?? '(not found)'}`
      : `built renderer in ${chromiumPath()}`
  console.log(`\n[factdesk e2e] driver: ${driver} (${detail})\n`)
  if (driver === 'browser' && !existsSync(chromiumPath()))
    throw new Error(
      `Chromium not found at ${chromiumPath()}; install it (apt-get install chromium) or set FACTDESK_CHROMIUM`
    )
  if (!packagedApp()) {
    for (const built of ['out/main/index.js', 'out/main/core.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run "npm run build" first`)
    }
  }
}
