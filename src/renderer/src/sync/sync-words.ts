// What the desk sync screens say: an error code in words with what to do next, where a
// conflicting value came from (the activity log, when it knows), and a value as an editor reads it.
import type { ChannelInput, DeskConflict, DeskStatus } from '../../../shared/contract'
import type { Activity } from '../../../shared/model'
import { idPattern } from '../../../shared/model/values'
import { DELETED_FIELD, keepOrDelete, type Side } from '../../../shared/rules/sync-conflicts'
import type { ErrorCode } from '../../../shared/result'

export { DELETED_FIELD, type Side }

/** What an editor can do about a failed connection, by the code main gave it. */
export function connectHint(code: ErrorCode | undefined): string | null {
  switch (code) {
    case 'forbidden':
      return 'Check the user name and password, and that the desk lead has added you to this desk.'
    case 'network_error':
      return 'Check the host and port, and that this computer can reach the desk (VPN, newsroom network).'
    case 'not_found':
      return 'Check the database name and desk id with the desk lead.'
    case 'unsupported':
      return 'The desk and this computer could not agree on an encrypted (TLS) connection.'
    case 'invalid_input':
      return 'Check the address: postgresql://user@host:port/database'
    case 'unknown_host':
      return 'Check the spelling of the host name, and that this computer is on the network the desk is on.'
    case 'timed_out':
      return 'The server did not answer: check the host and port (a firewall may drop the connection), or try again.'
    case 'not_member':
      return 'Your login works, but the desk lead has not added you to this desk yet, or the desk id is wrong.'
    case 'other_desk':
      return 'A library shares with one desk. Copy the library folder for the other desk, or detach this one first.'
    case 'desk_too_new':
      return 'Update Factdesk: the desk was set up by a newer version.'
    default:
      return null
  }
}

/** The status line's words for the connection state. */
export function stateWords(status: Pick<DeskStatus, 'state'>): string {
  return status.state === 'online' ? 'Online' : status.state === 'offline' ? 'Offline' : 'Not connected'
}

export const pendingWords = (pending: number): string =>
  pending === 0 ? 'All changes shared' : `${pending} change${pending === 1 ? '' : 's'} waiting to sync`

/** A long sync's progress in words: what is moving, how much of it is done. */
export function progressWords(progress: NonNullable<DeskStatus['progress']>): string {
  const n = (x: number): string => x.toLocaleString('en-GB')
  return progress.phase === 'push'
    ? `Sending changes to the desk: ${n(progress.done)} of ${n(progress.total)}`
    : `Receiving stories from the desk: ${n(progress.done)} of ${n(progress.total)}`
}

export const conflictWords = (count: number): string => `${count} sync conflict${count === 1 ? '' : 's'}`

/** The claims of one story flagged "sync conflict". */
export function conflictedClaims(conflicts: readonly DeskConflict[], storyId: string): Set<string> {
  return new Set(conflicts.filter((c) => c.kind === 'claim' && c.storyId === storyId).map((c) => c.unitId))
}

export interface Origin {
  by: string
  at: string
}

/**
 * Who set a claim's field to `value`, and when: the newest history entry that changed that field
 * to that value. The desk's history arrives with its changes, so the other editor's entry is there
 * when they logged one; null when nothing says.
 */
export function originOf(activity: readonly Activity[], claimId: string, field: string, value: unknown): Origin | null {
  for (let i = activity.length - 1; i >= 0; i--) {
    const a = activity[i]!
    if (
      a.claimId === claimId &&
      a.field === field &&
      a.action === 'claim.updated' &&
      JSON.stringify(a.to) === JSON.stringify(value)
    )
      return { by: a.by, at: a.at }
  }
  return null
}

/** A field's value as the editor reads it; `label` turns enum values (status, verdict) into the desk's names. */
export function valueWords(
  field: string,
  value: unknown,
  label: (field: string, value: string) => string | null = () => null
): string {
  if (field === DELETED_FIELD) return value === 'deleted' ? 'Deleted' : 'Edited (kept)'
  if (value === null || value === undefined) return field === 'verdict' ? 'No verdict yet' : '—'
  if (typeof value === 'string') return label(field, value) ?? (value.trim() === '' ? '(empty)' : value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.length ? value.join(', ') : '(none)'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** The two choices for one conflicting field; an edit against a delete is keep or delete (keepOrDelete). */
export function sideChoices(
  f: DeskConflict['fields'][number],
  what: string,
  value: (v: unknown) => string,
  /** The editor whose library found the conflict, when it was not this one: the other side is theirs. */
  raisedBy?: string
): { side: Side; text: string }[] {
  if (f.field === DELETED_FIELD) {
    const { keep, remove } = keepOrDelete(f)
    return [
      { side: keep, text: `Keep the ${what} (${keep === 'local' ? 'edited here' : 'edited on the desk'})` },
      { side: remove, text: `Delete it (${remove === 'local' ? 'deleted here' : 'deleted on the desk'})` }
    ]
  }
  return [
    { side: 'local', text: `This library: ${value(f.local)}` },
    { side: 'remote', text: `${raisedBy ? `${raisedBy}’s library` : 'The desk'}: ${value(f.remote)}` }
  ]
}

/** What a conflict is on, in words: "claim", "evidence", "desk settings"… */
export const unitWords: Record<DeskConflict['kind'], string> = {
  story: 'story details',
  claim: 'claim',
  evidence: 'evidence',
  source: 'source',
  person: 'person',
  settings: 'desk settings'
}

/** A field's name as an editor reads it ("checkedAgainst" → "checked against"). */
export function fieldWords(field: string): string {
  if (field === DELETED_FIELD) return 'Deleted on one side, edited on the other'
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** The Connect dialog's fields as typed. */
export interface ConnectDraft {
  mode: 'parts' | 'url'
  url: string
  host: string
  port: string
  database: string
  user: string
  password: string
  ssl: boolean
  deskId: string
}

/** The dialog's fields as `desk.connect` takes them; a desk id or port that cannot be is refused here, in words. */
export function connectInput(d: ConnectDraft): ChannelInput<'desk.connect'> {
  const common = { password: d.password, ssl: d.ssl, deskId: d.deskId.trim() }
  if (!idPattern.test(common.deskId))
    throw new Error('Give the desk id your desk lead set up (letters, digits, - and _), for example "politics".')
  if (d.mode === 'url') return { ...common, url: d.url.trim() }
  const port = d.port.trim() === '' ? undefined : Number(d.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    throw new Error('The port is a whole number from 1 to 65535 (PostgreSQL’s usual port is 5432).')
  return { ...common, host: d.host.trim(), port, database: d.database.trim() || undefined, user: d.user.trim() }
}
