// Main's log: one line per event, appended to <logs>/main.log (Electron's per-user logs folder) and
// echoed to stderr. The window's error screens name this file so an editor can attach it to a report.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import path from 'node:path'

export interface Log {
  readonly file: string | null
  info(message: string): void
  error(message: string, error?: unknown): void
}

const MAX_BYTES = 5 * 1024 * 1024

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : error === undefined ? '' : String(error)

/** Appends synchronously so the lines written just before a crash are on disk. */
export function fileLog(dir: string): Log {
  const file = path.join(dir, 'main.log')
  let usable = true
  try {
    mkdirSync(dir, { recursive: true })
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`)
  } catch {
    usable = false
  }
  const write = (level: string, message: string): void => {
    const line = `${new Date().toISOString()} ${level} ${message}\n`
    if (level === 'ERROR') process.stderr.write(line)
    else process.stdout.write(line)
    if (!usable) return
    try {
      appendFileSync(file, line)
    } catch {
      usable = false
    }
  }
  return {
    file: usable ? file : null,
    info: (message) => write('INFO', message),
    error: (message, error) => write('ERROR', error === undefined ? message : `${message}\n${describe(error)}`)
  }
}
