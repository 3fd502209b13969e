// The browser driver's composition root: the real core (dispatch, services, store on a temp
// folder) bound into a Chromium page with exposeBinding, and window.factdesk built in the page by
// the very function the preload uses. Only Electron-only adapters are replaced, here and nowhere else.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { channelNames, eventNames, type EventPayload } from '../../src/shared/contract'
import { createCore, type Core } from '../../src/main/core'
import { configIdentity } from '../../src/main/app-config'
import type { EditorIdentity } from '../../src/main/identity'
import { memorySecrets, type PickedFile, type Platform } from '../../src/main/platform'
import { playwrightPdfOptions } from '../../src/main/reports/pdf'
import { buildBridge } from '../../src/preload/bridge'

/** Answers the test has queued for the "dialogs" the app would show, and what it tried to open. */
export interface DialogScript {
  saveTo: string | null
  importFile: string | null
  libraryFolder: string | null
  openedExternally: string[]
  revealed: string[]
}

export const newDialogScript = (): DialogScript => ({ saveTo: null, importFile: null, libraryFolder: null, openedExternally: [], revealed: [] })

export interface BrowserApp {
  page: Page
  core: Core
  /** Sends what the main process sends when a menu item is chosen (there is no menu in a page). */
  menu(command: EventPayload<'menu.command'>['command']): void
  close(): Promise<void>
}

/** `checkOutput` validates every answer against the contract, as development builds do; benchmarks turn it off as the packaged app does. */
export async function launchBrowserApp(browser: Browser, origin: string, libraryDir: string, dialogs: DialogScript, sampleStoryPath: string, { checkOutput = true, identity }: { checkOutput?: boolean; identity?: EditorIdentity } = {}): Promise<BrowserApp> {
  let page: Page | null = null
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
    printToPdf: (html) => printWith(browser, html),
    rememberLibrary: async () => undefined,
    // Stand-in for Electron's safeStorage: the driver keeps the desk password in memory.
    secrets: memorySecrets(),
    emit(event, payload) {
      void page?.evaluate(([name, data]) => (window as unknown as { __factdeskEmit?: (e: string, p: unknown) => void }).__factdeskEmit?.(name, data), [event, payload] as const).catch(() => undefined)
    }
  }
  const core = await createCore({
    libraryDir,
    platform,
    // Like the app's per-user config: a config folder beside the library stands in for userData.
    identity: identity ?? configIdentity(path.join(path.dirname(libraryDir), 'user-data')),
    sampleStoryPath,
    isTrustedOrigin: (url) => url.startsWith(`${origin}/`),
    checkOutput,
    onInternalError: (channel, error) => console.error(`[factdesk] ${channel} failed`, error)
  })
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1360, height: 880 } })
  // Results cross as one JSON string: Playwright's own serialiser walks every value and would make
  // a big story far slower to arrive than Electron's structured-clone IPC does. They are plain JSON.
  await context.exposeBinding('__factdeskInvoke', async ({ frame, page: source }, channel: unknown, input: unknown) =>
    JSON.stringify(await core.dispatch(channel, input, { url: frame.url(), isMainFrame: frame === source.mainFrame() }))
  )
  await context.addInitScript({ content: bridgeScript() })
  page = await context.newPage()
  await page.goto(`${origin}/index.html`)
  return {
    page,
    core,
    menu: (command) => platform.emit('menu.command', { command }),
    async close() {
      await context.close()
      await core.close()
    }
  }
}

/** The page-side half of the bridge: the preload's buildBridge over the exposed binding. */
function bridgeScript(): string {
  // Under tsx (the benchmarks), esbuild wraps functions in a __name() helper that the page lacks,
  // both in this bridge and in functions handed to page.evaluate.
  return `(() => {
    globalThis.__name ??= (fn) => fn;
    const listeners = new Map();
    const buildBridge = ${buildBridge.toString()};
    window.__factdeskEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
    const bridge = buildBridge(${JSON.stringify(channelNames)}, ${JSON.stringify(eventNames)},
      (channel, input) => window.__factdeskInvoke(channel, input).then(JSON.parse),
      (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      });
    Object.defineProperty(window, 'factdesk', { value: bridge, writable: false, configurable: false });
  })();`
}

async function printWith(browser: Browser, html: string): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    return new Uint8Array(await page.pdf(playwrightPdfOptions()))
  } finally {
    await context.close()
  }
}

function take(dialogs: DialogScript, key: 'saveTo' | 'importFile' | 'libraryFolder'): string | null {
  const value = dialogs[key]
  dialogs[key] = null
  return value
}
