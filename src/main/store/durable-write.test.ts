import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileDurably } from './durable-write'
import { nodeFileIO, type FileIO } from './file-io'

const failing = (op: keyof FileIO, code: string, times = Infinity): FileIO => {
  let left = times
  return {
    ...nodeFileIO,
    [op]: async (...args: unknown[]) => {
      if (left-- > 0) throw Object.assign(new Error(`${code}: simulated`), { code })
      return (nodeFileIO[op] as (...a: unknown[]) => Promise<unknown>)(...args)
    }
  }
}

describe('writeFileDurably', () => {
  it('replaces the file and keeps the previous version as .bak, leaving no temp files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-write-'))
    const file = path.join(dir, 'a.json')
    await writeFileDurably(nodeFileIO, file, '{"v":1}')
    await writeFileDurably(nodeFileIO, file, '{"v":2}')
    expect(await readFile(file, 'utf8')).toBe('{"v":2}')
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{"v":1}')
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'a.json.bak'])
  })

  it.each(['ENOSPC', 'EACCES', 'EPERM', 'EROFS'])(
    'turns %s into a coded io_error and leaves the old file',
    async (code) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-write-'))
      const file = path.join(dir, 'a.json')
      await writeFileDurably(nodeFileIO, file, '{"v":1}')
      await expect(writeFileDurably(failing('writeFile', code), file, '{"v":2}')).rejects.toMatchObject({
        code: 'io_error'
      })
      expect(await readFile(file, 'utf8')).toBe('{"v":1}')
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    }
  )

  it('a write whose backup cannot be renamed fails and leaves no temp file of its own behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-write-'))
    const file = path.join(dir, 'a.json')
    await writeFileDurably(nodeFileIO, file, '{"v":1}')
    await expect(writeFileDurably(failing('rename', 'EIO'), file, '{"v":2}')).rejects.toMatchObject({
      code: 'io_error'
    })
    expect(await readFile(file, 'utf8')).toBe('{"v":1}')
    expect((await readdir(dir)).sort()).toEqual(['a.json'])
  })

  it('retries a rename refused for a moment (a scanner holding the file on Windows)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-write-'))
    const file = path.join(dir, 'a.json')
    await writeFileDurably(failing('rename', 'EBUSY', 2), file, '{"v":1}')
    expect(await readFile(file, 'utf8')).toBe('{"v":1}')
  })

  it('falls back to copying when the file system has no hard links', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-write-'))
    const file = path.join(dir, 'a.json')
    await writeFileDurably(nodeFileIO, file, '{"v":1}')
    await writeFileDurably(failing('link', 'EPERM'), file, '{"v":2}')
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{"v":1}')
  })
})
