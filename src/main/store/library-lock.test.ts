import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { nodeFileIO } from './file-io'
import { acquireLibraryLock, lockFileOf } from './library-lock'
import { LibraryStore } from './library-store'

const ROUNDS = 300
const deadPid = 2 ** 22 + 12345

interface Racer {
  child: ChildProcess
  say(line: string): Promise<string>
}

function startRacer(dir: string): Promise<Racer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lock-racer.fixture.ts'), dir], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout })
  const waiting: ((line: string) => void)[] = []
  lines.on('line', (line) => waiting.shift()?.(line))
  const next = (): Promise<string> => new Promise((resolve) => waiting.push(resolve))
  const ready = next()
  return ready.then(() => ({
    child,
    say(line: string) {
      const answer = next()
      child.stdin.write(`${line}\n`)
      return answer
    }
  }))
}

describe('the library lock', () => {
  it(
    `is never held by two processes at once (${ROUNDS} rounds, free and stale locks)`,
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-lock-'))
      const [a, b] = await Promise.all([startRacer(dir), startRacer(dir)])
      let wins = { a: 0, b: 0 }
      try {
        for (let round = 0; round < ROUNDS; round++) {
          // Every other round the two race for a lock left by a process that died.
          if (round % 2 === 1)
            await writeFile(
              lockFileOf(dir),
              JSON.stringify({ host: os.hostname(), pid: deadPid, startedAt: '', at: '' })
            )
          const [ra, rb] = await Promise.all([a.say('go'), b.say('go')])
          const won = [ra === 'won', rb === 'won']
          expect(won.filter(Boolean), `round ${round}: ${ra} / ${rb}`).toHaveLength(1)
          wins = { a: wins.a + (won[0] ? 1 : 0), b: wins.b + (won[1] ? 1 : 0) }
          await Promise.all([won[0] ? a.say('release') : null, won[1] ? b.say('release') : null])
        }
      } finally {
        a.child.stdin?.write('exit\n')
        b.child.stdin?.write('exit\n')
      }
      expect(wins.a + wins.b).toBe(ROUNDS)
    }
  )

  it('writes who holds it, refuses a second open in the same process and lets go on close', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-lock-'))
    const store = await LibraryStore.open(dir)
    expect(JSON.parse(await readFile(lockFileOf(dir), 'utf8'))).toMatchObject({
      host: os.hostname(),
      pid: process.pid,
      startedAt: expect.any(String)
    })
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already open in this Factdesk window')
    })
    await store.close()
    const again = await LibraryStore.open(dir)
    await again.close()
  })

  it("treats another computer's lock as held, until it is taken over explicitly", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-lock-'))
    await writeFile(
      lockFileOf(dir),
      JSON.stringify({ host: 'newsroom-laptop-7', pid: deadPid, startedAt: '', at: '2026-11-25T09:00:00.000Z' })
    )
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('newsroom-laptop-7')
    })
    const store = await LibraryStore.open(dir, { takeOverLock: true })
    expect(JSON.parse(await readFile(lockFileOf(dir), 'utf8'))).toMatchObject({ host: os.hostname(), pid: process.pid })
    await store.close()
  })

  it('takes over a stale or unreadable lock left on this computer', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-lock-'))
    await writeFile(lockFileOf(dir), JSON.stringify({ pid: deadPid }))
    const first = await acquireLibraryLock(dir, nodeFileIO)
    await first.release()
    await writeFile(lockFileOf(dir), '')
    const old = new Date(Date.now() - 60_000)
    const { utimes } = await import('node:fs/promises')
    await utimes(lockFileOf(dir), old, old)
    const second = await acquireLibraryLock(dir, nodeFileIO)
    await second.release()
  })
})

describe('a library on read-only media', () => {
  it('opens read-only without a lock, shows its content, and closes cleanly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-ro-'))
    const store = await LibraryStore.open(dir)
    await store.updateLibrary((l) => void (l.settings.organisationName = 'On a DVD'))
    await store.close()
    const rofs = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })
    const fail = async (): Promise<never> => {
      throw rofs
    }
    const io = { ...nodeFileIO, writeFile: fail, mkdir: fail, rename: fail, link: fail, unlink: fail, copyFile: fail }
    const ro = await LibraryStore.open(dir, { io })
    expect(ro.readOnly).toBe(true)
    expect(ro.notices.map((n) => n.kind)).toEqual(['read_only'])
    expect(ro.library.settings.organisationName).toBe('On a DVD')
    await expect(ro.updateLibrary(() => undefined)).rejects.toMatchObject({
      code: 'read_only',
      message: expect.stringContaining('cannot write')
    })
    await expect(readFile(lockFileOf(dir))).rejects.toMatchObject({ code: 'ENOENT' })
    await ro.close()
  })
})
