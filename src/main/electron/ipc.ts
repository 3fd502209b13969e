// Binds the contract's channels to ipcMain. The logic lives in dispatch.ts; this file only turns an
// Electron event into a sender description the dispatch can check.
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channelNames } from '../../shared/contract'
import type { Dispatch } from '../dispatch'

export function registerIpc(dispatch: () => Dispatch): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown, callId: unknown) => {
      const frame = event.senderFrame
      return dispatch()(
        channel,
        input,
        { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame },
        callId
      )
    })
  }
}
