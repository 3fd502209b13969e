// Every SQL statement the desk sync sends, one function per query, over a pg client of one desk.
// The sync (sync.ts) decides what to push and when to pull; this module only says how each question
// is put to the desk database and what comes back. Members write only through the functions of the
// desk schema (migrations.ts): open_stage and push_staged (a push), raise_conflicts, close_conflict.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Client, ClientBase, ClientConfig } from 'pg'
import type { DeskConflict, DeskConnection } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { deskError } from './connection'
import { LATEST_DESK_SCHEMA } from './migrations'
import { onFirstUse } from '../first-use'
import { newPgClient } from './pg-client'
import type { UnitKind, UnitValue } from './units'

/** A unit as the desk holds it (`seq` is a bigint, so a string). */
export interface UnitRow {
  key: string
  kind: UnitKind
  story_id: string | null
  value: UnitValue | null
  seq: string
  /** Each field's last change, by sequence number (desk schema 13; null: none since the unit was created). */
  field_seqs?: Record<string, number> | null
  /** The value's JSON text as the desk sent it (`wholeStories`): a new story's agreed versions are this text. */
  json?: string | null
}

/** One row of a pull: a unit ('u') or an activity entry ('a', its id as key, its entry as value). */
export interface PullRow {
  t: 'u' | 'a'
  key: string
  kind: UnitKind | null
  story_id: string | null
  value: unknown
  seq: string
  /** A unit's fields' last changes (see UnitRow); null for an activity entry. */
  field_seqs: Record<string, number> | null
  /** A unit's value as the JSON text the desk sent (see UnitRow); `wholeStories` only. */
  json?: string | null
}

/** A unit sent in a push: its value, the agreed version it was changed from, and its change id. */
export interface PushUnit {
  key: string
  kind: UnitKind
  storyId: string | null
  /** The value (null: deleted); not needed when `json` is given. */
  value?: UnitValue | null
  baseSeq: number | null
  changeId: string
  /** The value's JSON text (null: deleted), when the caller has made it already: sent as it is. */
  json?: string | null
  /** Fields set back to the agreed value since it was agreed, named to the desk (schema 14; local-edits.ts). */
  setBack?: readonly string[]
}

/**
 * The desk's answer to a page: the highest sequence number before it and after it, and per unit
 * [key, applied or stale, its sequence number, the value the desk stored when it is not the one sent].
 */
export interface PushAnswer {
  prior: number | string
  top: number | string
  results: [string, 'applied' | 'stale', number | string | null, UnitValue | null | undefined][]
}

/** A conflict as it is raised on the desk. */
export interface RaisedConflict {
  key: string
  kind: UnitKind
  storyId: string | null
  unitId: string
  fields: DeskConflict['fields']
}

/** A conflict open on the desk, with the member whose library raised it. */
export interface OpenConflictRow {
  key: string
  story_id: string | null
  kind: UnitKind
  unit_id: string
  fields: DeskConflict['fields']
  raised_by: string
}

/** A change the desk accepted, found by its id. */
export interface AcceptedChange {
  change_id: string
  seq: string
  value: UnitValue | null
}

/** How a library's desk connection reaches the server (the one place the client settings are made). */
export function clientConfig(connection: DeskConnection, password: string): ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password,
    ssl: connection.ssl ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: 5000,
    application_name: 'factdesk'
  }
}

/** True when the connected role may create in the database (the owner): it brings the desk schema up to date. */
export async function mayMigrate(client: ClientBase): Promise<boolean> {
  const owner = await client.query<{ owner: boolean }>(
    "SELECT pg_catalog.has_database_privilege(current_user, current_database(), 'CREATE') AS owner"
  )
  return owner.rows[0]?.owner ?? false
}

/** Listens on a desk's notification channel (its name is a secret only members can read). */
async function listen(listener: Client, channel: string): Promise<void> {
  await listener.query(`LISTEN ${listener.escapeIdentifier(channel)}`)
}

