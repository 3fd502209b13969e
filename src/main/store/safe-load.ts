// Reads a library file and decides what it is: good, damaged, or from a newer Factdesk.
// A damaged file is moved aside (never overwritten or deleted) and its `.bak` restored when good.
import path from 'node:path'
import type { z } from 'zod'
import type { LibraryNotice } from '../../shared/contract'
import { errnoCode, type FileIO } from './file-io'
import { writeFileDurably } from './durable-write'

export interface FileKind<T> {
  /** What the user calls this file in messages ("the library index", "the story ..."). */
  label: string
  schema: z.ZodType<T>
  currentVersion: number
  /** Upgrades from older schema versions, keyed by the version they upgrade from. */
  migrations: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
}

export type LoadOutcome<T> =
  | { state: 'ok'; data: T; notices: LibraryNotice[] }
  | { state: 'missing'; notices: LibraryNotice[] }
  | { state: 'newer'; data: T | null; notices: LibraryNotice[] }
  | { state: 'lost'; notices: LibraryNotice[] }

type Parsed<T> = { kind: 'ok'; data: T; migrated: boolean } | { kind: 'newer'; version: number } | { kind: 'bad'; why: string }

export async function loadSafely<T>(io: FileIO, file: string, kind: FileKind<T>, now: () => Date): Promise<LoadOutcome<T>> {
  const main = await readIfPresent(io, file)
  if (main !== null) {
    const parsed = parse(main, kind)
    if (parsed.kind === 'ok') {
      if (parsed.migrated) await writeFileDurably(io, file, JSON.stringify(parsed.data))
      return { state: 'ok', data: parsed.data, notices: [] }
    }
    if (parsed.kind === 'newer') {
      const message = `${capitalise(kind.label)} was saved by a newer version of Factdesk (format ${parsed.version}). It is open read-only so nothing in it can be lost; update Factdesk to edit it.`
      return { state: 'newer', data: null, notices: [{ kind: 'read_only', file, message, movedTo: null }] }
    }
    const movedTo = await quarantine(io, file, now)
    const notices: LibraryNotice[] = [
      { kind: 'quarantined', file, message: `${capitalise(kind.label)} was damaged (${parsed.why}). It was moved aside to ${path.basename(movedTo)}.`, movedTo }
    ]
    return restoreBackup(io, file, kind, notices)
  }
  return restoreBackup(io, file, kind, [])
}

async function restoreBackup<T>(io: FileIO, file: string, kind: FileKind<T>, notices: LibraryNotice[]): Promise<LoadOutcome<T>> {
  const backup = await readIfPresent(io, `${file}.bak`)
  const parsed = backup === null ? null : parse(backup, kind)
  if (parsed?.kind === 'ok') {
    await writeFileDurably(io, file, JSON.stringify(parsed.data))
    notices.push({ kind: 'recovered_from_backup', file, message: `${capitalise(kind.label)} was restored from its last good copy.`, movedTo: null })
    return { state: 'ok', data: parsed.data, notices }
  }
  if (notices.length === 0) return { state: 'missing', notices }
  return { state: 'lost', notices }
}

function parse<T>(bytes: Buffer, kind: FileKind<T>): Parsed<T> {
  if (bytes.length === 0) return { kind: 'bad', why: 'the file is empty' }
  if (bytes.every((b) => b === 0)) return { kind: 'bad', why: 'the file holds only zero bytes' }
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { kind: 'bad', why: 'the file is truncated or not valid JSON' }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'bad', why: 'the file does not hold a Factdesk record' }
  let record = json as Record<string, unknown>
  const version = record.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'bad', why: 'the file has no schema version' }
  if (version > kind.currentVersion) return { kind: 'newer', version }
  for (let v = version; v < kind.currentVersion; v++) {
    const migrate = kind.migrations[v]
    if (!migrate) return { kind: 'bad', why: `no upgrade from format ${v}` }
    record = { ...migrate(record), schemaVersion: v + 1 }
  }
  const result = kind.schema.safeParse(record)
  if (!result.success) {
    const issue = result.error.issues[0]
    return { kind: 'bad', why: `it does not match the expected format at ${issue?.path.join('.') || 'the top level'}` }
  }
  return { kind: 'ok', data: result.data, migrated: version !== kind.currentVersion }
}

async function readIfPresent(io: FileIO, file: string): Promise<Buffer | null> {
  try {
    return await io.readFile(file)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null
    throw error
  }
}

async function quarantine(io: FileIO, file: string, now: () => Date): Promise<string> {
  const stamp = now().toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const target = `${file}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}`
    if (await io.exists(target)) continue
    await io.rename(file, target)
    return target
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
