// Keeps a library in step with its desk. lowdb stays the working store; the desk database is the
// shared record. Outbox: every unit whose value differs from the version last agreed with the desk
// (kept in <library>/desk/bases) is pending; the agreed versions are written only after the desk
// acknowledged, so a crash at any point leaves the change pending and it is pushed again. Each push
// carries a change id derived from the unit, its agreed version and its value, so a push repeated
// after a crash is recognised by the desk and never applied twice. New activity entries (append-only,
// merged by union) are pushed with them. Pull: everything after a server-side sequence cursor,
// merged per field against the agreed version (see units.ts); LISTEN/NOTIFY says when to pull.
//
// Both directions work a page at a time, never a unit at a time: a push sends a page of whole
// stories (thousands of units and their activity) COPYed into staging and judged by one call of
// factdesk.push_staged, in a few set-based statements; a pull fetches stories new to this library whole, a few
// dozen per query, and everything else by the cursor in pages of thousands of rows, and writes each
// story once per page through the store (several stories at a time: each write waits mostly on the disk).
//
// This module is the orchestration: what to push, when to pull, and merging what comes back (through
// merge-core.ts). Every SQL statement it sends is a function of repository.ts; the connection's states
// (offline, connecting, online, failed with a code) and its retries are connection.ts's.
import { createHash } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { DeskConflict, DeskConnection, DeskMark, DeskStatus, DeskView } from '../../shared/contract'
import { Activity, STORY_SCHEMA_VERSION, type StoryFile, type StorySummary } from '../../shared/model'
import { AppError, type ErrorCode } from '../../shared/result'
import { outsideCalls } from '../call-context'
import { inTurns } from '../in-turns'
import { appendActivity, asFound } from '../services/context'
import { writeFileDurably, writeFilesDurably } from '../store/durable-write'
import { nodeFileIO } from '../store/file-io'
import type { LibraryStore } from '../store/library-store'
import type { StoryEdit } from '../store/story-edit'
import {
  idOf,
  kindOf,
  LIBRARY_SCOPE,
  libraryUnits,
  putLibraryUnit,
  putStoryUnit,
  storyUnits,
  type Unit,
  type UnitKind,
  type UnitValue
} from './units'
import {
  coded,
  connectionError,
  deskError,
  DeskConnectionDriver,
  isConnectionError,
  type ConnectionState
} from './connection'
import {
  DeskRepository,
  endSession,
  openSession,
  watchSession,
  type DeskSession,
  type PullRow,
  type PushAnswer,
  historyLines,
  stagePage,
  type PushUnit,
  type StagedPage,
  type UnitRow as Row
} from './repository'
import { heldKeys, mergeScope, resolveConflict, UNIT_ORDER, type OpenConflict } from './merge-core'
import { conforms, DELETED_FIELD } from './units'
import { AgreedVersions, type Base } from './agreed'
import { changedFields, editedFields, LocalEdits, setBack, type EditedState } from './local-edits'

interface SyncState {
  connection: DeskConnection
  cursor: number
  /** How many of each story's activity entries the desk already has. */
  activityPushed: Record<string, number>
  conflicts: Record<string, OpenConflict>
  /** Desk values this version cannot read: kept here (never dropped) and offered again on every pull. */
  aside?: Record<string, Row>
  /** The same for history entries this version cannot read (story id and entry id -> the row). */
  asideActivity?: Record<string, ActivityRow>
  lastSyncAt: string | null
  /** Disconnected by the editor (see forgetConnection). */
  disconnected?: boolean
  /**
   * Written before a page is pushed: after a crash (or an answer lost with the connection), whichever
   * of these the desk accepted become agreed versions (with the value the desk recorded for the
   * change), and the fields named up to `edits` (the unit's PendingUnit.edits) are no longer this
   * library's unshared change, as when the answer is applied. (Saved without `edits` by versions
   * before it: those fields stay named.)
   */
  inflight?: { scope: string; key: string; changeId: string; edits?: number }[]
  /** This library's open conflicts raised on the desk, key -> the fields as raised (raised again when they change). */
  shared?: Record<string, string>
  /** Conflicts settled here, to be closed on the desk (key -> how they were settled). */
  closing?: Record<string, Closing>
  /** The fields this library set since each unit's agreed version (local-edits.ts). */
  edited?: EditedState
}

/**
 * A conflict settled here, to be closed on the desk: how it was settled, and whose it was on the desk
 * (each editor's conflict on a unit is its own row; a plain string is this library's own, as saved by
 * versions before desk schema 6).
 */
type Closing = string | { summary: string; raisedBy: string }

/**
 * A unit of the outbox: its value differs from the agreed version, or it has fields set back to it
 * (local-edits.ts). The value is held as its JSON text
 * (null: deleted), made once when the unit is found to differ: the text is what its change id hashes,
 * what COPY sends and what becomes the agreed version. Held as objects, a first push kept every value
 * of the library in the heap until its page went, walked by every garbage collection meanwhile.
 */
interface PendingUnit extends Omit<PushUnit, 'changeId' | 'json' | 'value'> {
  scope: string
  json: string | null
  /** LocalEdits.mark() before the value was read: an acknowledgement clears the fields named up to it. */
  edits: number
}

/** A pending unit on its way in a page, with its change id. */
interface SealedUnit extends PushUnit {
  scope: string
  json: string | null
  pending: PendingUnit
}

/**
 * The change id of a unit: a hash of the desk, the key, the agreed version and the value's JSON, so a
 * push repeated after a crash is recognised by the desk. Made when the unit goes into a page.
 */
function seal(deskId: string, p: PendingUnit): SealedUnit {
  const changeId = createHash('sha256')
    .update(`${deskId}\n${p.key}\n${p.baseSeq}\n${p.json ?? 'null'}`)
    .digest('base64url')
  return { ...p, changeId, pending: p }
}

/** What a page puts in flight (see SyncState.inflight). */
const inflightOf = (page: { page: SealedUnit[] } | undefined): NonNullable<SyncState['inflight']> =>
  page?.page.map((p) => ({ scope: p.scope, key: p.key, changeId: p.changeId, edits: p.pending.edits })) ?? []

/** A page of a push, ready to send: its units, the stories' activity the desk has not got yet, and how many of both. */
interface PushPage {
  page: SealedUnit[]
  /** Each story's history entries the desk has not got yet, as COPY's lines (historyLines), and its count after them. */
  activity: { storyId: string; lines: string; count: number }[]
  /** The page as COPY sends it, made before its turn. */
  staged: StagedPage
  size: number
}

interface ActivityRow {
  story_id: string
  entry: unknown
}

/** One history entry's identity: its story and its id (or, for an entry with no readable id, its text). */
function activityKey(a: ActivityRow): string {
  const id = (a.entry as { id?: unknown } | null)?.id
  return `${a.story_id}/${typeof id === 'string' ? id : JSON.stringify(a.entry)}`
}

