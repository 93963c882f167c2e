// The real renderer in real Chromium over the bridge: walk every page (screenshots under
// test-results/screenshots), and check the security promises that a browser enforces.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pages } from '../../src-renderer/routes.tsx'
import { launchChromium, screenshot, startApp, type RunningApp } from './harness.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

let browser: Browser
let app: RunningApp
beforeAll(async () => {
  if (!skipWithoutBrowser) browser = await launchChromium()
})
afterAll(async () => browser?.close())
afterEach(async () => app?.close())

describe.skipIf(skipWithoutBrowser)('the app in Chromium', () => {
  it('opens the shell and walks every page', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.getByRole('heading', { name: 'Switchboard', level: 1 }).waitFor()
    for (const route of pages) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: route.label }).click()
      await page.getByRole('heading', { name: route.label, level: 2 }).waitFor()
      expect(page.url()).toContain(`#${route.path}`)
      if (route.path === '/connections') {
        // A fresh data folder: the vault offers to be set up on arrival; dismissed, a banner remains.
        const vault = page.getByRole('dialog', { name: 'Create your secrets vault' })
        await vault.waitFor()
        await page.keyboard.press('Escape')
        await vault.waitFor({ state: 'hidden' })
      }
      await page.waitForLoadState('networkidle')
      await screenshot(page, `page-${route.label.toLowerCase()}`)
    }
    // Settings came from the core, over the bridge.
    await page.getByText(app.temp.dataDir, { exact: true }).waitFor()
    expect(app.calls).toContain('app.info')
  })

  it('follows a dark OS theme', async () => {
    app = await startApp(browser, { colorScheme: 'dark' })
    await app.page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    expect(await app.page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark')
    await app.page.getByRole('link', { name: /Settings/ }).click()
    await app.page.getByText(app.temp.dataDir, { exact: true }).waitFor()
    await screenshot(app.page, 'dark-settings')
  })

  it('is usable from the keyboard', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    await page.keyboard.press('Control+6')
    await page.getByRole('heading', { name: 'Audit', level: 2 }).waitFor()
    // The shortcut leaves the focus on the page's heading; Shift+Tab goes back up to the navigation
    // links; Enter follows one.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Audit')
    let focused = ''
    for (let i = 0; i < 12 && !focused.includes('Connections'); i++) {
      await page.keyboard.press('Shift+Tab')
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
    }
    expect(focused).toContain('Connections')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Connections', level: 2 }).waitFor()
  })

  it('shows audit events recorded by the core', async () => {
    app = await startApp(browser)
    app.temp.core.writer.record({ action: 'connection.created', target: 'conn_stripe_acme_sandbox' })
    await app.page.getByRole('link', { name: /Audit/ }).click()
    await app.page.getByText('conn_stripe_acme_sandbox').waitFor()
    await app.page.getByText('Chain intact · 1 event').waitFor()
    await screenshot(app.page, 'audit-with-events')
  })
})

describe.skipIf(skipWithoutBrowser)('security in the browser', () => {
  it('CSP blocks an inline script', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    const result = await page.evaluate(async () => {
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(event.violatedDirective),
      )
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.appendChild(script)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violations }
    })
    expect(result.ran).toBe(false)
    expect(result.violations.some((directive) => directive.startsWith('script-src'))).toBe(true)
  })

  it('rejects a call with bad arguments, naming the argument', async () => {
    app = await startApp(browser)
    await app.page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    const outcome = await app.page.evaluate(() =>
      (
        window as unknown as { switchboard: { audit: { list(a: unknown): Promise<unknown> } } }
      ).switchboard.audit.list({ limit: 'ten' }),
    )
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        details: { issues: [{ path: 'limit', message: 'limit must be a whole number.' }] },
      },
    })
  })

  it('a page from another origin cannot reach the core', async () => {
    app = await startApp(browser)
    await app.page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    const before = app.calls.length
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>evil</body></html>')
    })
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve))
    try {
      const page = await app.context.newPage()
      await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`)
      const attempts = await page.evaluate(async (target) => {
        const results: string[] = []
        for (const mode of ['cors', 'no-cors'] as const) {
          try {
            const response = await fetch(`${target}/__switchboard/rpc/app.info`, {
              method: 'POST',
              mode,
              headers: mode === 'cors' ? { 'content-type': 'application/json' } : {},
              body: '{}',
            })
            results.push(`${mode}:${response.type}:${response.status}`)
          } catch (error) {
            results.push(`${mode}:blocked:${String(error)}`)
          }
        }
        const script = document.createElement('script')
        script.src = `${target}/__switchboard/bridge.js`
        const loaded = await new Promise<boolean>((resolve) => {
          script.onload = () => resolve(true)
          script.onerror = () => resolve(false)
          document.head.appendChild(script)
        })
        results.push(
          `script:${loaded}:${typeof (window as unknown as { switchboard?: unknown }).switchboard}`,
        )
        return results
      }, app.bridge.origin)
      expect(attempts.at(-1)).toBe('script:false:undefined')
      expect(app.calls.length).toBe(before)
    } finally {
      evil.close()
    }
  })
})
