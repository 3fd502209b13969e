// The serialisable outcome of every call across the process line: a value, or a coded error. No zod here:
// the renderer (which builds no schema) and shared/rules use it too; the contract's ErrorCode schema is built
// from `errorCodes` where an answer carries one (contract/desk.ts).

export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'forbidden',
  'not_found',
  'conflict',
  'read_only',
  'no_editor',
  'io_error',
  'unsupported',
  'too_large',
  'network_error',
  'no_article',
  'cancelled',
  /** The call needs the editor's say-so first (a page redirecting to a private address); retry with consent. */
  'needs_consent',
  /** An undo or redo whose records were changed since (another editor, a desk pull, a revision); nothing was changed. */
  'changed_since',
  /** An undo or redo that would change a cleared story; set it back to In check first (its sign-off ends). */
  'story_cleared',
  /** The desk's database uses a newer format than this version of Factdesk knows. */
  'desk_too_new',
  /** The library was synced with another desk: copy the library, or detach it from that desk first. */
  'other_desk',
  /** No such host name (DNS does not know it). */
  'unknown_host',
  /** The server did not answer in time. */
  'timed_out',
  /** The login worked but the role is not a member of that desk. */
  'not_member',
  /** The PDF printer (Chromium) failed to lay out or print the report; nothing was saved. */
  'print_failed',
  'internal'
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface AppErrorShape {
  code: ErrorCode
  message: string
  issues?: { path: string; message: string }[]
}

export type Result<T, E = AppErrorShape> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const err = (code: ErrorCode, message: string, issues?: AppErrorShape['issues']): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message }
})

/** Thrown inside main-side services; dispatch turns it into a Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: AppErrorShape['issues']
  ) {
    super(message)
    this.name = 'AppError'
  }

  toShape(): AppErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}
