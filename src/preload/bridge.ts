// Builds `window.factdesk` from the contract's channel and event names: one function per channel,
// nothing generic. The preload calls it with ipcRenderer; the e2e browser driver runs the built
// preload itself (e2e/support/sandbox-preload.ts), so this is the only bridge there is. A call takes
// the window's name for it (a CallId) beside its input; main announces the writes it causes under it.
// Each input is checked against the contract (`check`, the same rule main's dispatch runs) before it
// crosses: a malformed call is answered here with `invalid_input` and never reaches main. The check may
// answer later (a promise): the preload builds the contract's schemas on its first call, not at load.
type Checked = { ok: true } | { ok: false }

export function buildBridge(
  channels: readonly string[],
  events: readonly string[],
  invoke: (channel: string, input: unknown, callId: string | undefined) => Promise<unknown>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
  check: (channel: string, input: unknown) => Checked | Promise<Checked>
): Record<string, unknown> {
  const api: Record<string, Record<string, (input?: unknown, callId?: string) => Promise<unknown>>> = {}
  for (const name of channels) {
    const dot = name.indexOf('.')
    const noun = name.slice(0, dot)
    const verb = name.slice(dot + 1)
    const group = api[noun] ?? (api[noun] = {})
    group[verb] = (raw?: unknown, callId?: string) => {
      const input = raw === undefined ? {} : raw
      const id = typeof callId === 'string' ? callId : undefined
      const checked = check(name, input)
      if (!(checked instanceof Promise)) return checked.ok ? invoke(name, input, id) : Promise.resolve(checked)
      return checked.then((answer) => (answer.ok ? invoke(name, input, id) : answer))
    }
  }
  for (const group of Object.values(api)) Object.freeze(group)
  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (!events.includes(event)) throw new Error(`Unknown event "${event}"`)
    if (typeof listener !== 'function') throw new Error('A listener must be a function')
    return subscribe(event, listener)
  }
  return Object.freeze({ ...api, on })
}
