// The throwaway server behind `npm run desk` and the desk tests survives being killed: stop and
// restart after a SIGKILL return (they used to wait forever for an exit that had already happened).
import { Client } from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startLocalPostgres, type LocalPostgres } from './local-postgres'

let pg: LocalPostgres | null = null
afterAll(async () => {
  await pg?.remove()
})

const answers = async (p: LocalPostgres): Promise<number> => {
  const client = new Client({ connectionString: p.url })
  await client.connect()
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one
  } finally {
    await client.end()
  }
}

const killed = async (p: LocalPostgres): Promise<void> => {
  const pid = p.pid()
  expect(pid).not.toBeNull()
  process.kill(pid!, 'SIGKILL')
  // Wait for the kill to be seen (state, not time).
  while (p.pid() !== null) await new Promise((r) => setTimeout(r, 20))
}

describe('local PostgreSQL', () => {
  it('restarts and stops after its server was killed with SIGKILL', async () => {
    pg = await startLocalPostgres()
    expect(await answers(pg)).toBe(1)
    await killed(pg)
    await pg.restart()
    expect(await answers(pg)).toBe(1)
    await killed(pg)
    await pg.stop()
    await pg.restart()
    expect(await answers(pg)).toBe(1)
  }, 60_000)
})
