// Which e2e driver runs: FACTDESK_E2E_DRIVER=electron|browser, else electron when an Electron
// binary resolves on this machine, else the built renderer in Chromium.
import { createRequire } from 'node:module'

export type DriverName = 'electron' | 'browser'

const require = createRequire(__filename)

/** The installed Electron binary, found without `require('electron')`, which would try to download it. */
export function electronBinary(): string | null {
  const { electronBinary: find } = require('../../scripts/electron-binary.cjs') as { electronBinary(): string | null }
  return find()
}

export function chosenDriver(env: NodeJS.ProcessEnv = process.env): DriverName {
  const asked = env.FACTDESK_E2E_DRIVER
  if (asked === 'electron' || asked === 'browser') return asked
  if (asked) throw new Error(`FACTDESK_E2E_DRIVER must be "electron" or "browser", not "${asked}"`)
  return electronBinary() ? 'electron' : 'browser'
}

export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']
