// The desk connection's states: offline, connecting, online, failed (always with a coded error), closed.
// `reduce` is pure: a state and an event in, the next state and what to do out (open a connection,
// end one, schedule or cancel the retry). `DeskConnectionDriver` is the thin part that does those
// things: it holds the one retry timer and the live connection, and feeds the outcomes back as events.
// Retries back off: the first after `retryMs`, each further failure in a row doubles the wait, up to
// `maxRetryMs`; a connection that comes up starts the count again.
import type { DeskConnection } from '../../shared/contract'
import { AppError, type ErrorCode } from '../../shared/result'

export interface Coded {
  code: ErrorCode
  message: string
}

interface Counts {
  /** Connections tried so far: each try has its number, so the outcome of an earlier one is recognised. */
  attempts: number
  /** Tries (or connections) that failed in a row since the last one came up. */
  failures: number
  /** The wait of the retry that is scheduled, null when none is. */
  retryInMs: number | null
}

export type ConnectionState =
  | ({ phase: 'offline' } & Counts)
  /** `error`: the failure this try follows, if it is a retry (still shown while it runs). */
  | ({ phase: 'connecting'; error: Coded | null } & Counts)
  | ({ phase: 'online' } & Counts)
  | ({ phase: 'failed'; error: Coded } & Counts)
  | { phase: 'closed'; attempts: number }

export type ConnectionEvent =
  /** Connect now (the editor asked for it). */
  | { t: 'connect' }
  /** Connect after the first retry wait (a library resumes its desk without holding anything up). */
  | { t: 'wait' }
  /** The scheduled retry came due. */
  | { t: 'retry' }
  | { t: 'opened'; attempt: number }
  | { t: 'openFailed'; attempt: number; error: Coded }
  /** The connection of that attempt was lost. */
  | { t: 'lost'; attempt: number; error: Coded }
  /** Going off for good: nothing is retried, any connection is ended. */
  | { t: 'close' }

export type ConnectionEffect =
  { t: 'open'; attempt: number } | { t: 'end'; attempt: number } | { t: 'schedule'; ms: number } | { t: 'cancel' }

export interface Backoff {
  retryMs: number
  maxRetryMs: number
}

export const initialConnection: ConnectionState = { phase: 'offline', attempts: 0, failures: 0, retryInMs: null }

/** The wait before the retry that follows `failures` failures in a row (at least one wait of retryMs). */
export function retryDelay(failures: number, backoff: Backoff): number {
  const doublings = Math.min(Math.max(failures - 1, 0), 30)
  return Math.min(backoff.retryMs * 2 ** doublings, backoff.maxRetryMs)
}

type Step = { state: ConnectionState; effects: ConnectionEffect[] }

export function reduce(state: ConnectionState, event: ConnectionEvent, backoff: Backoff): Step {
  const same: Step = { state, effects: [] }
  if (state.phase === 'closed') {
    // A connection that comes up after going off is ended at once.
    return event.t === 'opened' ? { state, effects: [{ t: 'end', attempt: event.attempt }] } : same
  }
  const current = event.t === 'opened' || event.t === 'openFailed' || event.t === 'lost' ? event.attempt : null
  switch (event.t) {
    case 'connect':
    case 'retry': {
      if (state.phase === 'connecting' || state.phase === 'online') return same // never two at once
      if (event.t === 'retry' && state.retryInMs === null) return same // a retry that was cancelled
      const attempt = state.attempts + 1
      return {
        state: {
          phase: 'connecting',
          error: state.phase === 'failed' ? state.error : null,
          attempts: attempt,
          failures: state.failures,
          retryInMs: null
        },
        // Connecting now cancels the retry that was waiting (a retry that fired has no timer left).
        effects: [
          ...(event.t === 'connect' && state.retryInMs !== null ? [{ t: 'cancel' as const }] : []),
          { t: 'open', attempt }
        ]
      }
    }
    case 'wait': {
      if (state.phase === 'connecting' || state.phase === 'online' || state.retryInMs !== null) return same
      const ms = retryDelay(state.failures, backoff)
      return { state: { ...state, retryInMs: ms }, effects: [{ t: 'schedule', ms }] }
    }
    case 'opened':
      if (state.phase !== 'connecting' || current !== state.attempts)
        return { state, effects: [{ t: 'end', attempt: event.attempt }] }
      return { state: { phase: 'online', attempts: state.attempts, failures: 0, retryInMs: null }, effects: [] }
    case 'openFailed':
    case 'lost': {
      const live = event.t === 'openFailed' ? state.phase === 'connecting' : state.phase === 'online'
      if (!live || current !== state.attempts) return same
      const failures = state.failures + 1
      const ms = retryDelay(failures, backoff)
      return {
        state: { phase: 'failed', error: event.error, attempts: state.attempts, failures, retryInMs: ms },
        effects: [
          ...(event.t === 'lost' ? [{ t: 'end' as const, attempt: state.attempts }] : []),
          { t: 'schedule', ms }
        ]
      }
    }
    case 'close':
      return {
        state: { phase: 'closed', attempts: state.attempts },
        effects: [
          ...(state.retryInMs !== null ? [{ t: 'cancel' as const }] : []),
          ...(state.phase === 'online' ? [{ t: 'end' as const, attempt: state.attempts }] : [])
        ]
      }
  }
}

