// Boots the BUILT main process (out/main/index.js, as Electron loads it) under Node, with
// `electron` resolved to a recording test double, and checks what main sets up: the lock and the
// privileged scheme before ready, the window's security, the app:// handler and its CSP header,
// every channel on ipcMain, refusals of foreign senders, the web-contents guards and a quit that
// waits for the library to close. `npm test` builds before it runs the unit tests.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames } from '../../shared/contract'
import {
  ElectronTestDouble,
  loadBuiltMain,
  PreventableEvent,
  until,
  type BrowserWindowDouble
} from '../testing/electron-double'

const root = path.resolve(__dirname, '../../..')
const builtMain = path.join(root, 'out/main/index.js')

let dir: string
let electron: ElectronTestDouble
let window: BrowserWindowDouble
const savedEnv = { ...process.env }

const invoke = (
  channel: string,
  input: unknown,
  frame: { url: string },
  mainFrame: { url: string } = frame
): Promise<unknown> => {
  const handler = electron.ipcHandlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  const event = { senderFrame: frame, sender: { mainFrame } } as unknown as Electron.IpcMainInvokeEvent
  return Promise.resolve(handler(event, input))
}

const fetchApp = async (url: string): Promise<Response> => {
  const handler = electron.protocolHandlers.get('app')
  if (!handler) throw new Error('no app:// handler')
  return handler(new Request(url)) as Promise<Response>
}

beforeAll(async () => {
  if (!existsSync(builtMain))
    throw new Error(`${builtMain} is missing: run "npm run build" before the unit tests (npm test does)`)
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-boot-'))
  process.env.FACTDESK_LIBRARY_DIR = path.join(dir, 'library')
  // A packaged build must not load (and trust) whatever this names.
  process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:9/evil'
  electron = new ElectronTestDouble({
    paths: { userData: path.join(dir, 'userData'), logs: path.join(dir, 'logs') },
    appPath: root,
    isPackaged: true
  })
  loadBuiltMain(root, electron)
})