export interface DeskSyncOptions {
  store: () => LibraryStore
  connection: DeskConnection
  password: string
  now: () => Date
  /** Status for the renderer, after every change of it. (Merged changes reach the window as store writes.) */
  onStatus(status: DeskStatus): void
  /** The first wait before connecting again after a failure (doubled for each failure in a row). */
  retryMs?: number
}

/**
 * The first retry after 2 s; the waits double up to 4 times that (8 s): a desk that comes back is found
 * within 8 s, and a desk that stays away is asked at most every 8 s by each editor.
 */
const RETRY_MS = 2000
const MAX_RETRY_FACTOR = 4

/** A push page closes once it holds this many units or activity entries (whole stories only). */
const PUSH_PAGE_UNITS = 2000
const PUSH_PAGE_ACTIVITY = 10_000
/** Rows per pull page, and stories new to this library fetched per query. */
const PULL_PAGE = 5000
const STORIES_PER_FETCH = 100
/** Story files read or written at once: each waits mostly on the disk. */
const FILES_AT_ONCE = 8
/** A pulled history entry this version can read (checked without a parsed copy: see conforms). */
const isActivity = conforms(Activity)
const scopeOfRow = (r: { kind: UnitKind | null; key: string; story_id: string | null }): string =>
  r.kind === 'story' || r.kind === 'claim' || r.kind === 'evidence' ? (r.story_id ?? idOf(r.key)) : LIBRARY_SCOPE
const deskDir = (store: LibraryStore): string => path.join(store.dir, 'desk')
const statePath = (store: LibraryStore): string => path.join(deskDir(store), 'state.json')
const basePath = (store: LibraryStore, scope: string): string => path.join(deskDir(store), 'bases', `${scope}.json`)

/** The desk a library was last connected to, if any (its password is kept by the platform). */
export async function savedConnection(store: LibraryStore): Promise<DeskConnection | null> {
  const state = await readJson<Partial<SyncState>>(statePath(store))
  return state && !state.disconnected ? (state.connection ?? null) : null
}

/**
 * The editor disconnected: the library no longer resumes the desk on its own, but what was agreed
 * with it is kept, so connecting to the same desk again pushes the changes made meanwhile (and
 * flags real conflicts) instead of treating every unit as new and letting the desk's copy win.
 */
export async function forgetConnection(store: LibraryStore): Promise<void> {
  const state = await readJson<SyncState>(statePath(store))
  if (state) await writeFileDurably(nodeFileIO, statePath(store), JSON.stringify({ ...state, disconnected: true }))
}

/** The same desk: server, database and desk id (the editor's role may differ). */
const sameDesk = (a: DeskConnection, b: DeskConnection): boolean =>
  a.host === b.host && a.port === b.port && a.database === b.database && a.deskId === b.deskId

/**
 * A library belongs to one desk: once synced with a desk it is refused by another (its stories would
 * be pushed there, and switching back would replace the edits made meanwhile).
 */
export async function assertOwnDesk(store: LibraryStore, connection: DeskConnection): Promise<void> {
  const saved = await readJson<Partial<SyncState>>(statePath(store))
  if (!saved?.connection || sameDesk(saved.connection, connection)) return
  const bases = await nodeFileIO.readdir(path.join(deskDir(store), 'bases')).catch(() => [] as string[])
  if (!saved.cursor && bases.length === 0) return // connected once but never agreed on anything
  const was = saved.connection
  throw new AppError(
    'other_desk',
    `This library belongs to the desk "${was.deskId}" (${was.host}:${was.port}/${was.database}), not "${connection.deskId}". To work on desk "${connection.deskId}", make a copy of the library folder and connect the copy, or detach this library from "${was.deskId}" first (its stories stay; they become new to the other desk).`
  )
}

/** Forgets the desk entirely: what was agreed, conflicts, the saved connection. The library's files stay. */
export async function detachLibrary(store: LibraryStore): Promise<void> {
  // The saved state first: once it is gone the library belongs to no desk, whatever of the rest is left.
  await nodeFileIO.unlink(statePath(store)).catch(() => undefined)
  await rm(deskDir(store), { recursive: true, force: true })
}

export class DeskSync {
  private state!: SyncState
  private loaded = false
  /** The versions agreed with the desk, per scope (agreed.ts: parsed only while a scope is worked on). */
  private readonly bases = new AgreedVersions()
  /** The fields this library set since their agreed versions (kept in the state, see load). */
  private edits = new LocalEdits({ serial: 0, units: {} })
  private readonly pending = new Map<string, PendingUnit>()
  /** Each shared story's activity count as last read, to tell what the desk does not have yet without reading every story. */
  private readonly activityLength = new Map<string, number>()
  /**
   * The history entries the desk has not got yet, as COPY's lines, of the stories `collect` read while
   * online: the push sends them without reading each story a second time (see unpushedLines).
   */
  private readonly unpushed = new Map<string, { from: number; count: number; lines: string }>()
  /** Scopes this sync is writing itself: the store's announcement of that write is not a local change. */
  private readonly writing = new Set<string>()
  /** Stories on the desk that the pull under way has yet to bring into the library. */
  private arriving = 0
  /** Scopes whose units must be compared with their agreed versions; '*' means all of them. */
  private readonly dirty = new Set<string>(['*'])
  /** The connection's states and retries (connection.ts); online, it holds the session with the desk. */
  private readonly link: DeskConnectionDriver<DeskSession>
  private lead = false
  private closed = false
  private looping: Promise<void> | null = null
  private wantPull = true
  /** The last round's failure other than the connection's (the connection's own is in `link`). */
  private error: { code: ErrorCode; message: string } | null = null
  /** A settings change by an editor who is not the lead: kept here, never pushed. */
  private heldSettings = false
  /** Keys the desk refused (permissions); held until the next connect. */
  private readonly refused = new Set<string>()
  /** Conflicts open on the desk that another editor's library found, as the last pull read them. */
  private deskConflicts = new Map<string, DeskConflict & { raisedBy: string }>()
  /** How far the push or pull under way is (shown in the desk dialog); null between them. */
  private progress: DeskStatus['progress'] = null

  private constructor(private readonly options: DeskSyncOptions) {
    const retryMs = options.retryMs ?? RETRY_MS
    this.link = new DeskConnectionDriver<DeskSession>({
      open: () =>
        openSession(options.connection, options.password, () => {
          this.wantPull = true
          this.kick()
        }),
      end: endSession,
      onOnline: (session, lost) => {
        watchSession(session, lost)
        this.lead = session.lead
        this.error = null
        this.refused.clear()
        this.wantPull = true
        this.emit()
        this.kick()
      },
      onChange: (state) => this.connectionChanged(state),
      toError: (error) => coded(deskError(error, options.connection)),
      backoff: { retryMs, maxRetryMs: retryMs * MAX_RETRY_FACTOR }
    })
  }

  /**
   * Connects (a refused login or membership is an AppError and changes nothing), then runs
   * `takeOver` (the caller stops the previous sync) and syncs in the background.
   */
  static async connect(options: DeskSyncOptions, takeOver: () => Promise<void>): Promise<DeskSync> {
    const sync = new DeskSync(options)
    try {
      await sync.link.connect()
    } catch (error) {
      await sync.close()
      throw error
    }
    try {
      await takeOver()
      await sync.load()
    } catch (error) {
      await sync.close()
      throw error
    }
    sync.kick()
    return sync
  }

