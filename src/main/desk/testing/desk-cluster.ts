// A real PostgreSQL desk and several Factdesk cores on their own library folders, for the
// multi-client tests and the desk benchmarks.
import { Client } from 'pg'
import type { ChannelInput, DeskStatus } from '../../../shared/contract'
import { openTestCore, withEditor, type TestCore } from '../../testing/test-core'
import { addMember, createDesk } from '../admin'
import { startLocalPostgres, type LocalPostgres, type ServerSettings } from '../local-postgres'

export interface DeskCluster {
  pg: LocalPostgres
  /** Runs SQL as the database owner (a fresh connection each time, so it survives server restarts). */
  admin<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** Adds a desk member role (the desk is created if new). */
  member(deskId: string, role: string, options?: { lead?: boolean }): Promise<{ role: string; password: string }>
  /** A core on a fresh library folder, with an editor chosen, connected to the desk as `role`. */
  client(deskId: string, role: string, editorName?: string): Promise<TestCore>
  connectInput(deskId: string, role: string, password?: string): ChannelInput<'desk.connect'>
  close(): Promise<void>
}

export async function startDeskCluster(settings?: ServerSettings): Promise<DeskCluster> {
  const pg = await startLocalPostgres({ settings })
  const asAdmin = async <R>(work: (client: Client) => Promise<R>): Promise<R> => {
    const client = new Client({ connectionString: pg.url })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  const cores: TestCore[] = []
  const passwords = new Map<string, string>()
  const desks = new Set<string>()
  const cluster: DeskCluster = {
    pg,
    admin: (sql, params) => asAdmin(async (c) => (await c.query(sql, params)).rows),
    async member(deskId, role, options = {}) {
      const password = `${role}-secret`
      await asAdmin(async (admin) => {
        if (!desks.has(deskId)) await createDesk(admin, deskId, `Desk ${deskId}`)
        desks.add(deskId)
        await addMember(admin, { deskId, role, password, personId: role, lead: options.lead })
      })
      passwords.set(role, password)
      return { role, password }
    },
    connectInput: (deskId, role, password) => ({
      host: pg.host,
      port: pg.port,
      database: pg.database,
      user: role,
      password: password ?? passwords.get(role) ?? '',
      ssl: false,
      deskId
    }),
    async client(deskId, role, editorName = role) {
      const t = await openTestCore({ deskRetryMs: 150 })
      cores.push(t)
      await withEditor(t, editorName)
      await t.call('desk.connect', cluster.connectInput(deskId, role))
      return t
    },
    async close() {
      for (const t of cores) await t.cleanup().catch(() => undefined)
      await pg.remove()
    }
  }
  return cluster
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

export const deskStatus = (t: TestCore): Promise<DeskStatus> => t.call('desk.status', {})

/** Waits until a core has nothing left to push and is online. */
export const settled = (t: TestCore, timeoutMs?: number): Promise<DeskStatus> =>
  waitFor(
    'the desk to settle',
    async () => {
      await t.core.desk.sync?.idle()
      const s = await deskStatus(t)
      return s.state === 'online' && s.pending === 0 ? s : null
    },
    timeoutMs
  )
