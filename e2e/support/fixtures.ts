// The `factdesk` fixture: one app per test on its own library folder, under whichever driver runs.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base, chromium, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import type { EventPayload } from '../../src/shared/contract'
import { launchBrowserApp, newDialogScript, type BrowserApp, type DialogScript } from './browser-app'
import { chosenDriver, chromiumArgs, chromiumPath, packagedApp, type DriverName } from './driver'
import { serveDirectory, type StaticServer } from './static-server'

const root = path.resolve(__dirname, '../..')

export interface FactdeskApp {
  driver: DriverName
  page: Page
  libraryDir: string
  /** Answers for the next save / open / folder dialog (file paths). */
  answerSaveDialog(dir: string): Promise<void>
  answerOpenDialog(file: string): Promise<void>
  answerFolderDialog(dir: string): Promise<void>
  /** The answer to main's next "may this import read a local-network host?" dialog. */
  answerNetworkDialog(allow: boolean): Promise<void>
  /** Closes the app and starts it again on the same library folder. */
  restart(): Promise<void>
  /** The Electron application, under the electron driver only. */
  electron: ElectronApplication | null
  /** URLs the app handed to the system browser (browser driver records them). */
  openedExternally(): Promise<string[]>
  /** Chooses an item of the application menu: clicked for real in Electron, its command sent in the browser. */
  chooseMenuItem(label: string, command: MenuCommand): Promise<void>
  /** Whether the Edit menu's Undo and Redo are enabled (greyed: false). */
  editMenu(): Promise<{ undo: boolean; redo: boolean }>
  /** Channels of the calls the window has made to main, in order (browser driver; null under Electron). */
  ipcCalls(): string[] | null
  /**
   * Settles once the window has handled every event main has sent it so far. A call's answer is
   * sent after the events its write raised, so once a view shows that answer, whatever the view
   * asked main for on hearing them is in ipcCalls() (Electron delivers events and answers over one
   * ordered channel, so there it has nothing to wait for).
   */
  eventsDelivered(): Promise<void>
  /**
   * Holds the next PDF prints before they start, until the returned release is called (browser
   * driver; null under Electron, whose print window has no such hook).
   */
  holdPrinting(): (() => void) | null
}

type MenuCommand = EventPayload<'menu.command'>['command']

interface WorkerFixtures {
  driver: DriverName
  browserDriver: { browser: Browser; server: StaticServer } | null
}

/** Starts another app instance on its own library folder (and, under Electron, its own user data). */
export type OpenAnotherApp = () => Promise<FactdeskApp>

export const test = base.extend<
  { factdesk: FactdeskApp; libraryDir: string; openAnotherApp: OpenAnotherApp },
  WorkerFixtures
>({
  driver: [async ({}, use) => use(chosenDriver()), { scope: 'worker' }],
  browserDriver: [
    async ({ driver }, use) => {
      if (driver !== 'browser') return use(null)
      const server = await serveDirectory(path.join(root, 'out/renderer'))
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
      await use({ browser, server })
      await browser.close()
      await server.close()
    },
    { scope: 'worker' }
  ],
  libraryDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-e2e-'))
    await use(path.join(dir, 'library'))
    await rm(dir, { recursive: true, force: true })
  },
  factdesk: async ({ driver, browserDriver, libraryDir }, use) => {
    const app =
      driver === 'browser' && browserDriver
        ? await browserFactdesk(browserDriver, libraryDir)
        : await electronFactdesk(libraryDir)
    await use(app.api)
    await app.close()
  },
  openAnotherApp: async ({ driver, browserDriver }, use) => {
    const opened: { dir: string; close(): Promise<void> }[] = []
    await use(async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-e2e-'))
      const libraryDir = path.join(dir, 'library')
      // Electron holds one instance per user-data folder: a second app needs its own.
      const app =
        driver === 'browser' && browserDriver
          ? await browserFactdesk(browserDriver, libraryDir)
          : await electronFactdesk(libraryDir, { FACTDESK_USER_DATA: path.join(dir, 'user-data') })
      opened.push({ dir, close: app.close })
      return app.api
    })
    for (const app of opened) {
      await app.close().catch(() => undefined)
      await rm(app.dir, { recursive: true, force: true })
    }
  }
})

export { expect } from '@playwright/test'

