// Where the library lives: FACTDESK_LIBRARY_DIR, else the folder the user last opened, else
// <userData>/library. The choice is remembered in <userData>/factdesk-config.json.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { writeFileDurably } from '../store/durable-write'
import { nodeFileIO } from '../store/file-io'

const configFile = (userData: string): string => path.join(userData, 'factdesk-config.json')

export async function resolveLibraryDir(userData: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.FACTDESK_LIBRARY_DIR) return path.resolve(env.FACTDESK_LIBRARY_DIR)
  try {
    const saved = JSON.parse(await readFile(configFile(userData), 'utf8')) as { libraryDir?: unknown }
    if (typeof saved.libraryDir === 'string' && path.isAbsolute(saved.libraryDir)) return saved.libraryDir
  } catch {
    // No config yet, or a damaged one: fall back to the default library.
  }
  return path.join(userData, 'library')
}

export async function rememberLibraryDir(userData: string, dir: string): Promise<void> {
  await nodeFileIO.mkdir(userData)
  await writeFileDurably(nodeFileIO, configFile(userData), JSON.stringify({ libraryDir: dir }))
}
