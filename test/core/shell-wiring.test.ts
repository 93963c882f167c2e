// The Electron shell's live wiring: src-main/index.ts (with window.ts and ipc.ts) runs against a
// recording fake of the `electron` module, and the test checks what a breach would change — the
// window's preferences, the navigation / window-open / permission handlers on the real session and
// web contents, the app:// protocol, the single-instance lock (a second instance quits before it
// opens anything), which URL the window loads, and that only the window's real input (not the
// renderer's own re-fetches) keeps the vault from locking itself when idle.
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'
import { askApp, channelFileName } from '../../src-main/hosting/app-channel.ts'
import { secureWebPreferences } from '../../src-main/security/web-preferences.ts'
import { makeDefinition } from '../support/definitions.ts'
import { damageDatabase } from '../support/damage.ts'
import { createFakeElectron, type FakeElectron } from '../support/fake-electron.ts'
import { createTempCore, tempDir } from '../support/temp-core.ts'

const root = resolve(import.meta.dirname, '../..')
const running: { fake: FakeElectron; dir: string }[] = []

afterEach(() => {
  for (const { fake, dir } of running.splice(0)) {
    fake.quit()
    rmSync(dir, { recursive: true, force: true })
  }
  vi.useRealTimers()
  vi.unstubAllEnvs()
  delete (process as { resourcesPath?: string }).resourcesPath
  vi.doUnmock('electron')
  vi.resetModules()
})

interface ShellOptions {
  isPackaged: boolean
  rendererUrl?: string
  /** The data folder (default: a new one); a second start on the same folder reuses it. */
  dir?: string
  singleInstanceLock?: boolean
  keyring?: boolean
}

/** Loads the shell with the fake electron and lets the app become ready. */
async function loadShell(options: ShellOptions) {
  const dir = options.dir ?? tempDir('switchboard-shell-')
  const fake = createFakeElectron({
    isPackaged: options.isPackaged,
    userData: dir,
    appPath: root,
    ...(options.singleInstanceLock !== undefined ? { singleInstanceLock: options.singleInstanceLock } : {}),
    ...(options.keyring !== undefined ? { keyring: options.keyring } : {}),
  })
  running.push({ fake, dir })
  if (options.rendererUrl) vi.stubEnv('ELECTRON_RENDERER_URL', options.rendererUrl)
  if (options.isPackaged) Object.assign(process, { resourcesPath: resolve(root, 'resources') })
  vi.resetModules()
  vi.doMock('electron', () => ({ default: fake.electron, ...fake.electron }))
  await import('../../src-main/index.ts')
  fake.ready()
  return { fake, dir }
}

/** Loads the shell and waits for its window. */
async function startShell(options: ShellOptions) {
  const { fake, dir } = await loadShell(options)
  await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 60_000, interval: 50 })
  const window = fake.record.windows[0]
  if (!window) throw new Error('no window')
  return { fake, window, dir }
}

/** Quits a shell started in this test (its data folder stays, for the next start). */
async function quitShell(fake: FakeElectron, dir: string) {
  const index = running.findIndex((entry) => entry.fake === fake)
  running.splice(index, 1)
  fake.quit()
  await vi.waitFor(() => expect(existsSync(join(dir, channelFileName))).toBe(false), { timeout: 30_000 })
}

/** A contract call as the window's page makes it, over the shell's IPC handlers. */
const ipcCaller = (fake: FakeElectron) => async (name: string, args: unknown) => {
  const frame = { senderFrame: { url: 'app://switchboard/index.html', parent: null } }
  const outcome = (await fake.record.ipcHandlers.get(name)?.(frame, args)) as
    { ok: true; value: unknown } | { ok: false; error: { message: string } }
  if (!outcome?.ok) throw new Error(`${name}: ${outcome?.error.message}`)
  return outcome.value
}

/** Fake clock and timers for the idle lock (installed before the shell loads, so its core uses them). */
const fakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })

const event = () => {
  const prevented = { value: false }
  return { prevented, preventDefault: () => void (prevented.value = true) }
}

