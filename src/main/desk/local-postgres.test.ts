// The throwaway server behind `npm run desk` and the desk tests survives being killed: stop and
// restart after a SIGKILL return (they used to wait forever for an exit that had already happened).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Client } from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { DESK_SERVER_SETTINGS, startLocalPostgres, type LocalPostgres } from './local-postgres'

let pg: LocalPostgres | null = null
afterAll(async () => {
  await pg?.remove()
})

const show = async (p: LocalPostgres, sql: string): Promise<string> => {
  const client = new Client({ connectionString: p.url })
  await client.connect()
  try {
    return String(Object.values((await client.query(sql)).rows[0] as object)[0])
  } finally {
    await client.end()
  }
}
const answers = async (p: LocalPostgres): Promise<number> => Number(await show(p, 'SELECT 1 AS one'))

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

  it('runs with the settings the README tells a desk to use, as the desk benchmarks do', async () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8')
    for (const [name, value] of Object.entries(DESK_SERVER_SETTINGS))
      expect(readme, `README names ${name} = ${value}`).toMatch(new RegExp(`\\b${name} = ${value}\\b`))
    const desk = await startLocalPostgres({ settings: DESK_SERVER_SETTINGS })
    try {
      expect(await show(desk, 'SHOW fsync')).toBe('on')
      expect(await show(desk, 'SHOW max_wal_size')).toBe(DESK_SERVER_SETTINGS.max_wal_size)
    } finally {
      await desk.remove()
    }
  }, 60_000)
})
