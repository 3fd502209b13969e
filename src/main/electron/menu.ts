// The standard application menu. Commands that need the page (import, export, shortcuts) are sent
// to the renderer as `menu.command` events so they run through the same screens as the buttons.
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { EventPayload } from '../../shared/contract'

type Command = EventPayload<'menu.command'>['command']

export function buildMenu(window: () => BrowserWindow | null): Menu {
  const send = (command: Command) => () => window()?.webContents.send('menu.command', { command })
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Story from Text…', accelerator: 'CmdOrCtrl+N', click: send('new-story') },
        { label: 'Import File…', accelerator: 'CmdOrCtrl+O', click: send('import-file') },
        { label: 'Import from URL…', accelerator: 'CmdOrCtrl+Shift+O', click: send('import-url') },
        { label: 'Import Verification Package…', click: send('import-package') },
        { type: 'separator' },
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: 'Open Library…', click: send('open-library') },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { label: 'Connect to Desk…', click: send('connect-desk') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    {
      // Undo and Redo step in the open story's history, kept in main (services/history.ts); the page
      // decides, so a focused text field keeps its native undo. The keys reach the page
      // (registerAccelerator: false) and the menu items send the same command.
      label: 'Edit',
      submenu: [
        // Greyed until main's history says there is something to take (History.refreshMenu, setEditMenu).
        {
          id: 'undo',
          label: 'Undo',
          accelerator: 'CmdOrCtrl+Z',
          registerAccelerator: false,
          enabled: false,
          click: send('undo')
        },
        {
          id: 'redo',
          label: 'Redo',
          accelerator: 'Shift+CmdOrCtrl+Z',
          registerAccelerator: false,
          enabled: false,
          click: send('redo')
        },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }])
      ]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('shortcuts') }] }
  ]
  return Menu.buildFromTemplate(template)
}