describe('the Electron shell, wired', () => {
  it('opens one window with the secure preferences, guarded on every side', async () => {
    const { fake, window } = await startShell({ isPackaged: false })
    expect(fake.record.singleInstanceLockRequests).toBe(1)
    const preferences = window.options.webPreferences as Record<string, unknown>
    expect(preferences).toEqual(secureWebPreferences(String(preferences.preload)))
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(String(preferences.preload)).toMatch(/preload[/\\]index\.cjs$/)

    // app:// is registered privileged and served by the shell.
    expect(fake.record.privilegedSchemes).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ])
    expect(fake.record.protocolHandlers.has('app')).toBe(true)
    expect(window.loaded).toEqual(['app://switchboard/index.html'])

    // Navigation away from the app is refused; in-app navigation is not.
    const contents = window.webContents
    for (const name of ['will-navigate', 'will-redirect']) {
      const [guard] = contents.listeners.get(name) ?? []
      if (!guard) throw new Error(`no ${name} handler`)
      const away = event()
      guard(away, 'https://evil.example/')
      expect(away.prevented.value, name).toBe(true)
      const inside = event()
      guard(inside, 'app://switchboard/connections')
      expect(inside.prevented.value, name).toBe(false)
    }
    const webview = event()
    contents.listeners.get('will-attach-webview')?.[0]?.(webview)
    expect(webview.prevented.value).toBe(true)
    // No new windows. Web links go to the system browser only right after a real click or key press
    // (Electron's input events, which page scripts cannot fake); other schemes never.
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' })
    contents.emit('before-mouse-event', event(), { type: 'mouseMove', x: 1, y: 1 })
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/moved' })).toEqual({
      action: 'deny',
    })
    expect(fake.record.opened).toEqual([])
    contents.emit('before-mouse-event', event(), { type: 'mouseDown', x: 1, y: 1, button: 'left' })
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(fake.record.opened).toEqual(['https://docs.example.com/'])

    // Every web permission is refused on the session the window really uses.
    const { session } = contents
    let granted: boolean | undefined
    if (!session.permissionRequestHandler) throw new Error('no permission request handler')
    session.permissionRequestHandler({}, 'media', (answer: boolean) => (granted = answer))
    expect(granted).toBe(false)
    expect(session.permissionCheckHandler?.({}, 'notifications')).toBe(false)

    // One IPC handler per contract call, each refusing frames from elsewhere.
    expect([...fake.record.ipcHandlers.keys()].sort()).toEqual([...callNames].sort())
    const handler = fake.record.ipcHandlers.get('app.info')
    expect(
      await handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(
      await handler?.({ senderFrame: { url: 'app://switchboard/index.html', parent: null } }, {}),
    ).toMatchObject({
      ok: true,
    })
  })

  it('opens the sign-in page in the browser only right after a gesture in the window', async () => {
    const { fake, window } = await startShell({ isPackaged: false })
    const frame = { senderFrame: { url: 'app://switchboard/index.html', parent: null } }
    const call = async (name: string, args: unknown) => {
      const outcome = (await fake.record.ipcHandlers.get(name)?.(frame, args)) as
        { ok: true; value: unknown } | { ok: false; error: { message: string } }
      if (!outcome?.ok) throw new Error(`${name}: ${outcome?.error.message}`)
      return outcome.value
    }
    await call('vault.setup', { passphrase: 'correct horse battery' })
    const { apiKeyConfig: _unused, ...loopy } = makeDefinition('loopy', {
      authType: 'oauth2',
      oauth2Config: {
        authorizationUrl: 'https://login.loopy.example/authorize',
        tokenUrl: 'https://login.loopy.example/token',
        scopes: ['read'],
        clientAuthMethod: 'none',
      },
      secretSchema: { type: 'object', properties: {} },
    })
    await call('definitions.import', { files: [{ name: 'loopy.json', content: JSON.stringify(loopy) }] })
    await call('clients.create', { name: 'Acme' })
    const { id } = (await call('connections.create', {
      clientId: 'acme',
      integrationId: 'loopy',
      environment: 'production',
    })) as { id: string }
    await call('auth.setApp', { integrationId: 'loopy', clientId: 'switchboard-test' })

    // A script calling the contract without the person acting: no browser (the URL is still returned).
    const unasked = (await call('auth.startSignIn', { connectionId: id })) as { attemptId: string }
    await call('auth.cancelSignIn', { attemptId: unasked.attemptId })
    expect(fake.record.opened).toEqual([])

    window.webContents.emit('before-input-event', event(), { type: 'keyDown', key: 'Enter' })
    const asked = (await call('auth.startSignIn', { connectionId: id })) as { attemptId: string }
    await call('auth.cancelSignIn', { attemptId: asked.attemptId })
    expect(fake.record.opened).toHaveLength(1)
    expect(fake.record.opened[0]).toMatch(/^https:\/\/login\.loopy\.example\/authorize\?/)

    // An export with secrets goes through the shell's save dialog; the renderer gets only the place.
    const saved = (await call('connections.export', {
      passphrase: 'moving day passphrase',
      vaultPassphrase: 'correct horse battery',
    })) as { content: string | null; savedTo: string | null }
    expect(fake.record.saveDialogs).toHaveLength(1)
    expect(saved.content).toBeNull()
    expect(existsSync(saved.savedTo ?? '')).toBe(true)
  })

  it('answers MCP servers over its channel with native dialogs over the window, and closes it on quit', async () => {
    const { fake } = await startShell({ isPackaged: false })
    const dir = String(fake.electron.app.getPath())
    await vi.waitFor(() => expect(existsSync(join(dir, channelFileName))).toBe(true), { timeout: 30_000 })
    const requester = { pid: 7, purpose: 'the MCP server for Acme' }
    const call = {
      clientName: 'Acme',
      connectionId: 'conn_1',
      integrationName: 'CRM',
      environment: 'production' as const,
      methodId: 'items.delete',
      methodName: 'Delete item',
      kind: 'delete' as const,
      argumentsText: '{ "id": "a1" }',
    }
    fake.record.messageBoxResponses.push(1)
    expect(await askApp(dir, { kind: 'confirm-call', requester, call, answerMs: 5_000 })).toEqual({
      answer: 'confirmed',
    })
    expect(await askApp(dir, { kind: 'confirm-call', requester, call, answerMs: 5_000 })).toMatchObject({
      answer: 'declined',
    })
    const [box] = fake.record.messageBoxes
    expect(box?.overWindow).toBe(true)
    expect(box?.options).toMatchObject({
      type: 'warning',
      message: 'Delete item on CRM (production) for Acme?',
      buttons: ['Cancel', 'Delete on production'],
      defaultId: 0,
      cancelId: 0,
    })
    // The vault is not set up (no keyring here): nothing to hand over, and nobody is asked.
    expect(await askApp(dir, { kind: 'open-vault', requester, answerMs: 5_000 })).toEqual({
      answer: 'locked',
    })
    expect(fake.record.messageBoxes).toHaveLength(2)
    fake.quit()
    await vi.waitFor(() => expect(existsSync(join(dir, channelFileName))).toBe(false), { timeout: 30_000 })
    expect(await askApp(dir, { kind: 'confirm-call', requester, call, answerMs: 5_000 })).toEqual({
      answer: 'unavailable',
    })
  })

  it('a packaged app ignores ELECTRON_RENDERER_URL: it loads and trusts only app://', async () => {
    const { fake, window } = await startShell({ isPackaged: true, rendererUrl: 'http://127.0.0.1:5999/' })
    expect(window.loaded).toEqual(['app://switchboard/index.html'])
    const handler = fake.record.ipcHandlers.get('app.info')
    expect(
      await handler?.({ senderFrame: { url: 'http://127.0.0.1:5999/', parent: null } }, {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('in development it loads the dev server named by ELECTRON_RENDERER_URL', async () => {
    const { window } = await startShell({ isPackaged: false, rendererUrl: 'http://127.0.0.1:5999/' })
    expect(window.loaded).toEqual(['http://127.0.0.1:5999/'])
  })

  it('a second instance, denied the single-instance lock, quits without a window or a database', async () => {
    const { fake, dir } = await loadShell({ isPackaged: false, singleInstanceLock: false })
    await vi.waitFor(() => expect(fake.record.quits).toBe(1), { timeout: 30_000 })
    // Time enough for a start-up that should not happen (the first instance's takes well under this).
    await new Promise((done) => setTimeout(done, 1_500))
    expect(fake.record.singleInstanceLockRequests).toBe(1)
    expect(fake.record.quits).toBe(1)
    expect(fake.record.windows).toEqual([])
    expect(fake.record.ipcHandlers.size).toBe(0)
    expect(fake.record.protocolHandlers.size).toBe(0)
    expect(fake.electron.session.defaultSession.permissionRequestHandler).toBeNull()
    expect(fake.electron.app.listeners.get('second-instance')).toBeUndefined()
    expect(existsSync(join(dir, 'switchboard.db')), 'the database').toBe(false)
    expect(existsSync(join(dir, channelFileName)), 'the channel for MCP servers').toBe(false)
  })

  it('tells the person in a dialog when start-up found the database damaged and restored a backup', async () => {
    const dir = tempDir('switchboard-shell-')
    const before = createTempCore({ dataDir: dir })
    await before.core.vault.setup('correct horse battery staple')
    before.core.clients.create({ name: 'Acme' })
    await before.core.backups.create('manual')
    before.core.close()
    damageDatabase(join(dir, 'switchboard.db'))
    const { fake } = await startShell({ isPackaged: false, dir })
    await vi.waitFor(() => expect(fake.record.messageBoxes).toHaveLength(1), { timeout: 30_000 })
    const [box] = fake.record.messageBoxes
    expect(box?.options).toMatchObject({ type: 'warning', title: 'Switchboard restored a backup' })
    expect(String(box?.options.detail)).toMatch(/moved aside to .*switchboard-.*-manual\.db/s)
  })

  it('the vault locks when idle though the renderer re-fetches; the window’s real input keeps it open', async () => {
    fakeTime()
    const { fake, window } = await startShell({ isPackaged: false })
    const call = ipcCaller(fake)
    const state = async () => ((await call('vault.status', {})) as { state: string }).state
    await call('vault.setup', { passphrase: 'correct horse battery' })
    await call('settings.setIdleLock', { minutes: 1 })
    // The health and webhook pages fetch again on every push, as their queries poll: no person here.
    const refetch = async () => {
      await call('health.overview', {})
      await call('webhooks.list', {})
      await call('connections.list', {})
      expect(await state()).not.toBe('uninitialized')
    }
    for (let second = 10; second <= 120; second += 10) {
      vi.advanceTimersByTime(10_000)
      await refetch()
    }
    expect(await state()).toBe('locked')

    // The person at the window: keys and the mouse (moves included) as Electron reports them.
    await call('vault.unlock', { passphrase: 'correct horse battery' })
    const contents = window.webContents
    for (let second = 10; second <= 300; second += 10) {
      vi.advanceTimersByTime(10_000)
      if (second % 20) contents.emit('before-input-event', event(), { type: 'keyDown', key: 'a' })
      else contents.emit('before-mouse-event', event(), { type: 'mouseMove', x: second, y: 1 })
      await refetch()
    }
    expect(await state()).toBe('unlocked')
    vi.advanceTimersByTime(50_000)
    await refetch()
    expect(await state()).toBe('unlocked')
    vi.advanceTimersByTime(11_000)
    expect(await state()).toBe('locked')
  })

  it('a vault the keyring opened at start locks when idle, with no input and no call at all', async () => {
    const first = await startShell({ isPackaged: false, keyring: true })
    await ipcCaller(first.fake)('vault.setup', {})
    await quitShell(first.fake, first.dir)

    fakeTime()
    const { fake } = await startShell({ isPackaged: false, keyring: true, dir: first.dir })
    const state = async () => ((await ipcCaller(fake)('vault.status', {})) as { state: string }).state
    expect(await state()).toBe('unlocked')
    vi.advanceTimersByTime(14 * 60_000)
    expect(await state()).toBe('unlocked')
    vi.advanceTimersByTime(61_000)
    expect(await state()).toBe('locked')
  })
})
