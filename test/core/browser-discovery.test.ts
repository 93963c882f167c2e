// How the browser tests find a browser on CI and on laptops (test/support/browser.ts): the order,
// the usual install places of each platform, and a clear error for a wrong SWITCHBOARD_CHROMIUM.
import { describe, expect, it } from 'vitest'
import { findBrowser } from '../support/browser.ts'

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path)

describe('finding a browser for the E2E tests', () => {
  it('takes SWITCHBOARD_CHROMIUM first, and refuses one that does not exist', () => {
    expect(
      findBrowser({ SWITCHBOARD_CHROMIUM: '/opt/c' }, 'linux', only('/opt/c', '/usr/bin/chromium')).found,
    ).toEqual({
      path: '/opt/c',
      source: 'SWITCHBOARD_CHROMIUM',
    })
    expect(() => findBrowser({ SWITCHBOARD_CHROMIUM: '/nope' }, 'linux', only('/usr/bin/chromium'))).toThrow(
      'SWITCHBOARD_CHROMIUM is /nope, which does not exist.',
    )
  })

  it("then Debian's /usr/bin/chromium, then Chrome, Edge or Chromium where Linux installs them", () => {
    expect(findBrowser({}, 'linux', only('/usr/bin/chromium', '/usr/bin/google-chrome')).found?.source).toBe(
      "Debian's chromium",
    )
    expect(findBrowser({}, 'linux', only('/usr/bin/google-chrome-stable')).found).toEqual({
      path: '/usr/bin/google-chrome-stable',
      source: 'Google Chrome',
    })
  })

  it('finds Chrome and Edge in the usual macOS and Windows places', () => {
    expect(
      findBrowser(
        {},
        'darwin',
        only('/Users/ada/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
        '/Users/ada',
      ).found?.source,
    ).toBe('Microsoft Edge')
    expect(
      findBrowser({}, 'darwin', only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).found
        ?.source,
    ).toBe('Google Chrome')
    const windows = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }
    expect(
      findBrowser(
        windows,
        'win32',
        only('C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'),
      ).found?.source,
    ).toBe('Google Chrome')
    expect(
      findBrowser(windows, 'win32', only('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')).found
        ?.path,
    ).toBe('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')
  })

  it("falls back to Playwright's own Chromium, and says everywhere it looked when there is none", () => {
    const none = findBrowser({}, 'darwin', () => false, '/Users/ada')
    expect(none.found).toBeNull()
    expect(none.looked[0]).toBe('/usr/bin/chromium')
    expect(none.looked).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    expect(none.looked.at(-1)).toMatch(/ms-playwright/)
    const playwright = none.looked.at(-1) as string
    expect(findBrowser({}, 'darwin', only(playwright)).found).toEqual({
      path: playwright,
      source: "Playwright's Chromium",
    })
  })
})
