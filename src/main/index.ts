// Electron entry: one instance, a hardened window, the contract on ipcMain, the core behind it.
// Kept thin: everything that is not Electron glue lives in core.ts and runs under plain Node too.
import path from 'node:path'
import { app, BrowserWindow, dialog, Menu } from 'electron'
import { createCore, type Core } from './core'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './electron/app-protocol'
import {
  configIdentity,
  configNetworkHosts,
  configWatchSchedule,
  rememberLibraryDir,
  resolveLibraryDir
} from './app-config'
import { electronPlatform } from './electron/electron-platform'
import { registerIpc } from './electron/ipc'
import { fileLog, type Log } from './electron/log'
import { safeStorageSecrets } from './electron/secrets'
import { buildMenu } from './electron/menu'
import { hardenApp } from './electron/security'
import { createMainWindow, devServerUrl, preloadFile, rendererDir } from './electron/window'
import { LockHeldElsewhereError } from './store/library-lock'

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
/** The library being opened (set as the window is created), so a quit meanwhile waits for it and closes it. */
let opening: Promise<Core> | null = null
let log: Log | null = null

const isAppUrl = (url: string): boolean => {
  const dev = devServerUrl()
  try {
    const origin = new URL(url).origin
    return url.startsWith(`${APP_ORIGIN}/`) || (dev !== undefined && origin === new URL(dev).origin)
  } catch {
    return false
  }
}

async function start(): Promise<void> {
  app.setAppLogsPath()
  const logger = fileLog(app.getPath('logs'))
  log = logger
  logger.info(
    `Factdesk ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${app.isPackaged ? 'packaged' : 'unpackaged'})`
  )
  serveRenderer(rendererDir(__dirname))
  const userData = app.getPath('userData')
  const platform = electronPlatform(
    () => mainWindow,
    (dir) => rememberLibraryDir(userData, dir),
    safeStorageSecrets(userData)
  )
  const libraryDir = await resolveLibraryDir(userData, process.env)
  const open = (takeOverLock: boolean): Promise<Core> =>
    createCore({
      libraryDir,
      platform,
      identity: configIdentity(userData),
      networkHosts: configNetworkHosts(userData),
      watchSchedule: configWatchSchedule(userData),
      sampleStoryPath: path.join(app.getAppPath(), 'resources', 'sample-story.txt'),
      isTrustedOrigin: isAppUrl,
      checkOutput: !app.isPackaged,
      store: { takeOverLock },
      app: { version: app.getVersion(), logFile: logger.file },
      onInternalError: (channel, error) => logger.error(`"${channel}" failed`, error),
      onRefused: ({ channel, reason, origin }) =>
        logger.error(`Refused IPC call "${channel}" (${reason}) from ${origin}`),
      onRendererError: ({ message, stack, where }) =>
        logger.error(`The window reported an error in ${where}: ${message}${stack ? `\n${stack}` : ''}`)
    })
  // The window goes first: its page loads (HTML, CSS, JS, preload) while the library opens, and its
  // first calls wait for the library on ipcMain instead of the window waiting for it before it exists.
  openWindow()
  const opened = open(false).catch(async (error: unknown) => {
    if (!(error instanceof LockHeldElsewhereError)) throw error
    // Another computer holds the library: only the user can say that computer is done with it. The
    // question is modal on the window, which is still showing that the library is being opened.
    const question: Electron.MessageBoxOptions = {
      type: 'warning',
      title: 'Library in use',
      message: error.message,
      buttons: ['Quit', 'Take over the library'],
      defaultId: 0,
      cancelId: 0
    }
    const { response } = await (mainWindow
      ? dialog.showMessageBox(mainWindow, question)
      : dialog.showMessageBox(question))
    if (response !== 1) throw error
    return open(true)
  })
  opening = opened
  registerIpc(async () => (await opened).dispatch)
  core = await opened
  Menu.setApplicationMenu(buildMenu(() => mainWindow))
}

function openWindow(): void {
  const window = createMainWindow(preloadFile(__dirname), log)
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

// FACTDESK_USER_DATA gives this instance its own per-user config, saved passwords and instance lock:
// a second window of Factdesk on one computer (two editors trying a desk, the two-instance e2e).
if (process.env.FACTDESK_USER_DATA) app.setPath('userData', path.resolve(process.env.FACTDESK_USER_DATA))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  hardenApp(isAppUrl)
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  // Quitting waits for the library to close: the story index is written and the folder unlocked (also
  // when the window is closed while the library is still opening: it finishes opening, then closes).
  let closed = false
  app.on('will-quit', (event) => {
    if (closed || !opening) return
    event.preventDefault()
    void opening
      // A library that failed to open has nothing to close (start() reported why).
      .then(
        (opened) => opened.close(),
        () => undefined
      )
      .catch((error: unknown) => log?.error('The library did not close cleanly', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log?.error('Factdesk could not start', error)
      dialog.showErrorBox(
        'Factdesk could not start',
        `${error instanceof Error ? error.message : String(error)}${log?.file ? `\n\nDetails are in ${log.file}` : ''}`
      )
      app.quit()
    })
}
