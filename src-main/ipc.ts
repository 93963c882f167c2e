// Registers one ipcMain.handle per contract entry. Every call passes the sender-frame guard, then
// the core's dispatch (argument validation, handler, error mapping). Takes the ipcMain it registers
// on, so tests drive it with a stand-in and no Electron.
import { callNames } from './contract/api.ts'
import type { Outcome } from './contract/errors.ts'
import type { Dispatch } from './core/api/dispatch.ts'
import type { Logger } from './core/host.ts'
import { isTrustedSender, type FrameLike } from './security/sender.ts'

export interface IpcEventLike {
  senderFrame: FrameLike | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, args: unknown) => Promise<Outcome<unknown>>): void
  removeHandler(channel: string): void
}

export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  appOrigin: string,
  logger: Logger,
): () => void {
  for (const name of callNames) {
    ipcMain.handle(name, async (event, args) => {
      if (!isTrustedSender(event.senderFrame, appOrigin)) {
        logger.warn('refused a call from an untrusted frame', {
          call: name,
          frame: event.senderFrame?.url ?? null,
        })
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Switchboard window.' },
        }
      }
      return dispatch(name, args)
    })
  }
  return () => callNames.forEach((name) => ipcMain.removeHandler(name))
}
