// Which e2e driver runs: FACTDESK_E2E_DRIVER=electron|browser, else electron when an Electron
// binary (or a packaged app named by FACTDESK_E2E_APP) is on this machine, else the built renderer
// in Chromium. Nothing here may trigger a download of Electron.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export type DriverName = 'electron' | 'browser'

const require = createRequire(__filename)
const root = path.resolve(__dirname, '../..')

/** The installed Electron binary, found without `require('electron')`, which would try to download it. */
export function electronBinary(): string | null {
  const { electronBinary: find } = require('../../scripts/electron-binary.cjs') as { electronBinary(): string | null }
  return find()
}

/** A packaged Factdesk to drive instead of the unpackaged app (e.g. release/linux-unpacked/factdesk). */
export function packagedApp(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.FACTDESK_E2E_APP ? path.resolve(root, env.FACTDESK_E2E_APP) : null
}

export const electronInstallHint = [
  'The electron e2e driver needs an Electron binary, and none is installed here.',
  '  - Install one where the network allows: `npx install-electron` (then `npm run build && npm run test:e2e:electron`).',
  '  - Or drive a packaged app: `npm run package`, then FACTDESK_E2E_APP=release/linux-unpacked/factdesk npm run test:e2e:electron.',
  '  - Or use the browser driver: FACTDESK_E2E_DRIVER=browser npm run test:e2e.'
].join('\n')

export function chosenDriver(env: NodeJS.ProcessEnv = process.env): DriverName {
  const asked = env.FACTDESK_E2E_DRIVER
  if (asked === 'electron' || asked === 'browser') return asked
  if (asked) throw new Error(`FACTDESK_E2E_DRIVER must be "electron" or "browser", not "${asked}"`)
  return packagedApp(env) || electronBinary() ? 'electron' : 'browser'
}

/** Throws at once, with how to get one, when the electron driver has nothing to launch. */
export function assertElectronAvailable(env: NodeJS.ProcessEnv = process.env): void {
  const app = packagedApp(env)
  if (app && !existsSync(app))
    throw new Error(`FACTDESK_E2E_APP names ${app}, which does not exist. Build it with \`npm run package\`.`)
  if (!app && !electronBinary()) throw new Error(electronInstallHint)
}

export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string =>
  env.FACTDESK_CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run'
]
