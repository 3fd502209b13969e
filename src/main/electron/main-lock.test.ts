// The built main process meeting a library another computer holds: it asks with a message box,
// quits without touching the lock when told to, and takes the library over when told to. Boots
// out/main/index.js under Node with the recording Electron double, as main-boot.test.ts does.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ElectronTestDouble, loadBuiltMain, until } from '../testing/electron-double'

const root = path.resolve(__dirname, '../../..')
const savedEnv = { ...process.env }
const dirs: string[] = []

const elsewhere = JSON.stringify({
  host: 'newsroom-laptop-7',
  pid: 4242,
  startedAt: '2026-11-25T08:00:00.000Z',
  at: new Date().toISOString()
})

/** Boots main on a library whose lock another computer holds; the "user" presses `button`. */
async function bootOnHeldLibrary(button: number): Promise<{ electron: ElectronTestDouble; lock: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-held-'))
  dirs.push(dir)
  const library = path.join(dir, 'library')
  await mkdir(library, { recursive: true })
  const lock = path.join(library, 'library.lock')
  await writeFile(lock, elsewhere)
  process.env.FACTDESK_LIBRARY_DIR = library
  const electron = new ElectronTestDouble({
    paths: { userData: path.join(dir, 'userData'), logs: path.join(dir, 'logs') },
    appPath: root,
    isPackaged: true
  })
  electron.messageBoxResponse = button
  loadBuiltMain(root, electron)
  electron.ready()
  return { electron, lock }
}

afterAll(async () => {
  process.env = savedEnv
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('a library held by another computer', () => {
  it('asks over the window, and on Quit leaves the other computer’s lock alone and quits', async () => {
    const { electron, lock } = await bootOnHeldLibrary(0)
    await until(() => electron.quitCount > 0, 'the quit')
    expect(electron.messageBoxes).toHaveLength(1)
    expect(electron.messageBoxes[0]).toMatchObject({
      type: 'warning',
      title: 'Library in use',
      buttons: ['Quit', 'Take over the library'],
      cancelId: 0
    })
    expect(electron.messageBoxes[0]!.message).toContain('newsroom-laptop-7')
    // The window was opened first (its page loads while the library opens) and the question is modal on it.
    expect(electron.windows).toHaveLength(1)
    expect(electron.messageBoxParents).toEqual([electron.windows[0]])
    expect(electron.errorBoxes.map((box) => box.title)).toEqual(['Factdesk could not start'])
    expect(await readFile(lock, 'utf8')).toBe(elsewhere)
  })

  it('takes the library over when told to, and opens the window on it', async () => {
    const { electron, lock } = await bootOnHeldLibrary(1)
    await until(() => electron.windows.length > 0, 'the window')
    await until(() => electron.ipcHandlers.size > 0, 'the calls registered')
    // A call the page makes meanwhile waits for the library and is answered on the one taken over.
    const page = { url: 'app://factdesk/index.html' }
    const answer = electron.ipcHandlers.get('library.get')!(
      { senderFrame: page, sender: { mainFrame: page } } as never,
      {}
    ) as Promise<{ ok: boolean }>
    await until(() => electron.messageBoxes.length > 0, 'the question')
    expect(electron.messageBoxes).toHaveLength(1)
    await expect(answer).resolves.toMatchObject({ ok: true })
    expect(existsSync(lock)).toBe(true)
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ host: os.hostname(), pid: process.pid })
    expect(electron.windows).toHaveLength(1)
  })
})