  /** Starts from the saved state without waiting for the desk: offline until it answers. */
  static async resume(options: DeskSyncOptions): Promise<DeskSync> {
    const sync = new DeskSync(options)
    await sync.load()
    sync.link.waitAndConnect()
    // Pending local changes are counted while offline.
    sync.kick()
    return sync
  }

  private get store(): LibraryStore {
    return this.options.store()
  }

  status(): DeskStatus {
    return {
      state: this.closed ? 'off' : this.link.state.phase === 'online' ? 'online' : 'offline',
      deskId: this.options.connection.deskId,
      user: this.options.connection.user,
      lead: this.lead,
      pending: this.pending.size + this.pendingActivityCount(),
      lastSyncAt: this.state.lastSyncAt,
      progress: this.progress,
      conflicts: [
        ...Object.values(this.state.conflicts).map(({ base: _base, baseSeq: _seq, held: _held, ...c }) => c),
        ...[...this.deskConflicts.values()].filter((c) => !this.state.conflicts[c.key] && !this.state.closing?.[c.key])
      ],
      error:
        connectionError(this.link.state) ??
        this.error ??
        this.asideError() ??
        (this.heldSettings
          ? {
              code: 'forbidden',
              message:
                'Only the desk lead can change desk settings; your change stays in this library and is not shared.'
            }
          : null)
    }
  }

  private asideError(): { code: ErrorCode; message: string } | null {
    const count = Object.keys(this.state.aside ?? {}).length + Object.keys(this.state.asideActivity ?? {}).length
    return count === 0
      ? null
      : {
          code: 'unsupported',
          message: `${count} change${count === 1 ? '' : 's'} on the desk need a newer version of Factdesk. They are kept aside, not lost, and applied once Factdesk is updated.`
        }
  }

  /**
   * The store wrote a story (its id) or library.json (null): that scope is compared and pushed. `edit`
   * (a story's write, record by record) names the fields it set, even those set back (local-edits.ts).
   */
  changed(storyId: string | null, edit?: StoryEdit): void {
    const scope = storyId ?? LIBRARY_SCOPE
    if (this.writing.has(scope)) return
    if (storyId && edit && this.loaded && this.bases.has(scope))
      for (const [key, fields] of editedFields(storyId, edit)) this.edits.note(key, fields)
    this.dirty.add(scope)
    this.kick()
  }

  /**
   * The lead's view of the desk: how each story stands with it, and how much of it this library
   * holds. Every story the member may read (row-level security decides) is pulled into the library,
   * so the library screen over the library is the whole desk; `arriving` are those a pull is still bringing.
   */
  view(): { mark(id: string): DeskMark; counts: DeskView } {
    const conflicted = new Set(Object.values(this.state.conflicts).map((c) => c.storyId))
    const pending = new Set([...this.pending.values()].map((p) => p.scope))
    for (const [id, length] of this.activityLength) if (length > (this.state.activityPushed[id] ?? 0)) pending.add(id)
    const agreed = (id: string): boolean => this.bases.storyAgreed(id)
    let inLibrary = 0
    for (const s of this.store.library.stories) if (s.deletedAt === null && agreed(s.id)) inLibrary++
    return {
      mark: (id) => (conflicted.has(id) ? 'conflict' : pending.has(id) ? 'pending' : agreed(id) ? 'synced' : 'local'),
      counts: { stories: inLibrary + this.arriving, inLibrary }
    }
  }

  private pendingActivityCount(): number {
    let count = 0
    for (const [id, length] of this.activityLength) count += Math.max(0, length - (this.state.activityPushed[id] ?? 0))
    return count
  }

  /** Resolves when everything queued has been tried (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.looping) await this.looping
  }

  async close(): Promise<void> {
    this.closed = true
    await this.idle().catch(() => undefined)
    await this.link.close()
  }

  /** Settles a conflict: each field takes this library's value or the desk's; logged in the story's history. */
  async resolve(
    key: string,
    choices: Record<string, 'local' | 'remote'>,
    by: string,
    newId: () => string
  ): Promise<void> {
    const found = this.foundConflict(key)
    if (!found) throw new AppError('not_found', 'That conflict has already been resolved.')
    const { conflict, raisedBy } = found
    const missing = conflict.fields.filter((f) => !choices[f.field])
    if (missing.length)
      throw new AppError('invalid_input', `Choose a value for ${missing.map((f) => f.field).join(', ')}.`)
    const at = this.options.now().toISOString()
    const scope = conflict.storyId ?? LIBRARY_SCOPE
    const desk = (key: string): UnitValue | null => this.bases.get(scope, key)?.value ?? null
    const apply = (
      units: Map<string, UnitValue>,
      put: (kind: UnitKind, id: string, value: UnitValue | null) => void
    ) => {
      const heldLocal = Object.fromEntries(Object.keys(conflict.held ?? {}).map((k) => [k, units.get(k) ?? null]))
      const values = resolveConflict(conflict, units.get(key) ?? null, desk(key), heldLocal, choices)
      for (const [k, value] of Object.entries(values)) put(kindOf(k), idOf(k), value)
    }
    // Who chose what: each field, the side kept and both values (the entry's `by` is the editor who chose).
    const shown = (v: unknown): string => (typeof v === 'string' ? `“${v}”` : (JSON.stringify(v) ?? 'nothing'))
    const summary = `Sync conflict resolved: ${conflict.fields
      .map((f) => {
        const [kept, over] = choices[f.field] === 'local' ? [f.local, f.remote] : [f.remote, f.local]
        const other = raisedBy ? `${raisedBy}’s` : 'the desk’s'
        return `${f.field} kept ${choices[f.field] === 'local' ? 'this library’s' : other} value ${shown(kept)} over ${shown(over)}`
      })
      .join('; ')}`.slice(0, 1000)
    if (conflict.storyId) {
      // No `field` on the entry: the history shows its summary, which names each field and the side kept.
      await this.store.updateStory(conflict.storyId, (file) => {
        apply(new Map(storyUnits(file).map((u) => [u.key, u.value])), (kind, id, value) =>
          putStoryUnit(file, kind, id, value)
        )
        // The story's version moves on (past any later stamp from the desk), so open windows fetch it again.
        file.story.updatedAt =
          at > file.story.updatedAt ? at : new Date(Date.parse(file.story.updatedAt) + 1).toISOString()
        appendActivity(file, [
          {
            id: newId(),
            at,
            by,
            action: conflict.kind === 'story' ? 'story.updated' : 'claim.updated',
            storyId: file.story.id,
            claimId: conflict.kind === 'claim' ? conflict.unitId : null,
            field: null,
            from: null,
            to: null,
            summary
          }
        ])
      })
    } else {
      await this.store.updateLibrary((draft) => {
        apply(new Map(libraryUnits(draft).map((u) => [u.key, u.value])), (kind, id, value) =>
          putLibraryUnit(draft, kind, id, value)
        )
      })
    }
    // The fields chosen for are settled (a delete's choice settles the unit), and so is what it held.
    const deleted = conflict.fields.some((f) => f.field === DELETED_FIELD)
    this.edits.clear(key, Infinity, deleted ? undefined : conflict.fields.map((f) => f.field))
    for (const k of Object.keys(conflict.held ?? {})) this.edits.clear(k)
    delete this.state.conflicts[key]
    this.deskConflicts.delete(key)
    // Closed on the desk by the loop (now, or once the desk is back): every editor's copy goes.
    this.state.closing = {
      ...this.state.closing,
      [key]: { summary, raisedBy: raisedBy ?? this.options.connection.user }
    }
    await this.saveState()
    this.changed(conflict.storyId)
  }

