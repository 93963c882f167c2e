// The packaged shell in real Electron (Playwright's _electron), where the Electron binary exists.
// On machines that cannot download it (like our CI), this file says so in one line and skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'
import { projectRoot } from './harness.ts'

// Where the electron package keeps its binary once downloaded (it downloads lazily, on first run:
// `npx electron --version` or `npm start`); ELECTRON_OVERRIDE_DIST_PATH points elsewhere, as the
// package itself allows.
const binaryByPlatform: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
  linux: 'electron',
}
const binaryName = binaryByPlatform[process.platform] ?? 'electron'
const electronBinary = process.env.ELECTRON_OVERRIDE_DIST_PATH
  ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, binaryName)
  : join(projectRoot, 'node_modules', 'electron', 'dist', binaryName)
const hasElectron = existsSync(electronBinary)

if (!hasElectron) {
  console.log(
    `Electron E2E skipped: the Electron binary is not installed (${electronBinary} is missing; \`npx electron --version\` downloads it).`,
  )
}

describe.skipIf(!hasElectron)('the Electron app', () => {
  let electronApp: ElectronApplication
  let appWindow: Page
  let userData: string

  beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'switchboard-electron-'))
    electronApp = await _electron.launch({
      executablePath: electronBinary,
      args: [
        projectRoot,
        `--user-data-dir=${userData}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    })
    appWindow = await electronApp.firstWindow()
    await appWindow.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
  })

  afterEach(async () => {
    await electronApp?.close()
    rmSync(userData, { recursive: true, force: true })
  })

  it('gives the page no Node, no Electron and no ipcRenderer', async () => {
    const globals = await appWindow.evaluate(() => {
      const scope = globalThis as Record<string, unknown>
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        ipcRenderer: typeof scope.ipcRenderer,
        electron: typeof scope.electron,
      }
    })
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    })
  })

  it('exposes exactly the contract on window.switchboard and keeps data in userData', async () => {
    const names = await appWindow.evaluate(() =>
      Object.entries((window as unknown as { switchboard: Record<string, object> }).switchboard).flatMap(
        ([ns, calls]) => Object.keys(calls).map((m) => `${ns}.${m}`),
      ),
    )
    expect(names.sort()).toEqual([...callNames].sort())
    const info = await appWindow.evaluate(() =>
      (
        window as unknown as {
          switchboard: { app: { info(): Promise<{ ok: boolean; value: { dataDir: string } }> } }
        }
      ).switchboard.app.info(),
    )
    expect(info).toMatchObject({ ok: true, value: { dataDir: userData } })
  })

  it('refuses navigation and new windows, and blocks inline script', async () => {
    const before = appWindow.url()
    await appWindow.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await appWindow.waitForTimeout(500)
    expect(appWindow.url()).toBe(before)
    expect(await appWindow.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
    expect(electronApp.windows()).toHaveLength(1)
    const ran = await appWindow.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.appendChild(script)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
    })
    expect(ran).toBe(false)
  })
})