export interface DriverOptions<C> {
  /** Opens a connection (rejects when it cannot; the error is coded by `toError`). */
  open(): Promise<C>
  /** Ends a connection (never rejects). */
  end(connection: C): Promise<void>
  /** A connection came up; `lost` is to be called when it goes. */
  onOnline(connection: C, lost: (error: unknown) => void): void
  /** After every change of state. */
  onChange(state: ConnectionState): void
  toError(error: unknown): Coded
  backoff: Backoff
}

export class DeskConnectionDriver<C> {
  private current: ConnectionState = initialConnection
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly live = new Map<number, C>()
  /** The outcome of each try under way, for `connect`'s caller. */
  private readonly opening = new Map<number, Promise<C>>()
  /** Connections being ended, awaited by `close`. */
  private readonly ending = new Set<Promise<void>>()

  constructor(private readonly options: DriverOptions<C>) {}

  get state(): ConnectionState {
    return this.current
  }

  /** The live connection, when online. */
  get connection(): C | null {
    return this.current.phase === 'online' ? (this.live.get(this.current.attempts) ?? null) : null
  }

  /** Connects now; rejects with the try's error (the retry is then scheduled, as for any failed try). */
  async connect(): Promise<void> {
    this.send({ t: 'connect' })
    if (this.current.phase === 'connecting') await this.opening.get(this.current.attempts)
  }

  /** Tries after the first retry wait. */
  waitAndConnect(): void {
    this.send({ t: 'wait' })
  }

  /** The live connection failed (a statement found it gone): it is ended and a retry scheduled. */
  fail(error: unknown): void {
    if (this.current.phase === 'online')
      this.send({ t: 'lost', attempt: this.current.attempts, error: this.options.toError(error) })
  }

  /** Goes off for good: the retry is cancelled and the connection ended (the end is awaited). */
  async close(): Promise<void> {
    this.send({ t: 'close' })
    await Promise.all([...this.ending])
  }

  private send(event: ConnectionEvent): void {
    const before = this.current
    const { state, effects } = reduce(this.current, event, this.options.backoff)
    this.current = state
    for (const effect of effects) this.run(effect)
    if (state !== before) this.options.onChange(state)
    if (event.t === 'opened' && state.phase === 'online' && before.phase === 'connecting') {
      const connection = this.live.get(event.attempt)!
      this.options.onOnline(connection, (error) =>
        this.send({ t: 'lost', attempt: event.attempt, error: this.options.toError(error) })
      )
    }
  }

