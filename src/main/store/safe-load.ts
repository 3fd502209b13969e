// Reads a library file and decides what it is: good, damaged, or from a newer Factdesk.
// A damaged file is moved aside (never overwritten or deleted) and its `.bak` restored when good.
import path from 'node:path'
import { z } from 'zod'
import type { LibraryNotice } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { errnoCode, type FileIO } from './file-io'
import { ioReason, writeFileDurably } from './durable-write'
import { moveToRecovered } from './recovered'

export interface FileKind<T> {
  /** What the user calls this file in messages ("the library index", "the story ..."). */
  label: string
  schema: z.ZodType<T>
  currentVersion: number
  /** Upgrades from older schema versions, keyed by the version they upgrade from. */
  migrations: Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
  /** The record's plain object shape, to show what a newer Factdesk's file holds that we understand. */
  shape?: z.ZodObject
  /**
   * Keeps what can be kept of a record that does not fit only because of some entries of a list (a
   * damaged contact log): the record without them, and a sentence saying what was kept and what the
   * editor can do. Null when nothing can be kept this way (the file is then damaged as a whole).
   */
  salvage?: (record: Record<string, unknown>) => { record: Record<string, unknown>; said: string } | null
}

export interface LoadOptions {
  /** False on a disk we cannot write: nothing is moved aside, restored or upgraded on disk. */
  canWrite?: boolean
  /** The folder a damaged file is moved to (the library's recovered/); the file's own folder's recovered/ when not said. */
  recovered?: string
  /**
   * True when the bytes are exactly what the store checked and wrote (checked-digest.ts): a file of
   * the current format is then only parsed, not checked against its schema again.
   */
  trusted?: (bytes: Buffer) => boolean
}

export type LoadOutcome<T> =
  | { state: 'ok'; data: T; notices: LibraryNotice[] }
  | { state: 'missing'; notices: LibraryNotice[] }
  /** From a newer Factdesk: `data` is what this version understands of it, shown read-only. */
  | { state: 'newer'; data: T | null; notices: LibraryNotice[] }
  | { state: 'lost'; notices: LibraryNotice[] }

type Parsed<T> =
  | { kind: 'ok'; data: T; migrated: boolean; from: number }
  | { kind: 'newer'; version: number; data: T | null }
  /** `salvaged`: what the kind's salvage could keep, used only when no good backup exists. */
  | { kind: 'bad'; why: string; salvaged?: { data: T; said: string } }

export async function loadSafely<T>(
  io: FileIO,
  file: string,
  kind: FileKind<T>,
  now: () => Date,
  options: LoadOptions = {}
): Promise<LoadOutcome<T>> {
  const canWrite = options.canWrite ?? true
  const main = await readIfPresent(io, file, kind)
  if (main !== null) {
    const parsed = parse(main, kind, options.trusted)
    if (parsed.kind === 'ok') {
      if (parsed.migrated && canWrite) {
        // The file as the older version wrote it stays beside the upgraded one.
        await writeFileDurably(io, `${file}.v${parsed.from}.bak`, main.toString('utf8'))
        await writeFileDurably(io, file, JSON.stringify(parsed.data), { backup: 'same' })
      }
      return { state: 'ok', data: parsed.data, notices: [] }
    }
    if (parsed.kind === 'newer') {
      const message = `${capitalise(kind.label)} was saved by a newer version of Factdesk (format ${parsed.version}). It is open read-only so nothing in it can be lost; update Factdesk to edit it.`
      return { state: 'newer', data: parsed.data, notices: [{ kind: 'read_only', file, message, movedTo: null }] }
    }
    const movedTo = canWrite
      ? await moveToRecovered(io, file, options.recovered ?? path.join(path.dirname(file), 'recovered'), now)
      : null
    const where = movedTo
      ? `It was moved aside to ${path.join(path.basename(path.dirname(movedTo)), path.basename(movedTo))}.`
      : 'It was left as it is (the disk is read-only).'
    const notices: LibraryNotice[] = [
      { kind: 'quarantined', file, message: `${capitalise(kind.label)} was damaged (${parsed.why}). ${where}`, movedTo }
    ]
    const restored = await restoreBackup(io, file, kind, notices, canWrite)
    if (restored.state === 'ok' || !parsed.salvaged) return restored
    // No good backup: what could be read is kept (the file as found is in recovered/), and said so.
    if (canWrite) await writeFileDurably(io, file, JSON.stringify(parsed.salvaged.data), { backup: 'same' })
    const notice = notices[0] as LibraryNotice
    notice.message = `${parsed.salvaged.said}${movedTo ? ` The file as found was kept as recovered/${path.basename(movedTo)}.` : ''}`
    return { state: 'ok', data: parsed.salvaged.data, notices: [notice] }
  }
  return restoreBackup(io, file, kind, [], canWrite)
}

