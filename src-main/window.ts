// The main window: secure preferences, guarded navigation, and bounds remembered in electron-store.
import { BrowserWindow, shell, type Rectangle } from 'electron'
import Store from 'electron-store'
import type { GestureGate } from './security/gesture.ts'
import { guardNavigation, windowOpenHandler } from './security/navigation.ts'
import { secureWebPreferences } from './security/web-preferences.ts'

interface Preferences {
  windowBounds?: Rectangle
  maximized?: boolean
}

const preferences = new Store<Preferences>({ name: 'preferences' })

export function createMainWindow(options: {
  preload: string
  url: string
  appOrigin: string
  icon?: string
  /** Records the window's real input; links open in the browser only right after some. */
  gesture: GestureGate
  /** Any real input in the window: the person's activity, from which the vault's idle lock counts. */
  onInput?: () => void
}): BrowserWindow {
  const bounds = preferences.get('windowBounds')
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Switchboard',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preload),
  })
  if (preferences.get('maximized')) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    preferences.set('maximized', window.isMaximized())
    if (!window.isMaximized()) preferences.set('windowBounds', window.getBounds())
  })

  const contents = window.webContents
  const guard = guardNavigation(options.appOrigin)
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('before-input-event', (_event, input) => {
    options.gesture.note(input.type)
    options.onInput?.()
  })
  contents.on('before-mouse-event', (_event, mouse) => {
    options.gesture.note(mouse.type)
    options.onInput?.()
  })
  contents.setWindowOpenHandler(
    windowOpenHandler((url) => (options.gesture.recent() ? shell.openExternal(url) : undefined)),
  )

  void window.loadURL(options.url)
  return window
}
