// The browser driver's composition root: the BUILT core (out/main/core.js: dispatch, services,
// store on a temp folder) bound into a Chromium page with exposeBinding, and window.factdesk made in
// the page by the BUILT sandboxed preload (out/preload/index.cjs). Only Electron-only adapters
// (dialogs, the shell, printing) are replaced, here and nowhere else.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { EventPayload } from '../../src/shared/contract'
import { configIdentity, configNetworkHosts, configWatchSchedule } from '../../src/main/app-config'
import type { Core, CoreOptions } from '../../src/main/core'
import type { EditorIdentity } from '../../src/main/identity'
import { memorySecrets, type PickedFile, type Platform } from '../../src/main/platform'
import { sandboxedPreloadScript } from './sandbox-preload'

const root = path.resolve(__dirname, '../..')
const requireBuilt = createRequire(__filename)

/** The core as electron-vite built it for the app, not the sources. */
export function builtCore(): { createCore(options: CoreOptions): Promise<Core> } {
  const file = path.join(root, 'out/main/core.js')
  try {
    return requireBuilt(file) as { createCore(options: CoreOptions): Promise<Core> }
  } catch (error) {
    throw new Error(
      `${file} could not be loaded (run "npm run build" first): ${error instanceof Error ? error.message : String(error)}`
    )
  }
}

/** Answers the test has queued for the "dialogs" the app would show, and what it tried to open. */
export interface DialogScript {
  saveTo: string | null
  importFile: string | null
  libraryFolder: string | null
  /** The answer to the next "may this import read a local-network host?" dialog (null: Cancel). */
  networkConsent: boolean | null
  networkQuestions: { page: string; host: string; address: string }[]
  openedExternally: string[]
  revealed: string[]
  /** What the Edit menu's Undo / Redo show (the menu's stand-in: main sets it as it would Electron's). */
  editMenu: { undo: boolean; redo: boolean }
  /** While set, a PDF print waits for it before it starts: the spec holds an export mid-print, then releases or cancels it. */
  printGate: Promise<void> | null
}

export const newDialogScript = (): DialogScript => ({
  saveTo: null,
  importFile: null,
  libraryFolder: null,
  networkConsent: null,
  networkQuestions: [],
  openedExternally: [],
  revealed: [],
  editMenu: { undo: false, redo: false },
  printGate: null
})

export interface BrowserApp {
  page: Page
  core: Core
  /** How long requiring and creating the core took (the page loaded meanwhile): a benchmark's figure. */
  coreOpenMs: number
  /** Sends what the main process sends when a menu item is chosen (there is no menu in a page). */
  menu(command: EventPayload<'menu.command'>['command']): void
  /** Settles once the page has handled every event main has sent it so far (each is a page.evaluate). */
  eventsDelivered(): Promise<void>
  close(): Promise<void>
}

export interface LaunchOptions {
  /** Validates every answer against the contract, as development builds do; benchmarks turn it off as the packaged app does. */
  checkOutput?: boolean
  /** Hears the channel of every call the page makes, as main would receive it. */
  onCall?(channel: unknown): void
  /** Who is editing, as the app's per-user config would remember; by default a config folder beside the library. */
  identity?: EditorIdentity
  /** Hears each answer with main's own time (dispatch) and the time to turn it into the JSON the binding sends. */
  onAnswer?(answer: { channel: unknown; mainMs: number; jsonMs: number }): void
  /** A script run in the page before the preload (a benchmark's timeline recorder). */
  beforePreload?: string
}

