// The Electron shell: lifecycle, the app:// protocol, security handlers, and the core wired to IPC.
// Thin by design: every decision that can be made without Electron lives in core/ or security/.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { recoveryMessage } from './contract/recovery.ts'
import { createCore, type Core } from './core/index.ts'
import { stderrLogger } from './core/host.ts'
import { assistantRequests } from './assistant-requests.ts'
import { serveAppChannel, type AppChannel } from './hosting/app-channel.ts'
import { registerIpc } from './ipc.ts'
import { shellPowerEvents } from './power.ts'
import { connectPush } from './push.ts'
import { resolveRendererFile } from './hosting/renderer-files.ts'
import { safeStorageProtector } from './safe-storage-protector.ts'
import { contentSecurityPolicy } from './hosting/csp.ts'
import { createGestureGate } from './security/gesture.ts'
import { denyPermissionCheck, denyPermissionRequest, isWebUrl } from './security/navigation.ts'
import { originOf } from './security/origin.ts'
import { createMainWindow } from './window.ts'
import Store from 'electron-store'

const scheme = 'app'
// The dev server's URL only in development: a packaged app that honoured it would load any origin
// with the preload, trust it as the app, and open the vault for it from the keyring.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appUrl = devServerUrl ?? `${scheme}://switchboard/index.html`
const appOrigin = originOf(appUrl) ?? `${scheme}://switchboard`
const rendererDir = join(import.meta.dirname, '../renderer')
const logger = stderrLogger(app.isPackaged ? 'info' : 'debug')

protocol.registerSchemesAsPrivileged([
  { scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

// One gate for the app: the system browser opens only right after the person clicked or typed.
const gesture = createGestureGate()
let core: Core | undefined
let stopBackups: (() => void) | undefined
let mainWindow: BrowserWindow | undefined
let appChannel: AppChannel | undefined

function serveRenderer(): void {
  protocol.handle(scheme, async (request) => {
    const file = resolveRendererFile(rendererDir, new URL(request.url).pathname)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', contentSecurityPolicy)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest)
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck)
  serveRenderer()
  core = createCore({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    hostKind: 'app',
    electronVersion: process.versions.electron,
    keyProtector: safeStorageProtector(safeStorage, new Store({ name: 'keyring' }), {
      available: await safeStorage.isAsyncEncryptionAvailable(),
      platform: process.platform,
    }),
    openUrl: async (url) => {
      if (!isWebUrl(url)) throw new Error('Only http(s) URLs are opened in the browser.')
      if (!gesture.recent())
        throw new Error('The browser opens only right after a click or a key press in the window.')
      await shell.openExternal(url)
    },
    // Exports with secrets: the person picks the place; the core writes the file (never the renderer).
    chooseSavePath: async (suggestedName) => {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) }
      const chosen = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options)
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath
    },
    logger,
    notify: (notice) => {
      if (Notification.isSupported()) new Notification({ title: notice.title, body: notice.body }).show()
    },
    power: shellPowerEvents(powerMonitor, () => net.isOnline()),
  })
  // Opens the vault from the OS keyring when it holds the key; otherwise the UI asks for a passphrase.
  await core.vault.openWithKeyring()
  // The idle lock counts only the person's activity (the window's input below, their commands), never
  // the renderer's own re-fetches: a vault the keyring opened locks even if nobody ever touches it.
  core.idleLock.activity()
  // The daily backup, made by whichever Switchboard process holds its lease.
  stopBackups = core.backups.startDaily()
  // The scheduled health checks, run by whichever Switchboard process holds their lease.
  core.health.startScheduler(core.leases)
  const { recovery } = core.info()
  if (recovery)
    void dialog.showMessageBox({
      type: 'warning',
      title: 'Switchboard restored a backup',
      message: 'The database was damaged',
      detail: recoveryMessage(recovery),
    })
  registerIpc(ipcMain, core.dispatch, appOrigin, logger)
  mainWindow = createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    url: appUrl,
    appOrigin,
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    gesture,
    onInput: () => core?.idleLock.activity(),
  })
  connectPush(core.events, mainWindow.webContents)
  // MCP servers started by assistants ask here: a production write's confirmation, the vault's key.
  try {
    appChannel = await serveAppChannel(
      core.info().dataDir,
      assistantRequests({ dialog, window: () => mainWindow, vault: () => core?.vault }),
    )
  } catch (error) {
    logger.warn('the channel for MCP servers could not start', {
      error: error instanceof Error ? error.message : String(error),
    })
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) {
      mainWindow = createMainWindow({
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        url: appUrl,
        appOrigin,
        gesture,
        onInput: () => core?.idleLock.activity(),
      })
      connectPush(core.events, mainWindow.webContents)
    }
  })
  app.on('will-quit', () => {
    stopBackups?.()
    void appChannel?.close()
    core?.close()
  })
  app.whenReady().then(start, (error: unknown) => {
    logger.error('start-up failed', { error: error instanceof Error ? error.stack : String(error) })
    app.exit(1)
  })
}
