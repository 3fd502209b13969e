// The preload: exposes exactly the contract's channels to the sandboxed renderer, each input checked
// against the contract before it is sent. At load it holds only the channel and event names (taken from
// the contract when the preload is built, see electron.vite.config.ts): the schemas are built on the first
// call, or as soon as the page's HTML is parsed, while the page's scripts are still on their way, whichever
// comes first (building them all at load held up the page by the time that takes; contract-check.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildBridge } from './bridge'

declare const __FACTDESK_CHANNELS__: readonly string[]
declare const __FACTDESK_EVENTS__: readonly string[]

type CheckCall = (typeof import('./contract-check'))['checkCall']
let contract: Promise<CheckCall> | null = null
// Inlined by the build (`codeSplitting: false`): the module is in this file, evaluated on this first use.
const loadContract = (): Promise<CheckCall> => (contract ??= import('./contract-check').then((m) => m.checkCall))

const bridge = buildBridge(
  __FACTDESK_CHANNELS__,
  __FACTDESK_EVENTS__,
  (channel, input, callId) => ipcRenderer.invoke(channel, input, callId),
  (event, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  },
  (channel, input) => loadContract().then((checkCall) => checkCall(channel, input))
)

contextBridge.exposeInMainWorld('factdesk', bridge)

// The HTML is parsed ("interactive") once the page's scripts have been asked for: building the schemas then
// uses the time the window waits for them, and never delays the requests.
interface LoadingDocument {
  readyState: string
  addEventListener(type: 'readystatechange', listener: () => void): void
}
const page = (globalThis as { document?: LoadingDocument }).document
if (page && page.readyState === 'loading')
  page.addEventListener('readystatechange', () => {
    if (page.readyState !== 'loading') void loadContract()
  })
else void loadContract()