const copyStreams = onFirstUse<typeof import('pg-copy-streams')>('pg-copy-streams')

/** Lines sent to COPY in one chunk (a chunk per line costs a stream write each). */
const LINES_PER_CHUNK = 256

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
/** A field in COPY's text format: backslash, tab and line breaks escaped; null is \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N'
  return typeof value === 'number' ? String(value) : value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!)
}

/**
 * JSON text as a field in COPY's text format. JSON.stringify escapes every control character inside
 * strings and writes none outside them, so of what copyField escapes only the backslash can occur.
 */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json
}

/** History entries as COPY's lines for the staged history (one entry a line, as the text of its JSON). */
export function historyLines(entries: readonly unknown[]): string {
  // Joined, so the text is one flat string (held until its page goes, it is no chain of pieces).
  return entries.map((entry) => `${copyJson(JSON.stringify(entry))}\n`).join('')
}

function* chunks<T>(items: readonly T[], line: (item: T, index: number) => string): Generator<string> {
  for (let i = 0; i < items.length; i += LINES_PER_CHUNK) {
    let chunk = ''
    const end = Math.min(items.length, i + LINES_PER_CHUNK)
    for (let j = i; j < end; j++) chunk += line(items[j]!, j)
    yield chunk
  }
}

/** COPYs rows into a table from chunks of their lines, made beforehand (nothing is sent for none). */
async function copyInto(client: ClientBase, sql: string, lines: readonly Buffer[]): Promise<void> {
  if (lines.length === 0) return
  await pipeline(Readable.from(lines), client.query(copyStreams().from(sql)))
}

/**
 * A push page as COPY will send it: the lines of its units and of its history entries, in chunks.
 * Made by stagePage before the page's turn, so the text of the next page is made while the desk
 * judges the one before (see DeskSync.push), and sent as it is.
 */
export interface StagedPage {
  units: Buffer[]
  activity: Buffer[]
  /** The fields each change sets back to the value they had, by change id (factdesk.set_back, schema 14). */
  setBack?: Record<string, readonly string[]>
}

/**
 * The COPY text of a push page (each value sent as the text of its JSON, made once). The history is
 * `activity` (entries) or `lines`, the entries' lines made beforehand by historyLines (or both).
 */
export function stagePage(
  units: readonly PushUnit[],
  activity: readonly unknown[],
  lines: readonly string[] = []
): StagedPage {
  const bytes = (text: Iterable<string>): Buffer[] => Array.from(text, (chunk) => Buffer.from(chunk))
  const jsonOf = (u: PushUnit): string | null =>
    u.json !== undefined ? u.json : u.value === null || u.value === undefined ? null : JSON.stringify(u.value)
  return {
    units: bytes(
      chunks(units, (u, i) => {
        const json = jsonOf(u)
        return `${i + 1}\t${copyField(u.key)}\t${copyField(u.kind)}\t${copyField(u.storyId)}\t${
          json === null ? '\\N' : copyJson(json)
        }\t${copyField(u.baseSeq)}\t${copyField(u.changeId)}\n`
      })
    ),
    activity: [
      ...bytes(lines.filter((text) => text.length > 0)),
      ...bytes(chunks(activity, (entry) => historyLines([entry])))
    ],
    setBack: Object.fromEntries(units.filter((u) => u.setBack?.length).map((u) => [u.changeId, u.setBack!]))
  }
}

/** A connection to a desk: the client the queries go through, and the one that listens for its notices. */
export interface DeskSession {
  repo: DeskRepository
  client: Client
  listener: Client
  lead: boolean
}

/**
 * Connects to a desk as a member: a refused login, a role that is not a member, or a desk newer than
 * this version knows (`desk_too_new`, before anything is read or written) is an AppError with its code.
 * `onNotify` is called whenever another member's push reaches the desk.
 */
