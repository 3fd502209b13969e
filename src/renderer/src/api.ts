// The renderer's only way to the main process: wraps `window.factdesk` and unwraps Result. Every
// call is named (a CallId, unique in this window); main announces the writes a call causes under its
// name, so the edit path tells the announcement of its own edit from anyone else's (`callsOf`).
import { withoutUndefined } from '../../shared/contract/values'
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../shared/contract'
import type { AppErrorShape, ErrorCode, Result } from '../../shared/result'

export class BridgeError extends Error {
  readonly code: ErrorCode
  readonly issues: AppErrorShape['issues']
  constructor(error: AppErrorShape) {
    super(error.message)
    this.name = 'BridgeError'
    this.code = error.code
    this.issues = error.issues
  }
}

type Fn = (input: unknown, callId: string) => Promise<Result<unknown>>

/** Names this window's calls: a prefix for this page load and a counter. */
const session = Math.random().toString(36).slice(2, 10)
let calls = 0
/** Where the ids of the calls made by the code running now are collected (callsOf). */
let collecting: string[] | null = null

/**
 * Runs `send` and returns the ids of the calls it made before it first awaited (an edit's `send`
 * makes its call at once), with what it resolves to.
 */
export function callsOf<T>(send: () => Promise<T>): { ids: string[]; result: Promise<T> } {
  const outer = collecting
  const ids: string[] = []
  collecting = ids
  try {
    return { ids, result: send() }
  } finally {
    collecting = outer
    // An edit's `send` may name its own call (for a toast's Undo); the edit path still hears it.
    outer?.push(...ids)
  }
}

/** Calls a channel and returns its value; a coded failure is thrown as a BridgeError. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await attempt(channel, input)
  if (!result.ok) throw new BridgeError(result.error)
  return result.value
}

/** Calls a channel and hands back the Result as it came, for callers that branch on error codes. */
export function attempt<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const [noun, verb] = channel.split('.') as [string, string]
  const group = (window.factdesk as unknown as Record<string, Record<string, Fn>>)[noun]
  const fn = group?.[verb]
  if (!fn)
    return Promise.resolve({
      ok: false,
      error: { code: 'unknown_channel', message: `The app has no "${channel}" call.` }
    })
  const id = `${session}-${++calls}`
  collecting?.push(id)
  // Main refuses fields sent as undefined (Electron's IPC keeps them): an optional value we do not have is left out.
  return fn(withoutUndefined(input), id) as Promise<Result<ChannelOutput<C>>>
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.factdesk.on(event, listener)
}
