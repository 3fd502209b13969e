// The story window: sandboxed, isolated, no Node, loading the renderer from app:// (or the
// electron-vite dev server during `npm run dev`, never in a packaged build).
import path from 'node:path'
import { app, BrowserWindow } from 'electron'
import { APP_ORIGIN } from './app-protocol'
import type { Log } from './log'

/** `npm run dev` only: a packaged app ignores ELECTRON_RENDERER_URL, which would make it load and trust any origin. */
export const devServerUrl = (): string | undefined =>
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined

export function createMainWindow(preloadPath: string, log: Log | null): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Factdesk',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true
    }
  })
  window.once('ready-to-show', () => window.show())
  // The window shows its own error screen when the bridge is missing; the log says why.
  window.webContents.on('preload-error', (_event, file, error) =>
    log?.error(`The preload ${file} failed to load`, error)
  )
  window.webContents.on('render-process-gone', (_event, details) =>
    log?.error(`The window's renderer process ended: ${details.reason} (exit code ${details.exitCode})`)
  )
  const dev = devServerUrl()
  void window.loadURL(dev ?? `${APP_ORIGIN}/index.html`)
  return window
}

export const preloadFile = (mainDir: string): string => path.join(mainDir, '../preload/index.cjs')
export const rendererDir = (mainDir: string): string => path.join(mainDir, '../renderer')