export async function openSession(
  connection: DeskConnection,
  password: string,
  onNotify: () => void
): Promise<DeskSession> {
  const config = clientConfig(connection, password)
  const client = newPgClient(config)
  const listener = newPgClient(config)
  const repo = new DeskRepository(client, connection.deskId)
  try {
    await client.connect()
    const member = await repo.membership()
    if (!member)
      throw new AppError(
        'not_member',
        `${connection.user} is not a member of the desk "${connection.deskId}". Ask the desk lead to add you.`
      )
    const version = await repo.schemaVersion()
    if (version > LATEST_DESK_SCHEMA)
      throw new AppError(
        'desk_too_new',
        `The desk "${connection.deskId}" uses a newer format (${version}) than this version of Factdesk knows (${LATEST_DESK_SCHEMA}). Update Factdesk to work with it; nothing was changed.`
      )
    // Each desk's channel is named by a secret only its members can read (see migration 3).
    const channel = await repo.notifyChannel()
    await listener.connect()
    listener.on('notification', onNotify)
    await listen(listener, channel)
    return { repo, client, listener, lead: member.lead }
  } catch (error) {
    await client.end().catch(() => undefined)
    await listener.end().catch(() => undefined)
    throw deskError(error, connection)
  }
}

/** Calls `lost` once either client of the session fails or closes. */
export function watchSession(session: DeskSession, lost: (error: unknown) => void): void {
  for (const c of [session.client, session.listener]) {
    c.on('error', lost)
    c.on('end', () => lost(new AppError('network_error', 'The connection to the desk closed.')))
  }
}

/** Ends both clients of a session (never throws; what they report after this is ignored). */
export async function endSession(session: DeskSession): Promise<void> {
  for (const c of [session.client, session.listener]) {
    c.removeAllListeners('end')
    c.removeAllListeners('error')
    c.on('error', () => undefined)
    await c.end().catch(() => undefined)
  }
}

export class DeskRepository {
  constructor(
    private readonly client: ClientBase,
    readonly deskId: string
  ) {}

  /** The connected role's membership of the desk (null: not a member). */
  async membership(): Promise<{ lead: boolean } | null> {
    const member = await this.client.query<{ is_lead: boolean }>(
      'SELECT is_lead FROM factdesk.members WHERE desk_id = $1 AND role_name = session_user',
      [this.deskId]
    )
    return member.rowCount === 0 ? null : { lead: member.rows[0]!.is_lead }
  }

