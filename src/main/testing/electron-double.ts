// A recording TEST DOUBLE of the few Electron APIs main uses, typed against electron.d.ts, so the
// built `out/main/index.js` can boot under plain Node in a test (main-boot.test.ts). It records
// what main asked for, in order, and lets the test drive `ready`, web contents events and quitting.
// It is not Electron: it checks what main configures, not what Chromium then does with it.
import { EventEmitter } from 'node:events'
import Module, { createRequire } from 'node:module'
import path from 'node:path'

type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1]
type IpcHandler = Parameters<Electron.IpcMain['handle']>[1]
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0]
type PermissionRequestHandler = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>
type PermissionCheckHandler = NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>
type AppPathName = Parameters<Electron.App['getPath']>[0]

/** The event object Electron passes to cancellable events. */
export class PreventableEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

export interface FrameDouble {
  url: string
}

export class WebContentsDouble extends EventEmitter {
  readonly mainFrame: FrameDouble = { url: '' }
  windowOpenHandler: WindowOpenHandler | null = null
  readonly sent: { channel: string; args: unknown[] }[] = []
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
}

export class ElectronTestDouble {
  /** What main called, in order ("app.requestSingleInstanceLock", "protocol.handle:app", …). */
  readonly calls: string[] = []
  readonly privilegedSchemes: Electron.CustomScheme[] = []
  readonly protocolHandlers = new Map<string, ProtocolHandler>()
  readonly ipcHandlers = new Map<string, IpcHandler>()
  readonly windows: BrowserWindowDouble[] = []
  readonly openedExternally: string[] = []
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  errorBoxes: { title: string; content: string }[] = []
  /** Every message box main showed, and the button the "user" presses in the next one. */
  readonly messageBoxes: Electron.MessageBoxOptions[] = []
  /** The window each message box was modal on (null: none). */
  readonly messageBoxParents: unknown[] = []
  messageBoxResponse = 0
  quitCount = 0
  /** Called as each window is constructed, before main goes on (a test looks at what exists at that moment). */
  onNewWindow: (() => void) | null = null
  /** True once a quit went through (no will-quit listener prevented it). */
  quitted = false
  isReady = false
  readonly module: ReturnType<ElectronTestDouble['build']>
  private resolveReady!: () => void
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve))

  constructor(
    private readonly options: {
      paths: Partial<Record<AppPathName, string>>
      appPath: string
      isPackaged: boolean
      version?: string
    }
  ) {
    this.module = this.build()
  }

  /** Electron's `ready`: resolves `app.whenReady()`. */
  ready(): void {
    this.isReady = true
    this.calls.push('ready')
    this.resolveReady()
  }

  private build() {
    const double = this as ElectronTestDouble
    const record = (call: string): void => void double.calls.push(call)

    class App extends EventEmitter {
      get isPackaged(): boolean {
        return double.options.isPackaged
      }
      requestSingleInstanceLock(): boolean {
        record('app.requestSingleInstanceLock')
        return true
      }
      whenReady(): Promise<void> {
        return double.readyPromise
      }
      getPath(name: AppPathName): string {
        const found = double.options.paths[name]
        if (!found) throw new Error(`ElectronTestDouble: no path "${name}" configured`)
        return found
      }
      getAppPath(): string {
        return double.options.appPath
      }
      getVersion(): string {
        return double.options.version ?? '0.0.0-test'
      }
      setAppLogsPath(): void {
        record('app.setAppLogsPath')
      }
      quit(): void {
        record('app.quit')
        double.quitCount++
        const event = new PreventableEvent()
        this.emit('will-quit', event)
        if (!event.defaultPrevented) double.quitted = true
      }
    }
    const app = new App()

    class BrowserWindowDouble extends EventEmitter {
      readonly webContents = new WebContentsDouble()
      loadedUrl: string | null = null
      constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
        super()
        record('new BrowserWindow')
        double.windows.push(this)
        double.onNewWindow?.()
        app.emit('web-contents-created', new PreventableEvent(), this.webContents)
      }
      static getAllWindows(): BrowserWindowDouble[] {
        return [...double.windows]
      }
      loadURL(url: string): Promise<void> {
        this.loadedUrl = url
        this.webContents.mainFrame.url = url
        return Promise.resolve()
      }
      show(): void {}
      focus(): void {}
      restore(): void {}
      isMinimized(): boolean {
        return false
      }
      destroy(): void {}
    }

    const protocol = {
      registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
        record(`protocol.registerSchemesAsPrivileged:${schemes.map((s) => s.scheme).join(',')}`)
        double.privilegedSchemes.push(...schemes)
      },
      handle(scheme: string, handler: ProtocolHandler): void {
        record(`protocol.handle:${scheme}`)
        double.protocolHandlers.set(scheme, handler)
      }
    }
    const ipcMain = {
      handle(channel: string, listener: IpcHandler): void {
        if (double.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        double.ipcHandlers.set(channel, listener)
      }
    }
    const session = {
      defaultSession: {
        setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
          double.permissionRequestHandler = handler
        },
        setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
          double.permissionCheckHandler = handler
        }
      }
    }
    const shell = {
      openExternal(url: string): Promise<void> {
        double.openedExternally.push(url)
        return Promise.resolve()
      },
      showItemInFolder(file: string): void {
        record(`shell.showItemInFolder:${file}`)
      }
    }
    const dialog = {
      showErrorBox(title: string, content: string): void {
        double.errorBoxes.push({ title, content })
      },
      showMessageBox(
        first: Electron.BaseWindow | Electron.MessageBoxOptions,
        second?: Electron.MessageBoxOptions
      ): Promise<Electron.MessageBoxReturnValue> {
        const options = second ?? (first as Electron.MessageBoxOptions)
        double.messageBoxes.push(options)
        double.messageBoxParents.push(second ? first : null)
        record(`dialog.showMessageBox:${options.title ?? ''}`)
        return Promise.resolve({ response: double.messageBoxResponse, checkboxChecked: false })
      },
      showOpenDialog: (): Promise<Electron.OpenDialogReturnValue> => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: (): Promise<Electron.SaveDialogReturnValue> => Promise.resolve({ canceled: true, filePath: '' })
    }
    const Menu = {
      buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): {
        template: Electron.MenuItemConstructorOptions[]
      } {
        return { template }
      },
      setApplicationMenu(menu: unknown): void {
        record(menu ? 'Menu.setApplicationMenu' : 'Menu.setApplicationMenu:null')
      },
      getApplicationMenu: (): null => null
    }
    return { app, BrowserWindow: BrowserWindowDouble, protocol, ipcMain, session, shell, dialog, Menu }
  }
}

export type BrowserWindowDouble = InstanceType<ElectronTestDouble['module']['BrowserWindow']>

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown
const moduleWithLoad = Module as unknown as { _load: Loader }

/** Loads the built main process (`out/main/index.js` under `root`) afresh, with `electron` resolved to `double`. */
export function loadBuiltMain(root: string, double: ElectronTestDouble): void {
  const original = moduleWithLoad._load
  moduleWithLoad._load = function (this: unknown, request, parent, isMain) {
    if (request === 'electron') return double.module
    return original.call(this, request, parent, isMain)
  }
  try {
    for (const key of Object.keys(require.cache))
      if (key.startsWith(path.join(root, 'out/main'))) delete require.cache[key]
    createRequire(__filename)(path.join(root, 'out/main/index.js'))
  } finally {
    moduleWithLoad._load = original
  }
}

/** Resolves with what `probe` returns once it is truthy: main boots asynchronously after `ready`. */
export async function until<T>(probe: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
