// Electron entry: one instance, a hardened window, the contract on ipcMain, the core behind it.
import path from 'node:path'
import { app, BrowserWindow, dialog, Menu } from 'electron'
import { createCore, type Core } from './core'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './electron/app-protocol'
import { configIdentity, rememberLibraryDir, resolveLibraryDir } from './app-config'
import { electronPlatform } from './electron/electron-platform'
import { registerIpc } from './electron/ipc'
import { safeStorageSecrets } from './electron/secrets'
import { buildMenu } from './electron/menu'
import { hardenApp } from './electron/security'
import { createMainWindow, devServerUrl, preloadFile, rendererDir } from './electron/window'

let mainWindow: BrowserWindow | null = null
let core: Core | null = null

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
  serveRenderer(rendererDir(__dirname))
  const userData = app.getPath('userData')
  const platform = electronPlatform(
    () => mainWindow,
    (dir) => rememberLibraryDir(userData, dir),
    safeStorageSecrets(userData)
  )
  core = await createCore({
    libraryDir: await resolveLibraryDir(userData, process.env),
    platform,
    identity: configIdentity(userData),
    sampleStoryPath: path.join(app.getAppPath(), 'resources', 'sample-story.txt'),
    isTrustedOrigin: isAppUrl,
    checkOutput: !app.isPackaged,
    onInternalError: (channel, error) => console.error(`[factdesk] ${channel} failed`, error)
  })
  const ready = core
  registerIpc(() => ready.dispatch)
  Menu.setApplicationMenu(buildMenu(() => mainWindow))
  openWindow()
}

function openWindow(): void {
  const window = createMainWindow(preloadFile(__dirname))
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

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
  // Quitting waits for the library to close: the story index is written and the folder unlocked.
  let closed = false
  app.on('will-quit', (event) => {
    if (closed || !core) return
    event.preventDefault()
    void core.close().finally(() => {
      closed = true
      app.quit()
    })
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Factdesk could not start', error instanceof Error ? error.message : String(error))
      app.quit()
    })
}
