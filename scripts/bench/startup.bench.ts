// What starting the app costs before any library work: loading the built main modules
// (out/main/index.js and everything it requires) in a fresh Node process, cold (first process after
// a build) and warm (later processes, OS file cache filled), and the renderer bundle the window
// downloads and parses (JS and CSS, gzipped as a size indicator).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { percentile, row, type Bench, type BenchRow } from './types'

const root = path.resolve(__dirname, '../..')
const RUNS = 12

// A minimal `electron` for timing only: main's top level asks for the lock, registers the scheme
// and waits for a `ready` that never comes, so the figure is module loading alone.
const loaderSource = `
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: () => true, whenReady: () => new Promise(() => {}), isPackaged: true,
  getPath: () => require('node:os').tmpdir(), getAppPath: () => ${JSON.stringify(root)}, getVersion: () => '0.0.0', setAppLogsPath() {}, quit() {}
})
const electron = { app, protocol: { registerSchemesAsPrivileged() {}, handle() {} }, session: { defaultSession: {} }, ipcMain: { handle() {} },
  BrowserWindow: class {}, dialog: {}, Menu: {}, shell: {} }
const load = Module._load
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest) }
const started = process.hrtime.bigint()
require(${JSON.stringify(path.join(root, 'out/main/index.js'))})
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6))
process.exit(0)
`

function mainLoadTimes(): number[] {
  return withLoader((file) =>
    Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, [file], { encoding: 'utf8' })))
  )
}

function withLoader<T>(use: (file: string) => T): T {
  const file = path.join(os.tmpdir(), `factdesk-startup-bench-${process.pid}.cjs`)
  writeFileSync(file, loaderSource)
  try {
    return use(file)
  } finally {
    void rm(file, { force: true })
  }
}

function bundleSizes(): { js: number; css: number; jsRaw: number; cssRaw: number } {
  const dir = path.join(root, 'out/renderer/assets')
  const sizes = { js: 0, css: 0, jsRaw: 0, cssRaw: 0 }
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, name))
    if (name.endsWith('.js')) {
      sizes.jsRaw += bytes.length
      sizes.js += gzipSync(bytes).length
    } else if (name.endsWith('.css')) {
      sizes.cssRaw += bytes.length
      sizes.css += gzipSync(bytes).length
    }
  }
  return sizes
}

const bench: Bench = {
  name: 'startup',
  async run(): Promise<BenchRow[]> {
    const times = mainLoadTimes()
    const [cold, ...warm] = times
    const sizes = bundleSizes()
    const kb = (n: number): number => n / 1024
    return [
      row('main modules load, cold (first process after build)', cold ?? Number.NaN, 'ms'),
      row(`main modules load, warm p50 (${warm.length} processes)`, percentile(warm, 50), 'ms'),
      row(`main modules load, warm p95 (${warm.length} processes)`, percentile(warm, 95), 'ms', { max: 250 }),
      row('renderer JS, gzipped', kb(sizes.js), 'KB'),
      row('renderer CSS, gzipped', kb(sizes.css), 'KB'),
      row('renderer JS + CSS, minified, uncompressed', kb(sizes.jsRaw + sizes.cssRaw), 'KB')
    ]
  }
}

export default bench
