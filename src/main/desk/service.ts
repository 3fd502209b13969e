// The desk channels and the one DeskSync of the open library: connect, disconnect, status, resolve.
// Without a desk none of this runs and the library works exactly as a local one.
import type { ConnectDesk, DeskConnection, DeskStatus } from '../../shared/contract'
import { AppError } from '../../shared/result'
import type { GroupHandlers } from '../registry'
import type { Platform } from '../platform'
import { currentEditor, type ServiceContext } from '../services/context'
import type { StoryEdit } from '../store/story-edit'
import { migrate } from './migrations'
import { deskError } from './connection'
import { assertOwnDesk, DeskSync, detachLibrary, forgetConnection, savedConnection } from './sync'
import { newPgClient } from './pg-client'
import { clientConfig, mayMigrate } from './repository'

export const offStatus: DeskStatus = {
  state: 'off',
  deskId: null,
  user: null,
  lead: false,
  pending: 0,
  lastSyncAt: null,
  progress: null,
  conflicts: [],
  error: null
}

const secretKey = (c: DeskConnection): string => `desk:${c.user}@${c.host}:${c.port}/${c.database}`

/**
 * A host is a name or an address, never a path: the PostgreSQL client takes a host starting with "/"
 * for a Unix socket folder on this computer.
 */
function checkedHost(host: string): string {
  if (!host || /[/\\\s%]/.test(host) || host.startsWith('.'))
    throw new AppError(
      'invalid_input',
      `"${host}" is not a host name or address. Give the desk server's name (desk.example.org) or address (192.0.2.10, ::1).`
    )
  return host
}

function checkedPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new AppError('invalid_input', `${port} is not a port number (1 to 65535).`)
  return port
}

/** Turns the dialog's URL or parts into one connection (the password stays apart). */
export function parseConnection(input: ConnectDesk): { connection: DeskConnection; password: string } {
  if (input.url) {
    let url: URL
    try {
      url = new URL(input.url)
    } catch {
      throw new AppError('invalid_input', 'That is not a postgresql:// address.')
    }
    if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:')
      throw new AppError('invalid_input', 'The desk address must start with postgresql://')
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres'
    const user = decodeURIComponent(url.username)
    if (!url.hostname || !user)
      throw new AppError(
        'invalid_input',
        'The desk address needs a host and a user, e.g. postgresql://dana@desk.example.org/factdesk'
      )
    const sslmode = url.searchParams.get('sslmode')
    return {
      connection: {
        // An IPv6 address comes in brackets in a URL, never in a host name.
        host: checkedHost(url.hostname.replace(/^\[(.*)\]$/, '$1')),
        port: checkedPort(url.port ? Number(url.port) : 5432),
        database,
        user,
        ssl: sslmode === 'disable' ? false : input.ssl,
        deskId: input.deskId
      },
      password: input.password || decodeURIComponent(url.password)
    }
  }
  if (!input.host || !input.user) throw new AppError('invalid_input', 'Give the desk address, or its host and user.')
  return {
    connection: {
      host: checkedHost(input.host.trim().replace(/^\[(.*)\]$/, '$1')),
      port: input.port ?? 5432,
      database: input.database ?? 'postgres',
      user: input.user,
      ssl: input.ssl,
      deskId: input.deskId
    },
    password: input.password
  }
}

export interface DeskManager {
  handlers: GroupHandlers<'desk'>
  /** The store wrote a story (its id, and what the write changed) or library.json (null). */
  changed(storyId: string | null, edit?: StoryEdit): void
  /** The library folder was opened (at start or after switching): resume its desk, if it has one. */
  resume(): Promise<void>
  close(): Promise<void>
  readonly sync: DeskSync | null
}

export function deskManager(ctx: ServiceContext, platform: Platform, retryMs?: number): DeskManager {
  let sync: DeskSync | null = null
  const status = (): DeskStatus => sync?.status() ?? offStatus
  const options = (connection: DeskConnection, password: string) => ({
    store: () => ctx.store,
    connection,
    password,
    now: ctx.now,
    retryMs,
    onStatus: (s: DeskStatus) => platform.emit('desk.status', s)
  })
  const stop = async (): Promise<void> => {
    const running = sync
    sync = null
    await running?.close()
  }
  return {
    get sync() {
      return sync
    },
    changed: (storyId, edit) => sync?.changed(storyId, edit),
    async resume() {
      await stop()
      const connection = await savedConnection(ctx.store)
      if (!connection) return
      const password = await platform.secrets.load(secretKey(connection)).catch(() => null)
      sync = await DeskSync.resume(options(connection, password ?? ''))
    },
    close: stop,
    handlers: {
      status: () => status(),
      connect: async (input) => {
        if (ctx.store.readOnly)
          throw new AppError('read_only', 'This library is open read-only, so it cannot sync with a desk.')
        const { connection, password } = parseConnection(input)
        await assertOwnDesk(ctx.store, connection)
        await ensureSchema(connection, password)
        sync = await DeskSync.connect(options(connection, password), stop)
        // Saving the password can be refused (no OS encryption, no keyring): the desk still works for
        // this session, the password is asked for at each connect, and the editor is told why and what to do.
        const passwordNotice = await platform.secrets.save(secretKey(connection), password).then(
          () => null,
          (error: unknown) =>
            error instanceof AppError
              ? { code: error.code, message: error.message }
              : {
                  code: 'internal' as const,
                  message: 'The desk password could not be saved: it is asked for at each connect.'
                }
        )
        return { ...status(), passwordNotice }
      },
      disconnect: async () => {
        const connection = sync ? await savedConnection(ctx.store) : null
        await stop()
        await forgetConnection(ctx.store)
        if (connection) await platform.secrets.remove(secretKey(connection)).catch(() => undefined)
        platform.emit('desk.status', offStatus)
        return offStatus
      },
      detach: async () => {
        if (ctx.store.readOnly) throw new AppError('read_only', 'This library is open read-only.')
        const connection = await savedConnection(ctx.store)
        await stop()
        await detachLibrary(ctx.store)
        if (connection) await platform.secrets.remove(secretKey(connection)).catch(() => undefined)
        platform.emit('desk.status', offStatus)
        return offStatus
      },
      resolve: async ({ key, choices }) => {
        if (!sync) throw new AppError('not_found', 'This library is not connected to a desk.')
        await sync.resolve(key, choices, currentEditor(ctx), ctx.newId)
        return status()
      }
    }
  }
}

/** Brings the desk schema up to date when the connecting role may (the owner); members just use it. */
async function ensureSchema(connection: DeskConnection, password: string): Promise<void> {
  const client = newPgClient(clientConfig(connection, password))
  try {
    await client.connect()
    if (await mayMigrate(client)) await migrate(client)
  } catch (error) {
    throw deskError(error, connection)
  } finally {
    await client.end().catch(() => undefined)
  }
}
