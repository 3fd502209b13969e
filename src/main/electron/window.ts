// The story window: sandboxed, isolated, no Node, loading the renderer from app:// (or the
// electron-vite dev server during `npm run dev`).
import path from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_ORIGIN } from './app-protocol'

export const devServerUrl = (): string | undefined => (process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined)

export function createMainWindow(preloadPath: string): BrowserWindow {
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
  const dev = devServerUrl()
  void window.loadURL(dev ?? `${APP_ORIGIN}/index.html`)
  return window
}

export const preloadFile = (mainDir: string): string => path.join(mainDir, '../preload/index.cjs')
export const rendererDir = (mainDir: string): string => path.join(mainDir, '../renderer')