  /**
   * The conflict an editor settles: this library's own, or one another editor's library raised on the
   * desk. That one is settled here field by field (local: this library's value, remote: theirs); an
   * edit against a delete is settled where the edit is held, since only that library has it whole.
   */
  private foundConflict(key: string): { conflict: OpenConflict; raisedBy: string | null } | null {
    const own = this.state.conflicts[key]
    if (own) return { conflict: own, raisedBy: null }
    const desk = this.deskConflicts.get(key)
    if (!desk) return null
    if (desk.fields.some((f) => f.field === DELETED_FIELD))
      throw new AppError(
        'conflict',
        `This conflict is between an edit and a delete: settle it in ${desk.raisedBy}’s library, which holds the edit.`
      )
    const { raisedBy, ...rest } = desk
    return { conflict: { ...rest, base: null }, raisedBy }
  }

  /**
   * Raises this library's new or changed conflicts on the desk and closes the ones settled here, so
   * every editor sees each open conflict and none outlives its settling.
   */
  private async shareConflicts(repo: DeskRepository): Promise<void> {
    const shared = { ...this.state.shared }
    const closing = { ...this.state.closing }
    const raise = Object.values(this.state.conflicts).filter((c) => shared[c.key] !== JSON.stringify(c.fields))
    if (raise.length === 0 && Object.keys(closing).length === 0) return
    for (const [key, how] of Object.entries(closing)) {
      const { summary, raisedBy } =
        typeof how === 'string' ? { summary: how, raisedBy: this.options.connection.user } : how
      await repo.closeConflict(key, raisedBy, summary)
      delete closing[key]
      delete shared[key]
    }
    if (raise.length > 0) {
      await repo.raiseConflicts(raise)
      for (const c of raise) shared[c.key] = JSON.stringify(c.fields)
    }
    this.state.shared = shared
    this.state.closing = closing
    await this.saveState()
  }

  /**
   * Reads the conflicts open on the desk (inside the pull's snapshot). One this library raised that is
   * no longer open was settled by another editor: this library takes the desk's values for it.
   */
  private async readDeskConflicts(repo: DeskRepository): Promise<void> {
    const me = this.options.connection.user
    // Several editors' conflicts on one unit: the earliest is shown (last into the map), the next once it is settled.
    const open = await repo.openConflicts()
    this.deskConflicts = new Map(
      open
        .filter((r) => r.raised_by !== me)
        .map((r) => [
          r.key,
          {
            key: r.key,
            kind: r.kind,
            storyId: r.story_id,
            unitId: r.unit_id,
            // As this library sees it: its value (the desk's when raised) against the raiser's.
            fields: r.fields.map((f) => ({ field: f.field, local: f.remote, remote: f.local })),
            raisedBy: r.raised_by
          }
        ])
    )
    // Only this library's own rows say whether its conflicts are still open (another editor may have
    // raised one on the same unit: that is theirs, settled on its own).
    const stillOpen = new Set(open.filter((r) => r.raised_by === me).map((r) => r.key))
    const settled = Object.keys(this.state.shared ?? {}).filter(
      (key) => !stillOpen.has(key) && this.state.conflicts[key] && !this.state.closing?.[key]
    )
    if (settled.length > 0) await this.takeDeskValues(repo, settled)
  }

  /** Conflicts another editor settled: their units (and the units held with them) take the desk's values. */
  private async takeDeskValues(repo: DeskRepository, keys: string[]): Promise<void> {
    const all: string[] = []
    const shared = { ...this.state.shared }
    for (const key of keys) {
      all.push(key, ...Object.keys(this.state.conflicts[key]?.held ?? {}))
      delete this.state.conflicts[key]
      delete shared[key]
    }
    // Settled by another editor: what this library set of them is decided.
    for (const key of all) this.edits.clear(key)
    this.state.shared = shared
    const rows = await repo.unitsByKey(all)
    const byScope = new Map<string, Row[]>()
    for (const r of rows) (byScope.get(scopeOfRow(r)) ?? byScope.set(scopeOfRow(r), []).get(scopeOfRow(r))!).push(r)
    for (const [scope, scopeRows] of byScope) {
      // Compared again with the agreed versions on the next round (the write itself is quiet).
      this.dirty.add(scope)
      const take = (put: (kind: UnitKind, id: string, value: UnitValue | null) => void): void => {
        for (const r of scopeRows) {
          put(r.kind, idOf(r.key), r.value)
          this.setBase(scope, r.key, { seq: Number(r.seq), value: r.value })
        }
      }
      if (scope === LIBRARY_SCOPE)
        await this.writeQuietly(scope, (quiet) =>
          this.store.updateLibrary((draft) => {
            quiet()
            take((kind, id, value) => putLibraryUnit(draft, kind, id, value))
          })
        )
      else if (this.store.library.stories.some((s) => s.id === scope && s.deletedAt === null))
        await this.writeQuietly(scope, (quiet) =>
          this.store.updateStory(scope, (draft) => {
            quiet()
            take((kind, id, value) => putStoryUnit(draft, kind, id, value))
          })
        )
    }
    await this.saveBases()
    await this.saveState()
  }

  // ---- connection ----

  private connectionChanged(state: ConnectionState): void {
    this.emit()
    // Pending local changes are still counted while offline.
    if (state.phase === 'failed') this.kick()
  }

  // ---- the loop: collect what is pending, pull, push ----

  private kick(): void {
    // Before the saved state is loaded nothing can be compared or pulled: what changes meanwhile stays
    // in `dirty` (and a notice in `wantPull`) for the kick that follows load(). Running the loop
    // earlier made it return at once with `dirty` still set and kick itself again from `finally`,
    // a loop of promises that starved the event loop, so load() itself never finished.
    if (this.looping || this.closed || !this.loaded) return
    // The loop outlives the call whose write kicked it: what it writes (a pull) is no call's.
    this.looping = outsideCalls(() => this.loop()).finally(() => {
      this.looping = null
      // A long push or pull shows its last count ("n of n") until the round is over: cleared with the
      // count in one task, the window never drew it.
      this.progress = null
      this.emit()
      // A change or notice that arrived while the loop was finishing must not wait for the next one.
      if (this.dirty.size > 0 || (this.link.state.phase === 'online' && this.wantPull)) this.kick()
    })
  }

