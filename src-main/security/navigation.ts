// Guards for the window's web contents: the app never navigates away from itself, never opens a
// second window, and never grants a web permission. Links to the web open in the system browser.
import { originOf } from './origin.ts'

export interface PreventableEvent {
  preventDefault(): void
}

/** will-navigate / will-redirect: anything outside the app origin is refused. */
export function guardNavigation(appOrigin: string) {
  return (event: PreventableEvent, url: string): void => {
    if (originOf(url) !== appOrigin) event.preventDefault()
  }
}

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/** setWindowOpenHandler: deny every new window; hand http(s) links to the system browser. */
export function windowOpenHandler(openExternal: (url: string) => unknown) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isWebUrl(url)) void openExternal(url)
    return { action: 'deny' }
  }
}

/** setPermissionRequestHandler: camera, notifications, geolocation… all refused. */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false)
}

/** setPermissionCheckHandler: reports every permission as not granted. */
export function denyPermissionCheck(): boolean {
  return false
}
