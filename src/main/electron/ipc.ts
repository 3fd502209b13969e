// Binds the contract's channels to ipcMain. The logic lives in dispatch.ts; this file only turns an
// Electron event into a sender description the dispatch can check.
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channelNames } from '../../shared/contract'
import type { Dispatch } from '../dispatch'

/**
 * `dispatch` settles once the library is open: the window is created first, so its first calls may
 * arrive while the library is still opening, and wait for it here. The sender is read when the call
 * arrives, not after the wait.
 */
export function registerIpc(dispatch: () => Promise<Dispatch>): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown, callId: unknown) => {
      const frame = event.senderFrame
      const sender = { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame }
      return (await dispatch())(channel, input, sender, callId)
    })
  }
}
