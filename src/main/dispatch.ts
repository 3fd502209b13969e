// Routes one IPC call: checks the sender, validates the input against the contract, runs the
// handler and returns a Result. No electron here, so it runs under plain Node in tests and behind
// the e2e browser driver exactly as it does behind ipcMain.
import type { z } from 'zod'
import { CallId, contract, isChannel, type Channel, type ChannelOutput, type Contract } from '../shared/contract'
import { checkInput, describeIssues } from '../shared/contract/check-input'
import { AppError, err, ok, type Result } from '../shared/result'
import { inCall } from './call-context'

/** What main knows about who sent a call. */
export interface Sender {
  url: string
  isMainFrame: boolean
}

export type Handler<C extends Channel> = (
  input: z.output<Contract[C]['input']>
) => Promise<ChannelOutput<C>> | ChannelOutput<C>
/** Every call's handler by its full name: built from the feature modules' groups (registry.ts). */
export type Handlers = { [C in Channel]: Handler<C> }

export interface DispatchOptions {
  /** True when the sender is the app's own page (origin check lives with whoever knows the origin). */
  isTrustedOrigin(url: string): boolean
  /** Validate outputs too: on in tests and development, it catches a service breaking the contract. */
  checkOutput?: boolean
  onInternalError?(channel: string, error: unknown): void
  /**
   * Why calls that change the library are refused now (a read-only library), or null. Asked for
   * each call the contract marks `mutates`, before its input or handler: the read-only list
   * (`readChannels`) is everything a read-only library still answers.
   */
  writeRefusal?(): AppError | null
  /** Called for every call refused before validation (wrong frame or origin, unknown channel), to log it. */
  onRefused?(refusal: Refusal): void
}

/** A refused call as the log records it: which channel, why, and from where. */
export interface Refusal {
  channel: string
  reason: 'subframe' | 'untrusted_origin' | 'unknown_channel'
  origin: string
}

const originOf = (url: string): string => {
  try {
    const parsed = new URL(url)
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin
  } catch {
    return url.slice(0, 200) || '(none)'
  }
}

/** `callId` is the window's name for the call (CallId), or absent: the writes it causes are announced with it. */
export type Dispatch = (
  channel: unknown,
  rawInput: unknown,
  sender: Sender,
  callId?: unknown
) => Promise<Result<unknown>>

export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, rawInput, sender, callId) => {
    const refuse = (reason: Refusal['reason']): void =>
      options.onRefused?.({ channel: String(channel).slice(0, 80), reason, origin: originOf(sender.url) })
    if (!sender.isMainFrame) {
      refuse('subframe')
      return err('forbidden', 'Calls are only accepted from the app window itself, not from embedded frames.')
    }
    if (!options.isTrustedOrigin(sender.url)) {
      refuse('untrusted_origin')
      return err('forbidden', 'Calls are only accepted from the app’s own pages.')
    }
    if (!isChannel(channel)) {
      refuse('unknown_channel')
      return err('unknown_channel', `The app has no "${String(channel).slice(0, 80)}" call.`)
    }

    const id = callId === undefined || callId === null ? null : CallId.safeParse(callId)
    if (id && !id.success)
      return err(
        'invalid_input',
        `Invalid call id for "${channel}": a call is named by 1 to 64 letters, digits, "-" or "_".`
      )

    const def = contract[channel]
    const refusal = def.mutates ? (options.writeRefusal?.() ?? null) : null
    if (refusal) return { ok: false, error: refusal.toShape() }
    const parsed = checkInput(channel, rawInput)
    if (!parsed.ok) return parsed

    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const value = await inCall(id ? id.data : null, () => handler(parsed.value))
      if (options.checkOutput) {
        const out = def.output.safeParse(value)
        if (!out.success)
          throw new Error(
            `"${channel}" returned a value outside its contract: ${describeIssues(channel, out.error.issues)}`
          )
      }
      return ok(value ?? null)
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() }
      options.onInternalError?.(channel, error)
      return err('internal', `Something went wrong in "${channel}". The problem was logged; please try again.`)
    }
  }
}
