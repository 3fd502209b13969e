// App start, from the process's start until the library's first rows are painted (issue 29, item 5), the first
// start of the run (cold) apart from later ones (warm).
// - With an Electron binary installed (or FACTDESK_E2E_APP naming a packaged app, as for the e2e suite): Electron
//   itself, launched by Playwright and timed from the launch until the rows are painted.
// - Without one (this machine): the nearest stand-in. A new Node process (launch-child.ts, bundled to plain
//   JavaScript) starts a new Chromium and main's built core, as the browser driver composes them, and is timed
//   from its own start, less the time Playwright (the driver, in no app) takes to load. Electron starts one process
//   for both; here two start, so this is not kinder than Electron.
// The paint bench (paint.bench.ts) takes the start apart step by step inside one process.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { _electron } from '@playwright/test'
import { build } from 'esbuild'
import { electronBinary, packagedApp } from '../../e2e/support/driver'
import { serveDirectory } from '../../e2e/support/static-server'
import { buildManyStories } from '../../src/main/testing/library-fixture'
import { rowsPaintedAt } from './bench-app'
import { percentile, row, type Bench, type BenchRow } from './types'

const STARTS = 6
const STORIES = 50
const root = path.resolve(__dirname, '../..')

interface Start {
  total: number
  browserLaunch?: number
  core?: number
  driverLoad?: number
}

/** Electron (or the packaged app) from its launch until the first story rows are painted. */
async function electronStart(dir: string): Promise<Start> {
  const env = { ...process.env, FACTDESK_LIBRARY_DIR: dir }
  const packaged = packagedApp()
  const launched = Date.now()
  const app = packaged
    ? await _electron.launch({ executablePath: packaged, env })
    : await _electron.launch({ args: [root], env })
  try {
    const paintedAt = await rowsPaintedAt(await app.firstWindow())
    return { total: paintedAt - launched }
  } finally {
    await app.close()
  }
}

/** A new Node process with a new Chromium and main's core, timed from the process's own start. */
function childStart(script: string, origin: string, dir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, origin, dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`launch-child exited with ${code}`))
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as Start)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
  })
}

const bench: Bench = {
  name: 'launch',
  async run(): Promise<BenchRow[]> {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-launch-'))
    const dir = path.join(tmp, 'library')
    await mkdir(dir, { recursive: true })
    await buildManyStories(dir, STORIES, { claims: 40, words: 400 })
    const electron = packagedApp() ?? electronBinary()
    const starts: Start[] = []
    try {
      if (electron) {
        for (let i = 0; i < STARTS; i++) starts.push(await electronStart(dir))
      } else {
        // Plain JavaScript, as a packaged app's main is: the bench's own TypeScript loader is not in the time.
        const script = path.join(root, 'out/bench/launch-child.cjs')
        await build({
          entryPoints: [path.join(root, 'scripts/bench/launch-child.ts')],
          outfile: script,
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          external: ['@playwright/test', 'playwright', 'playwright-core', 'electron'],
          logLevel: 'error'
        })
        const server = await serveDirectory(path.join(root, 'out/renderer'))
        try {
          for (let i = 0; i < STARTS; i++) starts.push(await childStart(script, server.origin, dir))
        } finally {
          await server.close()
        }
      }
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
    const how = electron
      ? `Electron${packagedApp() ? ' (packaged)' : ''}, from its launch`
      : 'no Electron binary here: a new Node process starting Chromium and main, from its start'
    const [cold, ...warm] = starts
    const rows: BenchRow[] = [
      row(`app start to library painted, cold (${how}; ${STORIES} stories)`, cold?.total ?? Number.NaN, 'ms', {
        max: 1500
      }),
      row(
        `app start to library painted, warm p95 (${warm.length} later starts)`,
        percentile(
          warm.map((s) => s.total),
          95
        ),
        'ms',
        { max: 1500 }
      )
    ]
    if (!electron)
      rows.push(
        row(
          `  of which Chromium's launch, warm p50`,
          percentile(
            warm.map((s) => s.browserLaunch ?? Number.NaN),
            50
          ),
          'ms'
        ),
        row(
          `  the driver's own loading (Playwright), left out of the start, warm p50`,
          percentile(
            warm.map((s) => s.driverLoad ?? Number.NaN),
            50
          ),
          'ms'
        ),
        row(
          `  of which main's core required and created, warm p50 (the page loading meanwhile)`,
          percentile(
            warm.map((s) => s.core ?? Number.NaN),
            50
          ),
          'ms'
        )
      )
    return rows
  }
}
export default bench