  /** The newest desk schema version applied to the database (0 when none is recorded). */
  async schemaVersion(): Promise<number> {
    const schema = await this.client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM factdesk.schema_migrations'
    )
    return schema.rows[0]?.version ?? 0
  }

  /** The desk's LISTEN channel (named by a secret only its members can read, see migration 3). */
  async notifyChannel(): Promise<string> {
    const channel = await this.client.query<{ channel: string }>('SELECT channel FROM factdesk.desks WHERE id = $1', [
      this.deskId
    ])
    return channel.rows[0]!.channel
  }

  /** Closes one member's conflict on a unit, logging how it was settled. */
  async closeConflict(key: string, raisedBy: string, summary: string): Promise<void> {
    await this.client.query('SELECT factdesk.close_conflict($1, $2, $3, $4)', [this.deskId, key, raisedBy, summary])
  }

  /** Raises (or raises again, changed) this member's conflicts. */
  async raiseConflicts(conflicts: RaisedConflict[]): Promise<void> {
    await this.client.query('SELECT factdesk.raise_conflicts($1, $2)', [
      this.deskId,
      JSON.stringify(
        conflicts.map(({ key, kind, storyId, unitId, fields }) => ({ key, kind, storyId, unitId, fields }))
      )
    ])
  }

  /** Every open conflict of the desk, the latest raised first. */
  async openConflicts(): Promise<OpenConflictRow[]> {
    const open = await this.client.query<OpenConflictRow>(
      'SELECT key, story_id, kind, unit_id, fields, raised_by FROM factdesk.conflicts WHERE desk_id = $1 AND resolved_at IS NULL ORDER BY raised_at DESC',
      [this.deskId]
    )
    return open.rows
  }

  /** The desk's units with these keys, in the order they were last changed. */
  async unitsByKey(keys: string[]): Promise<UnitRow[]> {
    const rows = await this.client.query<UnitRow>(
      'SELECT key, kind, story_id, value, seq, field_seqs FROM factdesk.units WHERE desk_id = $1 AND key = ANY($2) ORDER BY seq',
      [this.deskId, keys]
    )
    return rows.rows
  }

  /**
   * Sends one page of units and activity entries: COPYed into the session's staging tables (made by
   * factdesk.open_stage, desk schema 7), then judged by one call of factdesk.push_staged, all in one
   * transaction, so a page is taken whole or not at all. COPY sends each value as the text of its
   * JSON, read once by the server into jsonb (a JSON page was parsed as one document, then walked by
   * every statement that judged it).
   */
  async pushPage(units: readonly PushUnit[], activity: readonly unknown[]): Promise<PushAnswer> {
    return this.pushStaged(stagePage(units, activity))
  }

  /** Sends a page made by stagePage (see pushPage). */
  async pushStaged(page: StagedPage): Promise<PushAnswer> {
    await this.client.query('BEGIN; SELECT factdesk.open_stage()')
    try {
      await copyInto(
        this.client,
        'COPY pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, base_seq, change_id) FROM STDIN',
        page.units
      )
      await copyInto(this.client, 'COPY pg_temp.factdesk_stage_activity (entry) FROM STDIN', page.activity)
      // Fields set back to the value they had: the desk's trigger stamps them too (schema 14).
      if (page.setBack && Object.keys(page.setBack).length > 0)
        await this.client.query("SELECT set_config('factdesk.set_back', $1, true)", [JSON.stringify(page.setBack)])
      const sent = await this.client.query<{ answer: PushAnswer }>('SELECT factdesk.push_staged($1) AS answer', [
        this.deskId
      ])
      await this.client.query('COMMIT')
      return sent.rows[0]!.answer
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  /**
   * Which of these changes (each of its unit, by key) the desk accepted, with the sequence number and
   * the value it stored (schema 10: by reference; schema 15: a change is its unit's, looked up by key).
   */
  async acceptedChanges(changes: readonly { key: string; changeId: string }[]): Promise<AcceptedChange[]> {
    const found = await this.client.query<AcceptedChange>(
      `SELECT q.change_id, c.seq, factdesk.change_value($1, q.key, q.change_id) AS value
       FROM unnest($2::text[], $3::text[]) AS q(key, change_id)
         CROSS JOIN LATERAL (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = $1 AND c.key = q.key AND c.change_id = q.change_id LIMIT 1) c`,
      [this.deskId, changes.map((c) => c.key), changes.map((c) => c.changeId)]
    )
    return found.rows
  }

  /** Runs `work` inside one read-only snapshot of the desk (a pull sees one consistent state). */
  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      const result = await work()
      await this.client.query('COMMIT')
      return result
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  /** The highest sequence number of the desk's units and activity (0 for an empty desk). */
  async top(): Promise<number> {
    const topRow = await this.client.query<{ top: string | null }>(
      'SELECT GREATEST((SELECT max(seq) FROM factdesk.units WHERE desk_id = $1), (SELECT max(seq) FROM factdesk.history WHERE desk_id = $1)) AS top',
      [this.deskId]
    )
    return Number(topRow.rows[0]?.top ?? 0)
  }

  /** The library's own units (people, sources, settings) changed after the cursor. */
  async libraryUnitsAfter(cursor: number): Promise<UnitRow[]> {
    const rows = await this.client.query<UnitRow>(
      'SELECT key, kind, story_id, value, seq, field_seqs FROM factdesk.units WHERE desk_id = $1 AND story_id IS NULL AND seq > $2',
      [this.deskId, cursor]
    )
    return rows.rows
  }

  /** The ids of the stories whose head changed after the cursor and is not deleted. */
  async storiesChangedAfter(cursor: number): Promise<string[]> {
    const heads = await this.client.query<{ story_id: string }>(
      `SELECT story_id FROM factdesk.units WHERE desk_id = $1 AND kind = 'story' AND value IS NOT NULL AND seq > $2`,
      [this.deskId, cursor]
    )
    return heads.rows.map((r) => r.story_id)
  }

  /**
   * These stories whole: every unit and activity entry of each (the entries in their order on the desk).
   * The history is read as it is stored, a batch per row (its entries one JSON array, in the order
   * sent), and cut into entries here: read through the view, each entry was a row of its own, and the
   * whole history of the fetched stories was sorted by (seq, ord), spilling to disk (a third of the
   * server's time of a first sync). Values come as their JSON text, parsed here once; a unit keeps its
   * text (`json`), which becomes its agreed version as it is (not serialised again from the parsed value).
   */
  async wholeStories(ids: string[]): Promise<PullRow[]> {
    // 'h': a history batch, its entries as value.
    const rows = await this.client.query<Omit<PullRow, 't' | 'value'> & { t: 'u' | 'h'; value: string | null }>(
      `SELECT 'u' AS t, key, kind, story_id, value::text AS value, seq, field_seqs FROM factdesk.units WHERE desk_id = $1 AND story_id = ANY($2)
       UNION ALL (SELECT 'h', NULL, NULL, story_id, entries::text, seq, NULL FROM factdesk.history WHERE desk_id = $1 AND story_id = ANY($2) ORDER BY seq)`,
      [this.deskId, ids]
    )
    const out: PullRow[] = []
    for (const r of rows.rows) {
      const json = r.value
      const value: unknown = json === null ? null : JSON.parse(json)
      if (r.t === 'u') out.push({ ...r, t: 'u', value, json })
      else if (Array.isArray(value))
        for (const entry of value as unknown[])
          out.push({
            t: 'a',
            key: (entry as { id?: string } | null)?.id ?? '',
            kind: null,
            story_id: r.story_id,
            value: entry,
            seq: r.seq,
            field_seqs: null
          })
    }
    return out
  }

  /**
   * Units and activity entries after the cursor, in sequence order, leaving out the stories in
   * `leaveOut` (fetched whole already): at least `limit` rows when there are that many, and never a
   * history batch cut in two (its entries share one sequence number, and the next page starts after
   * the last row's). Each table's rows are left out as they are read (`<> ALL` of the ids, a hash
   * lookup per row), so only what is left is sorted: filtering after the union sorted every row of
   * the desk, values and all, to return none of them after a first fetch (3.7 of 21 s of the first
   * sync of 500 stories).
   */
  async pageAfter(cursor: number, leaveOut: string[], limit: number): Promise<PullRow[]> {
    const page = await this.client.query<PullRow>(
      `WITH x AS MATERIALIZED (
         SELECT 'u' AS t, key, kind, story_id, value, seq, field_seqs, 0::bigint AS ord FROM factdesk.units
           WHERE desk_id = $1 AND seq > $2 AND (story_id IS NULL OR story_id <> ALL($3::text[]))
         UNION ALL SELECT 'a', id, NULL, story_id, entry, seq, NULL, ord FROM factdesk.activity
           WHERE desk_id = $1 AND seq > $2 AND (story_id IS NULL OR story_id <> ALL($3::text[]))
       )
       SELECT t, key, kind, story_id, value, seq, field_seqs FROM x
         WHERE x.seq <= COALESCE((SELECT y.seq FROM x y ORDER BY y.seq OFFSET $4 - 1 LIMIT 1), x.seq)
         ORDER BY x.seq, x.ord`,
      [this.deskId, cursor, leaveOut, limit]
    )
    return page.rows
  }
}