  private async loop(): Promise<void> {
    for (let rounds = 0; rounds < 50 && !this.closed; rounds++) {
      try {
        if (this.dirty.size > 0) await this.collect()
        const repo = this.link.connection?.repo
        if (!repo) return
        if (this.state.inflight?.length) await this.settleInflight(repo)
        if (this.wantPull) {
          this.wantPull = false
          await this.pull(repo)
          if (this.dirty.size > 0) await this.collect()
        }
        await this.shareConflicts(repo)
        const sendable = [...this.pending.values()].filter((p) => !this.refused.has(p.key))
        if (sendable.length > 0 || this.pendingActivityCount() > 0) await this.push(repo, sendable)
        if (this.dirty.size === 0 && !this.wantPull) {
          this.error = null
          this.state.lastSyncAt = this.options.now().toISOString()
          await this.saveState()
          return
        }
      } catch (error) {
        if (isConnectionError(error)) return this.link.fail(error)
        this.error = coded(deskError(error, this.options.connection))
        return
      }
    }
  }

  /** Compares the dirty scopes' units with their agreed versions and refreshes the outbox. */
  private async collect(): Promise<void> {
    if (!this.loaded) return
    const store = this.store
    const all = this.dirty.has('*')
    const scopes = [
      ...new Set(all ? [LIBRARY_SCOPE, ...store.library.stories.map((s) => s.id), ...this.bases.scopes()] : this.dirty)
    ]
    this.dirty.clear()
    if (scopes.includes(LIBRARY_SCOPE)) this.heldSettings = false
    const recomputed = new Set(scopes)
    for (const [key, p] of this.pending) if (recomputed.has(p.scope)) this.pending.delete(key)
    const summaries = new Map(store.library.stories.map((s) => [s.id, s]))
    const held = heldKeys(this.state.conflicts)
    await inTurns(scopes, FILES_AT_ONCE, async (scope) => {
      const edits = this.edits.mark()
      const units = await this.localUnits(scope, summaries)
      if (units === null) return
      const local = new Map(units.map((u) => [u.key, u]))
      // Read to compare, not kept: a comparison of every scope would parse the whole desk into memory.
      const bases = this.bases.of(scope, false) ?? {}
      for (const key of new Set([...local.keys(), ...Object.keys(bases)])) {
        if (held.has(key)) continue
        const unit = local.get(key)
        const value = unit?.value ?? null
        const base = bases[key]
        const back = setBack(value, base?.value ?? null, this.edits.of(key))
        if (back.length === 0 && isDeepStrictEqual(value, base?.value ?? null)) continue
        // Fields found differing are this library's (named here if no write named them: library.json's units).
        if (value && base?.value) this.edits.notice(key, changedFields(base.value, value), edits)
        if (key === 'settings' && !this.lead) {
          this.heldSettings = true
          continue
        }
        this.pending.set(key, {
          scope,
          key,
          kind: unit?.kind ?? kindOf(key),
          storyId: scope === LIBRARY_SCOPE ? null : scope,
          json: value === null ? null : JSON.stringify(value),
          baseSeq: base?.seq ?? null,
          ...(back.length > 0 ? { setBack: back } : {}),
          edits
        })
      }
    })
    // What was named since the last save is saved before anything is pushed (it must survive a restart).
    if (this.edits.unsaved) await this.saveState()
    this.emit()
  }

  /**
   * The units of a scope as they are in the library now; null for a scope that is not shared (the
   * sample story). Notes the story's activity count on the way (see pendingActivityCount).
   */
  private async localUnits(scope: string, summaries: ReadonlyMap<string, StorySummary>): Promise<Unit[] | null> {
    const store = this.store
    if (scope === LIBRARY_SCOPE) return libraryUnits(store.library)
    const summary = summaries.get(scope)
    if (!summary || summary.deletedAt !== null) {
      this.activityLength.delete(scope)
      this.unpushed.delete(scope)
      return this.bases.has(scope) ? [] : null // a trashed story is deleted on the desk
    }
    const file = await store.readStory(scope)
    if (isSample(file)) return null
    this.activityLength.set(scope, file.activity.length)
    // Online, a push follows at once: the entries it will send are kept as the text it sends.
    const from = this.state.activityPushed[scope] ?? 0
    if (file.activity.length > from && this.link.state.phase === 'online')
      this.unpushed.set(scope, {
        from,
        count: file.activity.length,
        lines: historyLines(file.activity.slice(from))
      })
    else this.unpushed.delete(scope)
    return storyUnits(file)
  }

  /**
   * A story's history entries the desk has not got yet, as COPY's lines, and the story's count after
   * them: kept by `collect` when they are the ones still unpushed, else read from the story.
   */
  private async unpushedLines(scope: string): Promise<{ lines: string; count: number } | null> {
    const from = this.state.activityPushed[scope] ?? 0
    const held = this.unpushed.get(scope)
    if (held && held.from === from && held.count === this.activityLength.get(scope)) return held
    const file = await this.readStoryIfLoaded(scope)
    if (!file || isSample(file) || file.activity.length <= from) return null
    return { lines: historyLines(file.activity.slice(from)), count: file.activity.length }
  }

  private async readStoryIfLoaded(id: string): Promise<StoryFile | null> {
    try {
      return await this.store.readStory(id)
    } catch {
      return null
    }
  }

