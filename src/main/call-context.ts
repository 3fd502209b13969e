// Which of the window's calls a write belongs to. dispatch runs each handler inside its call
// (AsyncLocalStorage follows the handler through every await, the store's queue included), so the
// store names the call that caused a write in its announcement without every service passing an id
// along. The id counts only while the handler runs: work a call leaves running in the background
// (the desk sync) is not that call's, and starts outside it (`outsideCalls`).
import { AsyncLocalStorage } from 'node:async_hooks'

interface RunningCall {
  readonly id: string
  running: boolean
}

const calls = new AsyncLocalStorage<RunningCall>()

/** Runs a handler as the call `id` (none: as no call at all). */
export async function inCall<T>(id: string | null, run: () => Promise<T> | T): Promise<T> {
  if (id === null) return calls.exit(run)
  const call: RunningCall = { id, running: true }
  try {
    return await calls.run(call, run)
  } finally {
    call.running = false
  }
}

/** The ids of the calls the code running now belongs to (none for background work). */
export function callerIds(): string[] {
  const call = calls.getStore()
  return call?.running ? [call.id] : []
}

/** Starts background work that outlives the call that set it off, as no call's. */
export function outsideCalls<T>(run: () => T): T {
  return calls.exit(run)
}