export async function launchBrowserApp(
  browser: Browser,
  origin: string,
  libraryDir: string,
  dialogs: DialogScript,
  sampleStoryPath: string,
  { checkOutput = true, onCall, identity, onAnswer, beforePreload }: LaunchOptions = {}
): Promise<BrowserApp> {
  let page: Page | null = null
  // Events main has sent that the page has not yet handled.
  const delivering = new Set<Promise<unknown>>()
  // A new core's menu starts greyed, as the app's does at start.
  dialogs.editMenu = { undo: false, redo: false }
  const platform: Platform = {
    chooseLibraryFolder: async () => take(dialogs, 'libraryFolder'),
    chooseImportFile: async (): Promise<PickedFile | null> => {
      const file = take(dialogs, 'importFile')
      return file ? { fileName: path.basename(file), bytes: new Uint8Array(await readFile(file)) } : null
    },
    chooseSavePath: async (suggested) => {
      const dir = take(dialogs, 'saveTo')
      return dir ? path.join(dir, suggested) : null
    },
    openExternal: async (url) => {
      dialogs.openedExternally.push(url)
    },
    revealFile: (file) => {
      dialogs.revealed.push(file)
    },
    rememberLibrary: async () => undefined,
    // The native dialog's stand-in: the spec scripts the answer, and each question is recorded.
    askNetworkConsent: async (question) => {
      dialogs.networkQuestions.push(question)
      const answer = dialogs.networkConsent ?? false
      dialogs.networkConsent = null
      return answer
    },
    setEditMenu: (state) => void (dialogs.editMenu = { ...state }),
    // Stand-in for Electron's safeStorage: the driver keeps the desk password in memory.
    secrets: memorySecrets(),
    emit(event, payload) {
      if (!page) return
      const delivered = page
        .evaluate(
          ([name, data]) =>
            (window as unknown as { __factdeskEmit?: (e: string, p: unknown) => void }).__factdeskEmit?.(name, data),
          [event, payload] as const
        )
        .catch(() => undefined)
      delivering.add(delivered)
      void delivered.finally(() => delivering.delete(delivered))
    }
  }
  // As the app does (src/main/index.ts): the page loads while the library opens, and its calls wait for it.
  const openStarted = performance.now()
  let openedAfter = Number.NaN
  const opening = builtCore().createCore({
    libraryDir,
    platform,
    // Like the app's per-user config: a config folder beside the library stands in for userData.
    identity: identity ?? configIdentity(path.join(path.dirname(libraryDir), 'user-data')),
    networkHosts: configNetworkHosts(path.join(path.dirname(libraryDir), 'user-data')),
    watchSchedule: configWatchSchedule(path.join(path.dirname(libraryDir), 'user-data')),
    sampleStoryPath,
    isTrustedOrigin: (url) => url.startsWith(`${origin}/`),
    checkOutput,
    // The PDF worker waits while a spec holds the export (holdPrinting), so a spec sees and cancels it mid-write.
    pdf: { gate: () => dialogs.printGate },
    onInternalError: (channel, error) => console.error(`[factdesk] ${channel} failed`, error)
  })
  // Settled here so a library that fails to open is reported by the await below, not as an unhandled rejection.
  opening.then(
    () => void (openedAfter = performance.now() - openStarted),
    () => undefined
  )
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1360, height: 880 } })
  // Results cross as one JSON string: Playwright's own serialiser walks every value and would make
  // a big story far slower to arrive than Electron's structured-clone IPC does. They are plain JSON.
  await context.exposeBinding(
    '__factdeskInvoke',
    async ({ frame, page: source }, channel: unknown, input: unknown, callId: unknown) => {
      onCall?.(channel)
      const core = await opening
      const started = performance.now()
      const result = await core.dispatch(
        channel,
        input,
        { url: frame.url(), isMainFrame: frame === source.mainFrame() },
        callId
      )
      const answered = performance.now()
      const text = JSON.stringify(result)
      onAnswer?.({ channel, mainMs: answered - started, jsonMs: performance.now() - answered })
      return text
    }
  )
  if (beforePreload) await context.addInitScript({ content: beforePreload })
  await context.addInitScript({ content: await sandboxedPreloadScript(root) })
  page = await context.newPage()
  const preloadErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Unable to load preload script'))
      preloadErrors.push(message.text())
  })
  const [core] = await Promise.all([
    opening.catch(async (error: unknown) => {
      await context.close()
      throw error
    }),
    page.goto(`${origin}/index.html`).catch(async (error: unknown) => {
      await context.close()
      await opening.then(
        (opened) => opened.close(),
        () => undefined
      )
      throw error
    })
  ])
  // A preload that would fail in Electron's sandbox fails here too, and says so at once.
  if (preloadErrors.length > 0) {
    await context.close()
    await core.close()
    throw new Error(`The built preload failed as it would in Electron's sandbox:\n${preloadErrors.join('\n')}`)
  }
  return {
    page,
    core,
    coreOpenMs: openedAfter,
    menu: (command) => platform.emit('menu.command', { command }),
    eventsDelivered: async () => void (await Promise.all([...delivering])),
    async close() {
      await context.close()
      await core.close()
    }
  }
}

function take(dialogs: DialogScript, key: 'saveTo' | 'importFile' | 'libraryFolder'): string | null {
  const value = dialogs[key]
  dialogs[key] = null
  return value
}