afterAll(async () => {
  process.env = savedEnv
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the built main process', () => {
  it('takes the single-instance lock and registers the privileged app:// scheme (with V8 code cache) before ready', () => {
    const ready = electron.calls.indexOf('ready')
    expect(ready).toBe(-1)
    expect(electron.calls).toContain('app.requestSingleInstanceLock')
    expect(electron.calls).toContain('protocol.registerSchemesAsPrivileged:app')
    expect(electron.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true }) }
    ])
  })

  it('opens one locked-down window on app:// after ready, ignoring ELECTRON_RENDERER_URL when packaged', async () => {
    const lock = path.join(dir, 'library', 'library.lock')
    let lockedAtWindow: boolean | null = null
    electron.onNewWindow = () => (lockedAtWindow = existsSync(lock))
    electron.ready()
    window = await until(() => electron.windows[0], 'the main window')
    // The window first: its page loads while the library opens (the library used to open before the window existed).
    expect(lockedAtWindow).toBe(false)
    await until(() => existsSync(lock), 'the library opened')
    const prefs = window.options.webPreferences ?? {}
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true })
    expect(prefs.preload).toBe(path.join(root, 'out/preload/index.cjs'))
    expect(existsSync(prefs.preload ?? '')).toBe(true)
    expect(window.loadedUrl).toBe('app://factdesk/index.html')
    expect(electron.calls.indexOf('protocol.handle:app')).toBeGreaterThan(electron.calls.indexOf('ready'))
  })

  it('registers every channel of the contract on ipcMain, and nothing else', async () => {
    await until(() => electron.ipcHandlers.size > 0, 'ipc handlers')
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('starts without loading jsdom, pg, undici, the encoder or the import libraries: they wait in workers or for first use', async () => {
    // What the library screen asks for on its first paint, answered by the main just started.
    const page = { url: 'app://factdesk/index.html' }
    await invoke('app.info', {}, page)
    await invoke('stories.list', {}, page)
    const deferred =
      /node_modules[\\/](jsdom|pg|pg-[a-z-]+|undici|@energetic-ai|@tensorflow|mammoth|@mozilla[\\/]readability|dompurify|fflate)[\\/]/
    const cache = Object.keys(createRequire(__filename).cache)
    // The cache main's own dependencies went into (so an eager require of any of the above would show).
    expect(cache.some((file) => /node_modules[\\/]immer[\\/]/.test(file))).toBe(true)
    expect(cache.filter((file) => deferred.test(file))).toEqual([])
  })

  it('serves the page, its script and its style with their types and the CSP as a response header', async () => {
    const page = await fetchApp('app://factdesk/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    const html = await page.text()
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i)
    const script = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(html)?.[1]
    const style = /<link[^>]+href="\.?\/?([^"]+\.css)"/.exec(html)?.[1]
    expect(script && style).toBeTruthy()
    const js = await fetchApp(`app://factdesk/${script}`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    const css = await fetchApp(`app://factdesk/${style}`)
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
  })

  it('refuses paths that leave the renderer folder and hosts other than factdesk', async () => {
    expect((await fetchApp('app://factdesk/..%2f..%2fpackage.json')).status).toBe(403)
    expect((await fetchApp('app://factdesk/%2e%2e%2fmain%2findex.js')).status).toBe(403)
    expect((await fetchApp('app://factdesk/assets/nothing-here.js')).status).toBe(404)
    expect((await fetchApp('app://evil/index.html')).status).toBe(404)
  })

  it('answers calls from its own page and refuses subframes and foreign origins, logging each refusal', async () => {
    const own = { url: 'app://factdesk/index.html' }
    await expect(invoke('app.info', {}, own)).resolves.toMatchObject({ ok: true })
    await expect(invoke('library.get', {}, { url: 'https://evil.example/' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    await expect(invoke('library.get', {}, { url: 'app://factdesk/frame.html' }, own)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    await expect(invoke('library.get', {}, { url: 'http://127.0.0.1:9/evil' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
    const log = readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8')
    expect(log).toContain('Refused IPC call "library.get" (untrusted_origin) from https://evil.example')
    expect(log).toContain('Refused IPC call "library.get" (subframe) from app://factdesk')
  })

  it('denies navigation, new windows, webviews and permissions; web links go to the system browser', async () => {
    const contents = window.webContents
    const navigate = new PreventableEvent()
    contents.emit('will-navigate', navigate, 'https://example.com/')
    expect(navigate.defaultPrevented).toBe(true)
    const inApp = new PreventableEvent()
    contents.emit('will-navigate', inApp, 'app://factdesk/index.html')
    expect(inApp.defaultPrevented).toBe(false)
    const fileNav = new PreventableEvent()
    contents.emit('will-navigate', fileNav, 'file:///etc/passwd')
    expect(fileNav.defaultPrevented).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' } as Electron.HandlerDetails)).toEqual({
      action: 'deny'
    })
    const webview = new PreventableEvent()
    contents.emit('will-attach-webview', webview, {}, {})
    expect(webview.defaultPrevented).toBe(true)
    expect(electron.openedExternally).toEqual(['https://example.com/', 'https://example.org/'])
    const granted: boolean[] = []
    electron.permissionRequestHandler?.(
      contents as unknown as Electron.WebContents,
      'media',
      (ok) => granted.push(ok),
      {} as never
    )
    expect(granted).toEqual([false])
    expect(electron.permissionCheckHandler?.(null, 'notifications', 'app://factdesk', {} as never)).toBe(false)
  })

  it('waits for the library to close before it quits', async () => {
    const lock = path.join(dir, 'library', 'library.lock')
    expect(existsSync(lock)).toBe(true)
    electron.module.app.quit()
    expect(electron.quitted).toBe(false)
    await until(() => electron.quitted, 'the second quit')
    expect(electron.quitCount).toBe(2)
    expect(existsSync(lock)).toBe(false)
    expect(existsSync(path.join(dir, 'library', 'library.json'))).toBe(true)
  })
})
