// A desk connection whose server goes away while the client sits idle (before a session watches it,
// or a schema check between statements) fails its next query; it never ends main with an uncaught
// 'error' event. Vitest's runs stopped on one such event when the test server shut down.
import { Client } from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startLocalPostgres, type LocalPostgres } from './local-postgres'
import { newPgClient } from './pg-client'

let server: LocalPostgres | null = null
afterAll(async () => {
  await server?.remove()
})

describe('newPgClient', () => {
  it('keeps an idle connection’s termination from becoming an uncaught exception, and fails the next query', async () => {
    server = await startLocalPostgres()
    const uncaught: unknown[] = []
    const listener = (error: unknown): void => void uncaught.push(error)
    process.on('uncaughtException', listener)
    const client = newPgClient({ connectionString: server.url })
    const admin = new Client({ connectionString: server.url })
    try {
      await client.connect()
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
      await admin.connect()
      // The server ends the idle client's backend (57P01, as at a shutdown); wait until the client saw it.
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()))
      await admin.query('SELECT pg_terminate_backend($1)', [pid])
      await ended
      await expect(client.query('SELECT 1')).rejects.toThrow()
      expect(uncaught).toEqual([])
    } finally {
      process.off('uncaughtException', listener)
      await admin.end().catch(() => undefined)
      await client.end().catch(() => undefined)
    }
  }, 60_000)
})
