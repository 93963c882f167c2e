// End-to-end harness: the built renderer (out/renderer) in Chromium (see test/support/browser.ts), with window.switchboard
// provided by the HTTP bridge to a real core on a temporary data folder.
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startBridgeServer, type BridgeServer } from '../../src-main/bridge/server.ts'
import type { Dispatch } from '../../src-main/core/api/dispatch.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

export const projectRoot = resolve(import.meta.dirname, '../..')
export const rendererDir = join(projectRoot, 'out', 'renderer')
export const screenshotDir = join(projectRoot, 'test-results', 'screenshots')
// Which browser: test/support/browser.ts (SWITCHBOARD_CHROMIUM, Debian's, Chrome/Edge/Chromium, Playwright's).
export { launchChromium } from '../support/browser.ts'

export interface RunningApp {
  temp: TempCore
  bridge: BridgeServer
  context: BrowserContext
  page: Page
  /** Names of the calls that reached the core, in order. */
  calls: string[]
  /** Console errors and uncaught exceptions of the page, in order. */
  consoleErrors: string[]
  /** Content-Security-Policy violations the page reported ("directive: blocked URI"). */
  cspViolations(): Promise<string[]>
  close(): Promise<void>
}

export async function startApp(
  browser: Browser,
  options: {
    colorScheme?: 'light' | 'dark'
    /** Runs against the core before the page first loads, e.g. to import definitions. */
    prepare?: (temp: TempCore) => Promise<void> | void
  } = {},
): Promise<RunningApp> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the E2E tests (npm test does).')
  }
  const temp = createTempCore()
  await options.prepare?.(temp)
  const calls: string[] = []
  const dispatch: Dispatch = (name, args) => {
    calls.push(name)
    return temp.core.dispatch(name, args)
  }
  const bridge = await startBridgeServer({ dispatch, rendererDir, events: temp.core.events })
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  })
  // Recorded from the first script on: the page reports what its CSP blocked.
  await context.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective}: ${event.blockedURI}`),
    )
  })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location().url
      consoleErrors.push(where ? `${message.text()} (${where})` : message.text())
    }
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))
  await page.goto(bridge.url)
  return {
    temp,
    bridge,
    context,
    page,
    calls,
    consoleErrors,
    cspViolations: () =>
      page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]),
    close: async () => {
      await context.close()
      await bridge.close()
      temp.dispose()
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
