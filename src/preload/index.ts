// The preload: exposes exactly the contract's channels to the sandboxed renderer, each input checked
// against the contract before it is sent.
import './jitless'
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channelNames, eventNames } from '../shared/contract'
import { checkCall } from '../shared/contract/check-input'
import { buildBridge } from './bridge'

const bridge = buildBridge(
  channelNames,
  eventNames,
  (channel, input, callId) => ipcRenderer.invoke(channel, input, callId),
  (event, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  },
  checkCall
)

contextBridge.exposeInMainWorld('factdesk', bridge)
