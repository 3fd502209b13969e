// The app's per-user config in <userData>/factdesk-config.json: where the library lives
// (FACTDESK_LIBRARY_DIR, else the folder the user last opened, else <userData>/library) and who
// is editing each library on this machine, which local-network hosts URL imports may be redirected to, and how
// often the published pages of signed-off stories are checked. Nothing here imports Electron, so the browser driver
// keeps its own config file the same way.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { EditorIdentity, NetworkHosts, WatchSchedule } from './identity'
import { writeFileDurably } from './store/durable-write'
import { nodeFileIO } from './store/file-io'

interface AppConfig {
  libraryDir?: string
  /** Current editor per library folder. */
  editors?: Record<string, string>
  /** Hosts on this computer or the local network the editor allowed URL imports to be redirected to. */
  networkHosts?: string[]
  /** Hours between checks of the published pages of signed-off stories; absent: off. */
  watchHours?: number
}

const configFile = (userData: string): string => path.join(userData, 'factdesk-config.json')

async function readConfig(userData: string): Promise<AppConfig> {
  try {
    const saved = JSON.parse(await readFile(configFile(userData), 'utf8')) as unknown
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {}
    const record = saved as Record<string, unknown>
    const config: AppConfig = {}
    if (typeof record.libraryDir === 'string' && path.isAbsolute(record.libraryDir))
      config.libraryDir = record.libraryDir
    if (typeof record.editors === 'object' && record.editors !== null) {
      config.editors = Object.fromEntries(
        Object.entries(record.editors).filter((e): e is [string, string] => typeof e[1] === 'string')
      )
    }
    if (Array.isArray(record.networkHosts))
      config.networkHosts = record.networkHosts.filter((h): h is string => typeof h === 'string')
    if (typeof record.watchHours === 'number' && Number.isInteger(record.watchHours) && record.watchHours >= 1)
      config.watchHours = Math.min(record.watchHours, 168)
    return config
  } catch {
    // No config yet, or a damaged one: start from defaults.
    return {}
  }
}

/** Writes one after another, each reading the file the previous one left. */
let writes: Promise<unknown> = Promise.resolve()

function updateConfig(userData: string, change: (config: AppConfig) => void): Promise<void> {
  const next = writes.then(async () => {
    const config = await readConfig(userData)
    change(config)
    await nodeFileIO.mkdir(userData)
    await writeFileDurably(nodeFileIO, configFile(userData), JSON.stringify(config))
  })
  writes = next.catch(() => undefined)
  return next
}

export async function resolveLibraryDir(userData: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.FACTDESK_LIBRARY_DIR) return path.resolve(env.FACTDESK_LIBRARY_DIR)
  return (await readConfig(userData)).libraryDir ?? path.join(userData, 'library')
}

export function rememberLibraryDir(userData: string, dir: string): Promise<void> {
  return updateConfig(userData, (config) => {
    config.libraryDir = dir
  })
}

/** The current editor per library, kept in the per-user config. */
export function configIdentity(userData: string): EditorIdentity {
  return {
    load: async (dir) => (await readConfig(userData)).editors?.[path.resolve(dir)] ?? null,
    save: (dir, id) =>
      updateConfig(userData, (config) => {
        config.editors = { ...config.editors, [path.resolve(dir)]: id }
      })
  }
}

/** The local-network hosts the editor allowed URL imports to reach, kept in the per-user config. */
export function configNetworkHosts(userData: string): NetworkHosts {
  return {
    allowed: async (host) => ((await readConfig(userData)).networkHosts ?? []).includes(host),
    allow: (host) =>
      updateConfig(userData, (config) => {
        config.networkHosts = [...new Set([...(config.networkHosts ?? []), host])]
      })
  }
}

/** How often this computer checks the published pages, kept in the per-user config (off when absent). */
export function configWatchSchedule(userData: string): WatchSchedule {
  return {
    hours: async () => (await readConfig(userData)).watchHours ?? null,
    setHours: (hours) =>
      updateConfig(userData, (config) => {
        if (hours === null) delete config.watchHours
        else config.watchHours = hours
      })
  }
}