async function restoreBackup<T>(
  io: FileIO,
  file: string,
  kind: FileKind<T>,
  notices: LibraryNotice[],
  canWrite: boolean
): Promise<LoadOutcome<T>> {
  const backup = await readIfPresent(io, `${file}.bak`, kind)
  const parsed = backup === null ? null : parse(backup, kind)
  if (parsed?.kind === 'ok') {
    if (canWrite) await writeFileDurably(io, file, JSON.stringify(parsed.data), { backup: 'same' })
    const why = notices.length === 0 ? 'was missing and ' : ''
    notices.push({
      kind: 'recovered_from_backup',
      file,
      message: `${capitalise(kind.label)} ${why}was restored from its last good copy.`,
      movedTo: null
    })
    return { state: 'ok', data: parsed.data, notices }
  }
  if (notices.length === 0) return { state: 'missing', notices }
  return { state: 'lost', notices }
}

function parse<T>(bytes: Buffer, kind: FileKind<T>, trusted?: (bytes: Buffer) => boolean): Parsed<T> {
  if (bytes.length === 0) return { kind: 'bad', why: 'the file is empty' }
  if (bytes.every((b) => b === 0)) return { kind: 'bad', why: 'the file holds only zero bytes' }
  let json: unknown
  try {
    // A byte order mark (added by some editors and sync tools) is not damage.
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))
  } catch {
    return { kind: 'bad', why: 'the file is truncated or not valid JSON' }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { kind: 'bad', why: 'the file does not hold a Factdesk record' }
  let record = json as Record<string, unknown>
  const version = record.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { kind: 'bad', why: 'the file has no schema version' }
  if (version > kind.currentVersion)
    return {
      kind: 'newer',
      version,
      data: kind.shape ? understood(kind, { ...record, schemaVersion: kind.currentVersion }) : null
    }
  // Checked against the schema before it was written, and unchanged since.
  if (version === kind.currentVersion && trusted?.(bytes))
    return { kind: 'ok', data: record as T, migrated: false, from: version }
  for (let v = version; v < kind.currentVersion; v++) {
    const migrate = kind.migrations[v]
    if (!migrate) return { kind: 'bad', why: `no upgrade from format ${v}` }
    try {
      record = { ...migrate(record), schemaVersion: v + 1 }
    } catch {
      // A file that parses but does not fit its format (a field missing, a list that is not one).
      return { kind: 'bad', why: `it does not fit format ${version}, so it could not be upgraded` }
    }
  }
  const result = kind.schema.safeParse(record)
  if (!result.success) {
    const issue = result.error.issues[0]
    const why = `it does not match the expected format at ${issue?.path.join('.') || 'the top level'}`
    const salvaged = kind.salvage?.(record)
    const again = salvaged ? kind.schema.safeParse(salvaged.record) : null
    return salvaged && again?.success
      ? { kind: 'bad', why, salvaged: { data: again.data, said: salvaged.said } }
      : { kind: 'bad', why }
  }
  return { kind: 'ok', data: result.data, migrated: version !== kind.currentVersion, from: version }
}

async function readIfPresent<T>(io: FileIO, file: string, kind: FileKind<T>): Promise<Buffer | null> {
  try {
    return await io.readFile(file)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null
    throw new AppError(
      'io_error',
      `Could not read ${kind.label}: ${ioReason(error)}. Nothing was changed; the rest of the library can still be used.`
    )
  }
}

/** What this version understands of a newer file: every field and list item that still fits its schema. */
function understood<T>(kind: FileKind<T>, record: Record<string, unknown>): T | null {
  const value = keepKnown(kind.shape as z.ZodType, record)
  const result = kind.schema.safeParse(value)
  return result.success ? result.data : null
}

function keepKnown(schema: z.ZodType, value: unknown): unknown {
  if (schema.safeParse(value).success) return value
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    const element = schema.element as z.ZodType
    return value.map((item) => keepKnown(element, item)).filter((item) => element.safeParse(item).success)
  }
  if (schema instanceof z.ZodObject && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    return Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => [
        key,
        keepKnown(field, record[key])
      ])
    )
  }
  return value
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
