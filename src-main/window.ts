// The main window: secure preferences, guarded navigation, and bounds remembered in electron-store.
import { BrowserWindow, shell, type Rectangle } from 'electron'
import Store from 'electron-store'
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
  contents.setWindowOpenHandler(windowOpenHandler((url) => shell.openExternal(url)))

  void window.loadURL(options.url)
  return window
}
