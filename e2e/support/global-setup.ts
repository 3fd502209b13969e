// Says which driver this run uses, before any test starts.
import { existsSync } from 'node:fs'
import { chosenDriver, chromiumPath, electronBinary } from './driver'

export default function globalSetup(): void {
  const driver = chosenDriver()
  const detail = driver === 'electron' ? `Electron binary ${electronBinary() ?? '(not found)'}` : `built renderer in ${chromiumPath()}`
  console.log(`\n[factdesk e2e] driver: ${driver} (${detail})\n`)
  if (driver === 'browser' && !existsSync(chromiumPath())) throw new Error(`Chromium not found at ${chromiumPath()}; install it (apt-get install chromium) or set FACTDESK_CHROMIUM`)
}