  /**
   * Pushes the outbox a page of whole stories at a time, each page one call, in a pipeline: while the
   * desk judges a page, the next page's stories are read and its COPY text made, and the answer to the
   * page before is applied here (agreed versions saved). Every page sent and not yet applied is in
   * flight (written ahead), so a crash at any point is settled by settleInflight.
   */
  private async push(repo: DeskRepository, units: PendingUnit[]): Promise<void> {
    const byScope = new Map<string, PendingUnit[]>()
    for (const p of units) (byScope.get(p.scope) ?? byScope.set(p.scope, []).get(p.scope)!).push(p)
    for (const [id, length] of this.activityLength)
      if (length > (this.state.activityPushed[id] ?? 0) && !byScope.has(id)) byScope.set(id, [])
    const scopes = [...byScope.keys()].sort((a, b) => (a === LIBRARY_SCOPE ? -1 : b === LIBRARY_SCOPE ? 1 : 0))
    const unpushedOf = (scope: string): number =>
      scope === LIBRARY_SCOPE
        ? 0
        : Math.max(0, (this.activityLength.get(scope) ?? 0) - (this.state.activityPushed[scope] ?? 0))
    const total = units.length + scopes.reduce((sum, scope) => sum + unpushedOf(scope), 0)
    let done = 0
    let i = 0
    /** Cuts the next page by the counts already known; only then are its stories read, several at a time. */
    const nextPage = (): Promise<PushPage> | null => {
      if (i >= scopes.length) return null
      const from = i
      let count = 0
      let entries = 0
      for (; i < scopes.length && count < PUSH_PAGE_UNITS && entries < PUSH_PAGE_ACTIVITY; i++) {
        count += byScope.get(scopes[i]!)!.length
        entries += unpushedOf(scopes[i]!)
      }
      const cut = scopes.slice(from, i)
      return (async () => {
        const activity: PushPage['activity'] = []
        await inTurns(
          cut.filter((scope) => unpushedOf(scope) > 0),
          FILES_AT_ONCE,
          async (scope) => {
            const unpushed = await this.unpushedLines(scope)
            if (unpushed) activity.push({ storyId: scope, lines: unpushed.lines, count: unpushed.count })
          }
        )
        // Made after the reads, so the page before is on its way first.
        const deskId = this.options.connection.deskId
        const page: SealedUnit[] = []
        for (const scope of cut)
          for (const p of byScope.get(scope)!.sort((a, b) => UNIT_ORDER[a.kind] - UNIT_ORDER[b.kind]))
            page.push(seal(deskId, p))
        const staged = stagePage(
          page,
          [],
          activity.map((a) => a.lines)
        )
        return { page, activity, staged, size: count + entries }
      })()
    }
    const stale: PendingUnit[] = []
    const long = total > PUSH_PAGE_UNITS
    const apply = async (ready: PushPage, answer: PushAnswer, still: PushPage | null): Promise<void> => {
      stale.push(...(await this.applyAnswer(ready, answer, still)))
      done += ready.size
      if (long) this.showProgress({ phase: 'push', done: Math.min(done, total), total })
    }
    let coming = nextPage()
    let answering: Promise<PushAnswer> | null = null
    let answered: { ready: PushPage; answer: PushAnswer } | null = null
    try {
      while (coming) {
        const ready = await coming
        // Written ahead: the page answered but not yet applied, and this one.
        this.state.inflight = [...inflightOf(answered?.ready), ...inflightOf(ready)]
        await this.saveState()
        answering = this.sendPage(repo, ready)
        answering.catch(() => undefined)
        // While the desk takes this page: the next one is read and made, the one before applied.
        coming = nextPage()
        // A read that fails while the page before is being sent is thrown when its turn comes.
        coming?.catch(() => undefined)
        if (answered) await apply(answered.ready, answered.answer, ready)
        answered = { ready, answer: await answering }
      }
      if (answered) await apply(answered.ready, answered.answer, null)
    } finally {
      // Nothing else is sent on the connection before the page's transaction is over.
      await answering?.catch(() => undefined)
      await coming?.catch(() => undefined)
    }
    // Someone else changed these since we last agreed: fetch them, merge, and push the result.
    if (stale.length > 0)
      await this.pullKeys(
        repo,
        stale.map((p) => p.key)
      )
  }

  private showProgress(progress: DeskStatus['progress']): void {
    this.progress = progress
    this.emit()
  }

  /** Sends one page (written ahead as in flight by push); a page the desk refuses marks its units refused. */
  private async sendPage(repo: DeskRepository, ready: PushPage): Promise<PushAnswer> {
    try {
      return await repo.pushStaged(ready.staged)
    } catch (error) {
      if ((error as { code?: string }).code === '42501') for (const p of ready.page) this.refused.add(p.key)
      throw error
    }
  }

  /**
   * A page's answer made agreed versions; `still` is the page sent after it and not yet applied (it
   * stays in flight). Returns the stale units.
   */
  private async applyAnswer(ready: PushPage, answer: PushAnswer, still: PushPage | null): Promise<PendingUnit[]> {
    const byKey = new Map(ready.page.map((p) => [p.key, p]))
    const stale: PendingUnit[] = []
    const rewritten: Row[] = []
    for (const [key, status, seq, stored] of answer.results) {
      const p = byKey.get(key)
      if (!p) continue
      if (status === 'applied' && seq !== null) {
        this.bases.setJson(p.scope, p.key, Number(seq), p.json)
        this.edits.clear(p.key, p.pending.edits)
        if (this.pending.get(p.key) === p.pending) this.pending.delete(p.key)
        // The desk kept another value than the one sent (it gave the claim another number): merged at once.
        if (stored !== null && stored !== undefined)
          rewritten.push({ key, kind: p.kind, story_id: p.storyId, value: stored, seq: String(seq) })
      } else stale.push(p.pending)
    }
    for (const a of ready.activity) {
      this.state.activityPushed[a.storyId] = a.count
      if ((this.unpushed.get(a.storyId)?.count ?? Infinity) <= a.count) this.unpushed.delete(a.storyId)
    }
    // Nobody else wrote to the desk since our last pull: what lies past the cursor is this page, already agreed.
    if (Number(answer.prior) <= this.state.cursor) this.state.cursor = Math.max(this.state.cursor, Number(answer.top))
    await this.saveBases()
    this.state.inflight = inflightOf(still ?? undefined)
    await this.saveState()
    if (rewritten.length > 0) await this.applyRemote(rewritten, [], true)
    return stale
  }

  /**
   * A push cut off by a crash or a dropped connection before its answer was applied: what the desk
   * accepted of it is agreed; the rest is simply pending again.
   */
  private async settleInflight(repo: DeskRepository): Promise<void> {
    const inflight = this.state.inflight ?? []
    const found = await repo.acceptedChanges(inflight)
    const accepted = new Map(found.map((r) => [r.change_id, r]))
    for (const f of inflight) {
      const change = accepted.get(f.changeId)
      if (!change) continue
      this.setBase(f.scope, f.key, { seq: Number(change.seq), value: change.value })
      // Left named, a field the accepted value holds would read as set back to the agreed value, and
      // the unit would be pushed again (the same value, a second change in the desk's log).
      if (f.edits !== undefined) this.edits.clear(f.key, f.edits)
    }
    this.state.inflight = []
    this.dirty.add('*')
    await this.saveBases()
    await this.saveState()
  }

  // ---- pull ----

