// A recording stand-in for the `electron` module, so the shell's real modules (src-main/index.ts,
// window.ts, ipc.ts) run in Node and tests can see what they asked Electron to do: the window's
// options, the handlers on its web contents and on the session, the protocols, the instance lock.
// It does nothing an Electron API would decide by itself; it only records and hands back.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

type Listener = (...args: unknown[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener)
  }
  removeListener(event: string, listener: Listener) {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    )
    return this
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }
}

/** A session: records the permission handlers installed on it. */
export class FakeSession {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: Listener | null = null
  setPermissionRequestHandler(handler: Listener | null) {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: Listener | null) {
    this.permissionCheckHandler = handler
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: Listener | null = null
  readonly sent: { channel: string; args: unknown[] }[] = []
  /** The session Electron would give the window: the default one unless its preferences name another. */
  readonly session: FakeSession
  constructor(session: FakeSession) {
    super()
    this.session = session
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args })
  }
  isDestroyed = () => false
}

export interface FakeElectronOptions {
  isPackaged: boolean
  userData: string
  appPath: string
  /** What requestSingleInstanceLock answers (default true; false: another instance holds it). */
  singleInstanceLock?: boolean
  /** An OS keyring (safeStorage available, a reversible stand-in cipher); default none. */
  keyring?: boolean
}

export function createFakeElectron(options: FakeElectronOptions) {
  const options_ = options
  const record = {
    windows: [] as FakeBrowserWindow[],
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocolHandlers: new Map<string, Listener>(),
    singleInstanceLockRequests: 0,
    ipcHandlers: new Map<string, Listener>(),
    opened: [] as string[],
    saveDialogs: [] as string[],
    /** Message boxes shown, with the window they were shown over (if any). */
    messageBoxes: [] as { options: Record<string, unknown>; overWindow: boolean }[],
    /** The button index the next message boxes answer with (then Cancel, 0). */
    messageBoxResponses: [] as number[],
    notifications: [] as { title: string; body: string }[],
    quits: 0,
  }
  const defaultSession = new FakeSession()
  const partitions = new Map<string, FakeSession>()
  const fromPartition = (partition: string) => {
    const existing = partitions.get(partition)
    if (existing) return existing
    const created = new FakeSession()
    partitions.set(partition, created)
    return created
  }
  const sessionFor = (preferences: Record<string, unknown> | undefined): FakeSession => {
    if (preferences?.session instanceof FakeSession) return preferences.session
    if (typeof preferences?.partition === 'string') return fromPartition(preferences.partition)
    return defaultSession
  }
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  class FakeBrowserWindow extends Emitter {
    static getAllWindows = () => record.windows
    readonly webContents: FakeWebContents
    readonly loaded: string[] = []
    readonly options: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      super()
      this.options = options
      this.webContents = new FakeWebContents(
        sessionFor(options.webPreferences as Record<string, unknown> | undefined),
      )
      record.windows.push(this)
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
    show() {}
    maximize() {}
    isMaximized = () => false
    isMinimized = () => false
    restore() {}
    focus() {}
    getBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 })
  }

  const appEvents = new Emitter()
  const app = Object.assign(appEvents, {
    isPackaged: options.isPackaged,
    whenReady: () => ready,
    requestSingleInstanceLock: () => {
      record.singleInstanceLockRequests += 1
      return options.singleInstanceLock ?? true
    },
    quit: () => void (record.quits += 1),
    exit: () => void (record.quits += 1),
    getPath: () => options.userData,
    getVersion: () => '0.0.0-test',
    getName: () => 'Switchboard',
    getAppPath: () => options.appPath,
  })

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => void record.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => void record.ipcHandlers.delete(channel),
      on: () => {},
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) =>
        void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: Listener) => void record.protocolHandlers.set(scheme, handler),
    },
    net: {
      fetch: async (url: string) => new Response(await readFile(fileURLToPath(url))),
      isOnline: () => true,
    },
    session: { defaultSession, fromPartition },
    // No OS keyring unless asked: the vault asks for a passphrase, as on Linux without one. With one,
    // a reversible stand-in for its cipher (the test is not about the keyring's cryptography).
    safeStorage: options.keyring
      ? {
          isAsyncEncryptionAvailable: async () => true,
          encryptStringAsync: async (text: string) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
          decryptStringAsync: async (data: Buffer) => ({
            result: Buffer.from(data.map((b) => b ^ 0x5a)).toString(),
            shouldReEncrypt: false,
          }),
          getSelectedStorageBackend: () => 'gnome_libsecret',
        }
      : {
          isAsyncEncryptionAvailable: async () => false,
          encryptStringAsync: async () => Buffer.alloc(0),
          decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
          getSelectedStorageBackend: () => 'basic_text',
        },
    shell: { openExternal: async (url: string) => void record.opened.push(url) },
    // Sleep and wake: an emitter the test may drive; notifications are recorded, never shown.
    powerMonitor: new Emitter(),
    Notification: Object.assign(
      class {
        readonly options: { title: string; body: string }
        constructor(options: { title: string; body: string }) {
          this.options = options
        }
        show() {
          record.notifications.push(this.options)
        }
      },
      { isSupported: () => true },
    ),
    // Save dialogs answer with a file in the data folder (or cancelled, when told).
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        const options = args.at(-1) as Record<string, unknown>
        record.messageBoxes.push({ options, overWindow: args.length > 1 })
        return { response: record.messageBoxResponses.shift() ?? 0, checkboxChecked: false }
      },
      showSaveDialog: async (...args: unknown[]) => {
        const options = args.at(-1) as { defaultPath?: string }
        record.saveDialogs.push(options.defaultPath ?? '')
        const name = (options.defaultPath ?? 'export').split(/[\\/]/).at(-1) ?? 'export'
        return { canceled: false, filePath: join(options_.userData, name) }
      },
    },
  }

  return { electron, record, ready: () => markReady(), quit: () => appEvents.emit('will-quit') }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
