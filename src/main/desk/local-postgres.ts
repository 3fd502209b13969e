// A throwaway PostgreSQL server in a temp folder on a free localhost port, from the machine's own
// PostgreSQL binaries (Debian's postgresql package: /usr/lib/postgresql/<version>/bin). Used by
// `npm run desk`, the desk tests and the benchmarks; never by the app itself.
// PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` system user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'

export interface LocalPostgres {
  host: string
  port: number
  /** The superuser that owns the database; the desk's migrations run as this role. */
  user: string
  password: string
  database: string
  url: string
  /** Stops the server and starts it again on the same port and data (for restart tests). */
  restart(): Promise<void>
  stop(): Promise<void>
  /** Stops the server and deletes its folder. */
  remove(): Promise<void>
  /** The server process, while one runs (tests kill it to play a crash). */
  pid(): number | null
}

export function findPostgresBin(): string {
  const fromEnv = process.env.FACTDESK_PG_BIN
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : []
  for (const version of versions) {
    const bin = path.join(root, version, 'bin')
    if (existsSync(path.join(bin, 'initdb'))) return bin
  }
  throw new Error(
    'No PostgreSQL server binaries found. Install Debian\'s "postgresql" package (apt-get install postgresql) or set FACTDESK_PG_BIN.'
  )
}

/**
 * Counts every statement each role runs, nested ones in functions included (pg_stat_statements, part of
 * Debian's server package), so tests can bound the round trips and statements a sync costs. Left out
 * where the module is not installed.
 */
function statementStats(bin: string): string[] {
  try {
    const lib = execFileSync(path.join(bin, 'pg_config'), ['--pkglibdir'], { encoding: 'utf8', stdio: 'pipe' }).trim()
    return existsSync(path.join(lib, 'pg_stat_statements.so'))
      ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all']
      : []
  } catch {
    return []
  }
}

/** Under root, the uid/gid to run PostgreSQL as; otherwise null (run as ourselves). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
  } catch {
    throw new Error(
      'PostgreSQL will not run as root and there is no "postgres" user to run it as (install the postgresql package).'
    )
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
      )
    })
  })
}

const ended = (proc: ChildProcess): boolean => proc.exitCode !== null || proc.signalCode !== null

/**
 * Server settings (`-c name=value`) over the throwaway server's own (no fsync: it is thrown away, and
 * the tests need no durability).
 */
export type ServerSettings = Record<string, string>

/**
 * What the README ("Run it for a newsroom") tells a desk's server to set, durability left on: the desk
 * benchmarks run their server with these, so their figures are a real desk's. A first push of 5,000
 * stories x 40 claims writes about 750 MB of WAL and 600 MB of tables and indexes: with the stock 128 MB
 * of shared buffers and 4 MB of WAL buffers the pushing backend wrote out most of what it had just
 * written itself (evicted dirty pages, full WAL buffers), and a checkpoint fell in the middle of the push
 * (after which every page first touched is logged whole). lz4 compresses the large values (story texts,
 * history batches) and the WAL's page images at a fraction of pglz's CPU (PostgreSQL 15 or later; the
 * README says what to leave out on older servers). Checked against the README by local-postgres.test.ts.
 */
export const DESK_SERVER_SETTINGS: ServerSettings = {
  fsync: 'on',
  synchronous_commit: 'on',
  shared_buffers: '1GB',
  wal_buffers: '64MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  wal_compression: 'lz4',
  default_toast_compression: 'lz4'
}

export async function startLocalPostgres({
  port: wanted,
  settings = {}
}: { port?: number; settings?: ServerSettings } = {}): Promise<LocalPostgres> {
  const bin = findPostgresBin()
  const runAs = serverUser()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-pg-'))
  const data = path.join(dir, 'data')
  const user = 'factdesk_admin'
  const password = `pw-${Math.random().toString(36).slice(2)}`
  const pwfile = path.join(dir, 'pwfile')
  await writeFile(pwfile, password)
  if (runAs) {
    await chown(dir, runAs.uid, runAs.gid)
    await chown(pwfile, runAs.uid, runAs.gid)
  }
  const asServer = runAs ? { uid: runAs.uid, gid: runAs.gid } : {}
  execFileSync(
    path.join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      user,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync'
    ],
    {
      stdio: 'pipe',
      cwd: dir,
      ...asServer
    }
  )
  await rm(pwfile)
  const port = wanted ?? (await freePort())
  let child: ChildProcess | null = null

  const start = async (): Promise<void> => {
    const proc = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        ...Object.entries({ fsync: 'off', max_connections: '200', ...settings }).flatMap(([name, value]) => [
          '-c',
          `${name}=${value}`
        ]),
        ...statementStats(bin)
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        cwd: dir,
        ...asServer
      }
    )
    let log = ''
    proc.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000)
    })
    child = proc
    const deadline = Date.now() + 30_000
    for (;;) {
      if (ended(proc)) {
        // After a killed server, its last backends may hold the shared memory for a moment: start again.
        if (/already running|shared memory block is still in use/i.test(log) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200))
          return start()
        }
        throw new Error(`PostgreSQL did not start:\n${log}`)
      }
      const client = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' })
      try {
        await client.connect()
        await client.end()
        return
      } catch {
        await client.end().catch(() => undefined)
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in time:\n${log}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }

  const stop = async (): Promise<void> => {
    const proc = child
    child = null
    // A server killed from outside (SIGKILL) has a signalCode and no exitCode: it will never exit again.
    if (!proc || ended(proc)) return
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    proc.kill('SIGINT') // fast shutdown: disconnects clients, then exits
    await exited
  }

  await start()
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database: 'postgres',
    url: `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await stop()
      await start()
    },
    stop,
    pid: () => (child && !ended(child) ? (child.pid ?? null) : null),
    remove: async () => {
      await stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
