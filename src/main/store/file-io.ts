// The file operations the store uses, gathered in one object so tests can inject disk failures
// (ENOSPC, EACCES, EPERM) without mocking globals.
import { promises as fs } from 'node:fs'

export interface FileIO {
  readFile(file: string): Promise<Buffer>
  writeFile(file: string, data: string | Uint8Array, flag: 'wx' | 'w'): Promise<void>
  /**
   * Writes a file the store can always do without, one that proves itself when read (a digest of what
   * was checked, a story's head): no fsync, since a copy a crash tore or lost is read as none.
   */
  writeDerived(file: string, data: string): Promise<void>
  /** Appends and fsyncs, so the bytes are on disk when it resolves. Creates the file if needed. */
  appendFile(file: string, data: string): Promise<void>
  /** Cuts a file back to `length` bytes (a torn or unacknowledged tail). */
  truncate(file: string, length: number): Promise<void>
  /** Size in bytes, or null when the file is not there. */
  size(file: string): Promise<number | null>
  fsyncFile(file: string): Promise<void>
  fsyncDir(dir: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  link(existing: string, newPath: string): Promise<void>
  copyFile(from: string, to: string): Promise<void>
  unlink(file: string): Promise<void>
  mkdir(dir: string): Promise<void>
  readdir(dir: string): Promise<string[]>
  exists(file: string): Promise<boolean>
  /** Last modification time in milliseconds, or null when the file is not there. */
  modifiedAt(file: string): Promise<number | null>
}

export const nodeFileIO: FileIO = {
  readFile: (file) => fs.readFile(file),
  async writeFile(file, data, flag) {
    // Write and fsync through one handle so the bytes are on disk before the rename publishes them.
    const handle = await fs.open(file, flag)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  writeDerived: (file, data) => fs.writeFile(file, data),
  async appendFile(file, data) {
    const handle = await fs.open(file, 'a')
    try {
      await handle.appendFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  truncate: (file, length) => fs.truncate(file, length),
  size: (file) =>
    fs.stat(file).then(
      (stats) => stats.size,
      () => null
    ),
  async fsyncFile(file) {
    const handle = await fs.open(file, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  async fsyncDir(dir) {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
    if (process.platform === 'win32') return
    const handle = await fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename: (from, to) => fs.rename(from, to),
  link: (existing, newPath) => fs.link(existing, newPath),
  copyFile: (from, to) => fs.copyFile(from, to),
  unlink: (file) => fs.unlink(file),
  mkdir: async (dir) => {
    await fs.mkdir(dir, { recursive: true })
  },
  readdir: (dir) => fs.readdir(dir),
  modifiedAt: (file) =>
    fs.stat(file).then(
      (stats) => stats.mtimeMs,
      () => null
    ),
  exists: (file) =>
    fs.access(file).then(
      () => true,
      () => false
    )
}

export const errnoCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined

/**
 * The same reads over `io`, every write refused as a read-only disk refuses it (EROFS): a store opened over
 * it opens read-only and can change nothing in the folder (reading another library, never writing to it).
 */
export function readOnlyFileIO(io: FileIO): FileIO {
  const refuse = async (): Promise<never> => {
    throw Object.assign(new Error('This folder is only read, never written.'), { code: 'EROFS' })
  }
  return {
    ...io,
    writeFile: refuse,
    writeDerived: refuse,
    appendFile: refuse,
    truncate: refuse,
    fsyncFile: refuse,
    fsyncDir: refuse,
    rename: refuse,
    link: refuse,
    copyFile: refuse,
    unlink: refuse,
    mkdir: refuse
  }
}
