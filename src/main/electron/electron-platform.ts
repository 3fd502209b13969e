// The Platform as Electron provides it: native dialogs, the system shell, Chromium's PDF printer.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { BrowserWindow, dialog, Menu, shell } from 'electron'
import type { Platform, SecretStore } from '../platform'
import { pdfPrintOptions, printWindowSize, throwIfCancelled, unlessCancelled } from '../reports/pdf'

const storyFilters = [{ name: 'Stories', extensions: ['txt', 'md', 'markdown', 'html', 'htm', 'docx'] }]
const packageFilters = [{ name: 'Factdesk verification package', extensions: ['json'] }]

export function electronPlatform(
  window: () => BrowserWindow | null,
  remember: (dir: string) => Promise<void>,
  secrets: SecretStore
): Platform {
  const parent = (): BrowserWindow | undefined => window() ?? undefined
  return {
    async chooseLibraryFolder(purpose = 'open') {
      const owner = parent()
      const options =
        purpose === 'archive'
          ? {
              title: 'Import Checks from Another Library',
              properties: ['openDirectory'] as ('openDirectory' | 'createDirectory')[]
            }
          : {
              title: 'Open Library',
              properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[]
            }
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseImportFile(kind) {
      const owner = parent()
      const options = {
        title: kind === 'story' ? 'Import Story' : 'Import Verification Package',
        properties: ['openFile'] as 'openFile'[],
        filters: kind === 'story' ? storyFilters : packageFilters
      }
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      const file = result.canceled ? undefined : result.filePaths[0]
      if (!file) return null
      return { fileName: path.basename(file), bytes: new Uint8Array(await readFile(file)) }
    },
    async chooseSavePath(suggestedName, extension) {
      const owner = parent()
      const options = {
        title: 'Export Report',
        defaultPath: suggestedName,
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }]
      }
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    },
    openExternal: (url) => shell.openExternal(url),
    revealFile: (file) => shell.showItemInFolder(file),
    printToPdf: (html, signal) => printHtml(html, signal),
    rememberLibrary: remember,
    async askNetworkConsent({ page, host, address }) {
      const owner = parent()
      const options = {
        type: 'warning' as const,
        title: 'Import from your local network?',
        message: `Allow imports to read ${host}?`,
        detail: `${page} leads to ${host} (${address}), which is on this computer or your local network. Allow it only if you expected an internal page; Factdesk will remember your answer for ${host}.`,
        buttons: ['Cancel', `Allow ${host}`],
        defaultId: 0,
        cancelId: 0,
        noLink: true
      }
      const result = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)
      return result.response === 1
    },
    secrets,
    emit(event, payload) {
      window()?.webContents.send(event, payload)
    },
    setEditMenu({ undo, redo }) {
      const menu = Menu.getApplicationMenu()
      const items = [menu?.getMenuItemById('undo'), menu?.getMenuItemById('redo')]
      if (items[0]) items[0].enabled = undo
      if (items[1]) items[1].enabled = redo
    }
  }
}

/**
 * Prints report HTML in a hidden window of its own: no preload, JavaScript off, sandboxed (the report
 * is inert HTML and CSS). The window is wider than any page so the printed copy lays itself out only
 * on the page (reports/pdf.ts). It is loaded from a temp file, not a data: URL, because Chromium
 * refuses URLs over 2 MB and a 1,000-claim report is larger. A cancel destroys the window, which
 * ends the load or the print under way.
 */
async function printHtml(html: string, signal: AbortSignal): Promise<Uint8Array> {
  throwIfCancelled(signal)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-print-'))
  const file = path.join(dir, 'report.html')
  const printer = new BrowserWindow({
    show: false,
    ...printWindowSize,
    useContentSize: true,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false }
  })
  const stop = (): void => {
    if (!printer.isDestroyed()) printer.destroy()
  }
  signal.addEventListener('abort', stop, { once: true })
  try {
    await writeFile(file, html, 'utf8')
    await unlessCancelled(printer.loadFile(file), signal)
    const options: Electron.PrintToPDFOptions = pdfPrintOptions
    return new Uint8Array(await unlessCancelled(printer.webContents.printToPDF(options), signal))
  } finally {
    signal.removeEventListener('abort', stop)
    stop()
    await rm(dir, { recursive: true, force: true })
  }
}