  /**
   * Everything after the cursor, in one snapshot: the library's own units (people, sources,
   * settings), stories new to this library whole, then the rest page by page, the cursor saved after
   * each page (rows already applied come back with their agreed sequence number and are skipped).
   */
  private async pull(repo: DeskRepository): Promise<void> {
    try {
      await repo.snapshot(async () => {
        const top = await repo.top()
        await this.readDeskConflicts(repo)
        // Values kept aside by a pull this version could not read: offered again (an update may read them now).
        const aside = Object.values(this.state.aside ?? {})
        const asideActivity = Object.values(this.state.asideActivity ?? {})
        if (aside.length > 0 || asideActivity.length > 0) await this.applyRemote(aside, asideActivity)
        if (top <= this.state.cursor) return
        // People, sources and settings first: stories arriving in the same pull may cite them.
        await this.applyRemote(await repo.libraryUnitsAfter(this.state.cursor), [])
        const known = new Set(this.store.library.stories.map((s) => s.id))
        const fresh = (await repo.storiesChangedAfter(this.state.cursor)).filter((id) => id && !known.has(id))
        // Stories new here come whole, a batch at a time; the next batch is asked for before this one is
        // written into the library (the database and the disk work at once).
        const fetchStories = (i: number): Promise<PullRow[]> => repo.wholeStories(fresh.slice(i, i + STORIES_PER_FETCH))
        const long = fresh.length > STORIES_PER_FETCH
        let coming = fresh.length > 0 ? fetchStories(0) : null
        try {
          for (let i = 0; coming; i += STORIES_PER_FETCH) {
            this.arriving = fresh.length - i
            const rows = await coming
            coming = i + STORIES_PER_FETCH < fresh.length ? fetchStories(i + STORIES_PER_FETCH) : null
            coming?.catch(() => undefined)
            await this.applyRows(rows)
            if (long)
              this.showProgress({
                phase: 'pull',
                done: Math.min(fresh.length, i + STORIES_PER_FETCH),
                total: fresh.length
              })
          }
        } finally {
          await coming?.catch(() => undefined)
        }
        for (;;) {
          // The stories fetched whole above are left out.
          const page = await repo.pageAfter(this.state.cursor, fresh, PULL_PAGE)
          await this.applyRows(page)
          const full = page.length >= PULL_PAGE
          this.state.cursor = full ? Number(page.at(-1)!.seq) : Math.max(this.state.cursor, top)
          await this.saveState()
          if (!full) break
        }
      })
    } finally {
      this.arriving = 0
    }
  }

  private async applyRows(rows: PullRow[]): Promise<void> {
    const units: Row[] = []
    const acts: ActivityRow[] = []
    for (const r of rows) {
      if (r.t === 'u')
        units.push({
          key: r.key,
          kind: r.kind!,
          story_id: r.story_id,
          value: r.value as UnitValue | null,
          seq: r.seq,
          field_seqs: r.field_seqs,
          ...(r.json !== undefined ? { json: r.json } : {})
        })
      else acts.push({ story_id: r.story_id!, entry: r.value })
    }
    await this.applyRemote(units, acts)
  }

  private async pullKeys(repo: DeskRepository, keys: string[]): Promise<void> {
    await this.applyRemote(await repo.unitsByKey(keys), [])
  }

  /** Merges others' changes into the library, one write per scope, then records the agreed versions. */
  private async applyRemote(incoming: Row[], acts: ActivityRow[], rewritten = false): Promise<void> {
    // Our own acknowledged pushes come back too: the agreed version already is that change (unless
    // the desk rewrote it, when the agreed version is what we sent and the desk's value is merged).
    const rows = incoming.filter(
      (r) =>
        rewritten || this.bases.get(scopeOfRow(r), r.key)?.seq !== Number(r.seq) || Boolean(this.state.conflicts[r.key])
    )
    if (rows.length === 0 && acts.length === 0) return
    const byScope = new Map<string, { rows: Row[]; activity: Activity[] }>()
    const group = (scope: string) => byScope.get(scope) ?? byScope.set(scope, { rows: [], activity: [] }).get(scope)!
    for (const r of rows) group(scopeOfRow(r)).rows.push(r)
    for (const a of acts) {
      // An entry this version cannot read is kept aside like a value (never dropped while the cursor moves).
      const key = activityKey(a)
      if (isActivity(a.entry)) {
        // The entry as pulled (plain JSON nobody else holds; the schema has no defaults or transforms, so
        // the parsed copy a check once made would be the same; it is checked without making one).
        group(a.story_id).activity.push(a.entry as Activity)
        if (this.state.asideActivity?.[key]) delete this.state.asideActivity[key]
      } else this.state.asideActivity = { ...this.state.asideActivity, [key]: a }
    }
    // The library first: stories may cite sources and people that arrive in the same pull.
    const library = byScope.get(LIBRARY_SCOPE)
    if (library) await this.applyLibrary(library.rows)
    const summaries = new Map(this.store.library.stories.map((s) => [s.id, s]))
    const created: { file: StoryFile; checked: boolean }[] = []
    await inTurns(
      [...byScope].filter(([scope]) => scope !== LIBRARY_SCOPE),
      FILES_AT_ONCE,
      ([scope, { rows: scopeRows, activity }]) =>
        this.applyStory(scope, summaries.get(scope), scopeRows, activity, created)
    )
    // Stories new to this library are written together, one batch of files for all of them.
    if (created.length > 0) {
      const scopes = created.map(({ file }) => file.story.id)
      for (const scope of scopes) this.writing.add(scope)
      try {
        // Every unit and entry of these stories passed its schema in the merge core (one check per
        // pulled value): the store is told so and does not parse them again.
        await this.store.createStories(
          created.map(({ file }) => file),
          { checked: created.every((c) => c.checked) }
        )
      } finally {
        for (const scope of scopes) this.writing.delete(scope)
      }
    }
    await this.saveBases()
    await this.saveState()
  }

  /**
   * Merges a scope's rows into a draft: each unit three-way against its agreed version, conflicts
   * flagged, agreed versions moved on. True when the result kept something of this library's that
   * the desk does not have yet (the scope must be pushed again).
   */
  private mergeInto(
    scope: string,
    scopeRows: Row[],
    current: (key: string) => unknown,
    put: (kind: UnitKind, id: string, value: UnitValue | null) => void
  ): boolean {
    const storyId = scope === LIBRARY_SCOPE ? null : scope
    const local: Record<string, unknown> = {}
    const bases: Record<string, unknown> = {}
    const baseSeqs: Record<string, number> = {}
    const agreed = this.bases.of(scope) ?? {}
    const conflicts: Record<string, OpenConflict> = {}
    for (const c of Object.values(this.state.conflicts)) if (c.storyId === storyId) conflicts[c.key] = c
    const keys = new Set(scopeRows.map((r) => r.key))
    for (const c of Object.values(conflicts)) for (const k of Object.keys(c.held ?? {})) keys.add(k)
    for (const key of keys) {
      local[key] = current(key)
      if (agreed[key]) {
        bases[key] = agreed[key].value
        baseSeqs[key] = agreed[key].seq
      }
    }
    const out = mergeScope({
      storyId,
      local,
      bases,
      baseSeqs,
      // The fields this library set since the agreed version: its change even when set back.
      edited: this.edits.ofKeys(keys),
      // Each field's last change on the desk: a field changed after the agreed version is the desk's change.
      remote: scopeRows.map((r) => ({ key: r.key, kind: r.kind, value: r.value, fieldSeqs: r.field_seqs })),
      // Rows the pg client parsed for this pull (or the desk's answer to a push): nobody else holds them.
      remoteOwned: true,
      conflicts
    })
    for (const [key, { kind, value }] of Object.entries(out.values)) put(kind, idOf(key), value)
    this.agree(scope, scopeRows, out.bases)
    for (const key of Object.keys(conflicts)) delete this.state.conflicts[key]
    Object.assign(this.state.conflicts, out.conflicts)
    for (const u of out.unreadable) {
      const { json: _json, ...row } = scopeRows.find((r) => r.key === u.key)!
      this.state.aside = { ...this.state.aside, [u.key]: { ...row, story_id: storyId } }
    }
    for (const key of Object.keys(out.bases)) if (this.state.aside?.[key]) delete this.state.aside[key]
    return out.keptLocal.length > 0 || scopeRows.some((r) => this.pending.has(r.key))
  }

