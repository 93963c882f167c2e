// IPC registration with a stand-in ipcMain (the real one needs Electron): every contract call is
// registered once, and every call passes the sender-frame guard before the core sees it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'
import { silentLogger } from '../../src-main/core/host.ts'
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../src-main/ipc.ts'
import type { FrameLike } from '../../src-main/security/sender.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

type Listener = Parameters<IpcMainLike['handle']>[1]

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => void handlers.delete(channel),
  }
  const invoke = (channel: string, frame: FrameLike | null, args: unknown) => {
    const listener = handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    const event: IpcEventLike = { senderFrame: frame }
    return listener(event, args)
  }
  return { ipcMain, handlers, invoke }
}

const appOrigin = 'app://switchboard'
const mainFrame: FrameLike = { url: 'app://switchboard/index.html#/settings', parent: null }

let temp: TempCore
let ipc: ReturnType<typeof fakeIpcMain>
let unregister: () => void
beforeEach(() => {
  temp = createTempCore()
  ipc = fakeIpcMain()
  unregister = registerIpc(ipc.ipcMain, temp.core.dispatch, appOrigin, silentLogger)
})
afterEach(() => temp.dispose())

describe('IPC registration', () => {
  it('registers exactly one handler per contract call, and removes them all', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...callNames].sort())
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })

  it('answers the app’s own main frame', async () => {
    expect(await ipc.invoke('app.info', mainFrame, {})).toMatchObject({
      ok: true,
      value: { dataDir: temp.dataDir },
    })
  })

  it('rejects a call from an iframe inside the app window', async () => {
    const iframe: FrameLike = { url: 'app://switchboard/index.html', parent: mainFrame }
    expect(await ipc.invoke('app.info', iframe, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('rejects a call from a page of another origin, and from a vanished frame', async () => {
    const foreign: FrameLike = { url: 'https://evil.example/index.html', parent: null }
    expect(await ipc.invoke('app.info', foreign, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const lookalike: FrameLike = { url: 'app://switchboard.evil/index.html', parent: null }
    expect(await ipc.invoke('app.info', lookalike, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await ipc.invoke('app.info', null, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('rejects bad arguments with a validation error that names the argument', async () => {
    const outcome = await ipc.invoke('audit.list', mainFrame, { limit: 100000 })
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        details: { issues: [{ path: 'limit', message: 'limit must be at most 500.' }] },
      },
    })
  })
})
