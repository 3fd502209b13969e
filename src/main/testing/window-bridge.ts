// `window.factdesk` over a real core, for renderer tests (src/renderer/**/*.main.test.tsx): the
// preload's own bridge (preload/bridge.ts) with each call sent to the core's dispatch with its call
// id, answers and events crossing as JSON as they do over IPC, and the platform's events delivered to
// the page's listeners. No stand-in for main: the renderer code under test meets the real services
// and store over a temp library folder.
import { channelNames, eventNames, type EventName } from '../../shared/contract'
import { checkCall } from '../../shared/contract/check-input'
import { buildBridge } from '../../preload/bridge'
import { appSender, openTestCore, testPlatform, withEditor, type TestCore } from './test-core'

export interface WindowCore {
  t: TestCore
  editorId: string
  bridge: Record<string, unknown>
}

export async function openWindowCore(
  editorName = 'Rosa Diaz',
  overrides: Partial<Parameters<typeof openTestCore>[0]> = {}
): Promise<WindowCore> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const platform = testPlatform()
  const record = platform.emit
  platform.emit = (event, payload) => {
    record(event, payload)
    const copy: unknown = JSON.parse(JSON.stringify(payload))
    for (const listener of listeners.get(event) ?? []) listener(copy)
  }
  const t = await openTestCore({ ...overrides, platform })
  const editorId = await withEditor(t, editorName)
  const bridge = buildBridge(
    channelNames,
    eventNames,
    async (channel, input, callId) =>
      JSON.parse(JSON.stringify(await t.core.dispatch(channel, input, appSender, callId))) as unknown,
    (event, listener) => {
      const set = listeners.get(event as EventName) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => void set.delete(listener)
    },
    checkCall
  )
  return { t, editorId, bridge }
}