  /**
   * The desk's values the merge returned become the scope's agreed versions. A row that came with its
   * JSON text (a story fetched whole) is agreed from that text (`setJson`): a scope new here keeps it as
   * sent, so the values pulled are not serialised again (a first sync of 5,000 stories wrote some 500 MB
   * of them).
   */
  private agree(scope: string, scopeRows: Row[], agreed: Record<string, UnitValue | null>): void {
    const rowOf = new Map(scopeRows.map((r) => [r.key, r]))
    for (const [key, value] of Object.entries(agreed)) {
      const row = rowOf.get(key)!
      if (row.json === undefined) this.setBase(scope, key, { seq: Number(row.seq), value })
      else this.bases.setJson(scope, key, Number(row.seq), value === null ? null : row.json)
    }
  }

  /** Runs one of this sync's own writes to a scope, so its announcement is not taken for a local change. */
  private async writeQuietly<T>(scope: string, write: (quiet: () => void) => Promise<T>): Promise<T> {
    try {
      // Marked from inside the store's change (not before): a write queued ahead of ours is still heard.
      return await write(() => this.writing.add(scope))
    } finally {
      this.writing.delete(scope)
    }
  }

  private async applyLibrary(scopeRows: Row[]): Promise<void> {
    let keptLocal = false
    await this.writeQuietly(LIBRARY_SCOPE, (quiet) =>
      this.store.updateLibrary((draft) => {
        quiet()
        const units = new Map(libraryUnits(draft).map((u) => [u.key, u.value]))
        keptLocal = this.mergeInto(
          LIBRARY_SCOPE,
          scopeRows,
          (key) => units.get(key) ?? null,
          (kind, id, value) => putLibraryUnit(draft, kind, id, value)
        )
      })
    )
    if (keptLocal) this.dirty.add(LIBRARY_SCOPE)
  }

  private async applyStory(
    scope: string,
    summary: StorySummary | undefined,
    scopeRows: Row[],
    activity: Activity[],
    /** Where a story new to this library goes, to be written with the others (see applyRemote). */
    created: { file: StoryFile; checked: boolean }[]
  ): Promise<void> {
    const store = this.store
    if (summary && summary.deletedAt !== null) return // trashed here: its agreed versions stay, the next push settles it
    let keptLocal = false
    let length = 0
    if (summary) {
      if (scopeRows.length === 0) {
        const have = new Set((await store.readStory(scope)).activity.map((a) => a.id))
        if (activity.every((a) => have.has(a.id))) return // only our own entries, back from the desk
      }
      await this.writeQuietly(scope, (quiet) =>
        store.updateStory(scope, (draft) => {
          quiet()
          const units = new Map(storyUnits(draft).map((u) => [u.key, u.value]))
          keptLocal = this.mergeInto(
            scope,
            scopeRows,
            (key) => units.get(key) ?? null,
            (kind, id, value) => putStoryUnit(draft, kind, id, value)
          )
          this.unionActivity(draft, activity)
          length = draft.activity.length
        })
      )
    } else {
      const head = scopeRows.find((r) => r.kind === 'story' && r.value)
      if (!head) return
      const { revisions, ...story } = head.value as UnitValue & { revisions: StoryFile['revisions'] }
      const file: StoryFile = {
        schemaVersion: STORY_SCHEMA_VERSION,
        story: story as StoryFile['story'],
        revisions,
        claims: [],
        evidence: [],
        activity: []
      }
      keptLocal = this.mergeInto(
        scope,
        scopeRows,
        () => null,
        (kind, id, value) => putStoryUnit(file, kind, id, value)
      )
      this.unionActivity(file, activity)
      length = file.activity.length
      // A head this version cannot read was not checked (it is kept aside): the store checks that story.
      created.push({ file, checked: !this.state.aside?.[head.key] })
    }
    this.activityLength.set(scope, length)
    this.unpushed.delete(scope) // the history as collect read it may be behind now: read again if pushed
    // A merge that kept local changes leaves the scope different from the desk: push it.
    if (keptLocal) this.dirty.add(scope)
  }

  private unionActivity(file: StoryFile, incoming: Activity[]): void {
    if (incoming.length === 0) return
    const upToDate = file.activity.length === (this.state.activityPushed[file.story.id] ?? 0)
    const seen = new Set(asFound(file.activity).map((a) => a.id))
    appendActivity(
      file,
      incoming.filter((a) => !seen.has(a.id))
    )
    if (upToDate) this.state.activityPushed[file.story.id] = file.activity.length
  }

  // ---- saved state ----

  private async load(): Promise<void> {
    const store = this.store
    await nodeFileIO.mkdir(path.join(deskDir(store), 'bases'))
    const saved = await readJson<SyncState>(statePath(store))
    const same = saved && isDeepStrictEqual(saved.connection, this.options.connection)
    this.loaded = true
    this.state = same
      ? { ...saved, disconnected: false }
      : { connection: this.options.connection, cursor: 0, activityPushed: {}, conflicts: {}, lastSyncAt: null }
    this.edits = new LocalEdits((this.state.edited ??= { serial: 0, units: {} }))
    if (same && saved.disconnected) await this.saveState()
    if (!same) {
      // Another desk (or none before): start over; every unit of this library is new to the desk.
      for (const name of await nodeFileIO.readdir(path.join(deskDir(store), 'bases')))
        await nodeFileIO.unlink(path.join(deskDir(store), 'bases', name)).catch(() => undefined)
      await this.saveState()
      return
    }
    for (const name of await nodeFileIO.readdir(path.join(deskDir(store), 'bases'))) {
      if (!name.endsWith('.json')) continue
      const scope = name.slice(0, -'.json'.length)
      const json = await nodeFileIO.readFile(basePath(store, scope)).then(
        (b) => b.toString('utf8'),
        () => null
      )
      if (json !== null) this.bases.load(scope, json)
    }
  }

  private setBase(scope: string, key: string, base: Base): void {
    this.bases.set(scope, key, base)
  }

  private async saveBases(): Promise<void> {
    // One batch: every file fsynced, the bases folder once for all of them.
    await writeFilesDurably(
      nodeFileIO,
      this.bases.save().map(({ scope, json }) => ({ file: basePath(this.store, scope), content: json }))
    )
  }

  private async saveState(): Promise<void> {
    this.edits.unsaved = false
    await writeFileDurably(nodeFileIO, statePath(this.store), JSON.stringify(this.state))
  }

  private emit(): void {
    // Before load() there is no saved state to report yet (connect checks the login first).
    if (!this.closed && this.loaded) this.options.onStatus(this.status())
  }
}

const isSample = (file: StoryFile): boolean => file.story.origin.kind === 'sample'

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse((await nodeFileIO.readFile(file)).toString('utf8')) as T
  } catch {
    return null
  }
}
