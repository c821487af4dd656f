import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { IPC_CALL_CHANNEL } from '@contract/api'
import { fail } from '@contract/result'
import type { Dispatch } from '../dispatch'
import { isAppUrl } from './origin'

/**
 * The IPC adapter: one channel, forwarded to `dispatch` after checking the sender is a frame of
 * our own origin in one of our windows. Errors come back as values, never thrown across IPC.
 */
export function registerIpc(dispatch: Dispatch, isOurWindow: (win: BrowserWindow | null) => boolean, fromWebContents: (e: IpcMainInvokeEvent) => BrowserWindow | null): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? ''
    if (!isAppUrl(frameUrl) || !isOurWindow(fromWebContents(event))) {
      return fail('FORBIDDEN_SENDER', 'This request did not come from a SpineMet window and was refused.')
    }
    return dispatch(method, input)
  })
}