  private run(effect: ConnectionEffect): void {
    switch (effect.t) {
      case 'open': {
        const attempt = effect.attempt
        const opened = this.options.open()
        const outcome = opened.then(
          (connection) => {
            this.opening.delete(attempt)
            this.live.set(attempt, connection)
            this.send({ t: 'opened', attempt })
            return connection
          },
          (error: unknown) => {
            this.opening.delete(attempt)
            this.send({ t: 'openFailed', attempt, error: this.options.toError(error) })
            throw error
          }
        )
        // Only `connect` waits on it; a retry's failure is an event, not an unhandled rejection.
        outcome.catch(() => undefined)
        this.opening.set(attempt, outcome)
        return
      }
      case 'end': {
        const connection = this.live.get(effect.attempt)
        this.live.delete(effect.attempt)
        if (connection === undefined) return
        const ended = this.options.end(connection).finally(() => this.ending.delete(ended))
        this.ending.add(ended)
        return
      }
      case 'schedule':
        this.timer = setTimeout(() => {
          this.timer = null
          this.send({ t: 'retry' })
        }, effect.ms)
        return
      case 'cancel':
        if (this.timer) clearTimeout(this.timer)
        this.timer = null
        return
    }
  }
}

/** The connection's failure to show: the last one while it fails and while it is retried. */
export const connectionError = (state: ConnectionState): Coded | null =>
  state.phase === 'failed' || state.phase === 'connecting' ? state.error : null

/** True for a failure of the connection itself (the network, the server going away), not of a statement. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  if (e.code && /^(08|57P0)/.test(e.code)) return true
  if (
    e.code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ENOTFOUND',
      'EAI_AGAIN'
    ].includes(e.code)
  )
    return true
  return /Connection terminated|not queryable|Client was closed|connection timeout/i.test(e.message ?? '')
}

/** A database or network failure in words an editor understands, with a code. */
export function deskError(error: unknown, connection: DeskConnection): AppError {
  if (error instanceof AppError) return error
  const e = error as { code?: string; message?: string }
  const where = `${connection.host}:${connection.port}/${connection.database}`
  // TLS: the server has none, its certificate does not check out, or it will not talk without it.
  if (/does not support SSL/i.test(e.message ?? ''))
    return new AppError(
      'unsupported',
      `The desk at ${where} does not accept encrypted (TLS) connections. If it runs on this computer (npm run desk), turn TLS off; otherwise ask whoever runs it to turn TLS on.`
    )
  if (e.code && TLS_CERT_ERRORS.test(e.code))
    return new AppError(
      'unsupported',
      `The desk at ${where} did not show a TLS certificate this computer trusts (${e.code}). Ask whoever runs the desk for a certificate from a trusted authority.`
    )
  if (e.code === '28000' && /no encryption/i.test(e.message ?? ''))
    return new AppError('forbidden', `The desk at ${where} only accepts encrypted connections: turn TLS on.`)
  if (e.code === '28P01' || e.code === '28000')
    return new AppError('forbidden', `The desk at ${where} refused the password for ${connection.user}.`)
  if (e.code === '42501')
    return new AppError(
      'forbidden',
      `The desk refused this change for ${connection.user}: ${e.message ?? 'permission denied'}.`
    )
  if (e.code === '3D000')
    return new AppError(
      'not_found',
      `There is no database "${connection.database}" at ${connection.host}:${connection.port}.`
    )
  if (e.code === '42P01' || e.code === '3F000')
    return new AppError(
      'not_found',
      `The database at ${where} has no desk yet. The desk lead connects first to set it up.`
    )
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'EAI_NONAME')
    return new AppError(
      'unknown_host',
      `There is no server called "${connection.host}" (the name does not resolve). Check the host name, and that this computer is on the network the desk is on.`
    )
  if (/timeout/i.test(e.message ?? '') || e.code === 'ETIMEDOUT')
    return new AppError(
      'timed_out',
      `The desk at ${where} did not answer in time. Check the host and port, or try again later; changes wait here.`
    )
  if (isConnectionError(error))
    return new AppError(
      'network_error',
      `Cannot reach the desk at ${where}: ${e.message ?? e.code}. Changes wait here until it is back.`
    )
  return new AppError('internal', `The desk failed: ${e.message ?? String(error)}`)
}

const TLS_CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/

export const coded = (error: AppError): Coded => ({ code: error.code, message: error.message })