async function browserFactdesk(
  driver: { browser: Browser; server: StaticServer },
  libraryDir: string
): Promise<{ api: FactdeskApp; close(): Promise<void> }> {
  const dialogs: DialogScript = newDialogScript()
  const sample = path.join(root, 'resources/sample-story.txt')
  const calls: string[] = []
  const options = { onCall: (channel: unknown) => void calls.push(String(channel)) }
  let running: BrowserApp = await launchBrowserApp(
    driver.browser,
    driver.server.origin,
    libraryDir,
    dialogs,
    sample,
    options
  )
  const api: FactdeskApp = {
    driver: 'browser',
    page: running.page,
    libraryDir,
    electron: null,
    answerSaveDialog: async (dir) => void (dialogs.saveTo = dir),
    answerOpenDialog: async (file) => void (dialogs.importFile = file),
    answerFolderDialog: async (dir) => void (dialogs.libraryFolder = dir),
    answerNetworkDialog: async (allow) => void (dialogs.networkConsent = allow),
    async restart() {
      await running.close()
      running = await launchBrowserApp(driver.browser, driver.server.origin, libraryDir, dialogs, sample, options)
      api.page = running.page
    },
    openedExternally: async () => [...dialogs.openedExternally],
    chooseMenuItem: async (_label, command) => running.menu(command),
    editMenu: async () => ({ ...dialogs.editMenu }),
    ipcCalls: () => [...calls],
    eventsDelivered: () => running.eventsDelivered(),
    holdPrinting() {
      let release = (): void => undefined
      dialogs.printGate = new Promise<void>((resolve) => (release = resolve))
      return () => {
        dialogs.printGate = null
        release()
      }
    }
  }
  return { api, close: () => running.close() }
}

async function electronFactdesk(
  libraryDir: string,
  extraEnv: NodeJS.ProcessEnv = {}
): Promise<{ api: FactdeskApp; close(): Promise<void> }> {
  const launch = async (): Promise<{ app: ElectronApplication; page: Page }> => {
    // Unpackaged: no executablePath, so Playwright starts node_modules' Electron with its loader
    // (which holds `ready` until it is attached); global-setup has checked the binary is installed,
    // so this never downloads. Packaged: the app's own executable, which ignores args; it needs the
    // EnableNodeCliInspectArguments fuse left on (electron-builder.yml).
    const env = { ...process.env, ...extraEnv, FACTDESK_LIBRARY_DIR: libraryDir }
    const packaged = packagedApp()
    const app = packaged
      ? await _electron.launch({ executablePath: packaged, env })
      : await _electron.launch({ args: [root], env })
    // Record instead of opening the system browser, so tests can see what would have left the app.
    await app.evaluate(({ shell }) => {
      const opened: string[] = []
      Object.assign(shell, { __opened: opened, openExternal: async (url: string) => void opened.push(url) })
    })
    return { app, page: await app.firstWindow() }
  }
  let running = await launch()
  const stub = (method: 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox', result: object) =>
    running.app.evaluate(
      ({ dialog }, answer) => {
        ;(dialog as unknown as Record<string, unknown>)[answer.method] = async () => answer.result
      },
      { method, result }
    )
  const api: FactdeskApp = {
    driver: 'electron',
    page: running.page,
    libraryDir,
    get electron() {
      return running.app
    },
    // Saves under the name the app suggested, in `dir`, as the browser driver does.
    answerSaveDialog: (dir) =>
      running.app.evaluate(({ dialog }, target) => {
        const save = async (...args: unknown[]) => {
          const name = (args.at(-1) as { defaultPath?: string }).defaultPath ?? 'report'
          return { canceled: false, filePath: `${target}${process.platform === 'win32' ? '\\' : '/'}${name}` }
        }
        Object.assign(dialog, { showSaveDialog: save })
      }, dir),
    answerOpenDialog: async (file) => stub('showOpenDialog', { canceled: false, filePaths: [file] }),
    answerFolderDialog: async (dir) => stub('showOpenDialog', { canceled: false, filePaths: [dir] }),
    // Button 1 is "Allow <host>", 0 is Cancel (electron-platform.ts).
    answerNetworkDialog: async (allow) => stub('showMessageBox', { response: allow ? 1 : 0, checkboxChecked: false }),
    async restart() {
      await running.app.close()
      running = await launch()
      api.page = running.page
    },
    openedExternally: () =>
      running.app.evaluate(({ shell }) => [...((shell as unknown as { __opened?: string[] }).__opened ?? [])]),
    chooseMenuItem: (label) =>
      running.app.evaluate(({ Menu }, wanted) => {
        const items = (Menu.getApplicationMenu()?.items ?? []).flatMap((top) => top.submenu?.items ?? [])
        const item = items.find((i) => i.label === wanted)
        if (!item) throw new Error(`No menu item "${wanted}"`)
        item.click()
      }, label),
    editMenu: () =>
      running.app.evaluate(({ Menu }) => {
        const menu = Menu.getApplicationMenu()
        return {
          undo: menu?.getMenuItemById('undo')?.enabled ?? false,
          redo: menu?.getMenuItemById('redo')?.enabled ?? false
        }
      }),
    ipcCalls: () => null,
    eventsDelivered: async () => undefined,
    holdPrinting: () => null
  }
  return { api, close: () => running.app.close() }
}
