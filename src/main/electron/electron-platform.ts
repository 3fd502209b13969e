// The Platform as Electron provides it: native dialogs, the system shell.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BrowserWindow, dialog, Menu, shell } from 'electron'
import type { Platform, SecretStore } from '../platform'

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
