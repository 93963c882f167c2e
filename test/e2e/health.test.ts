// The Health dashboard in real Chromium against a real core and loopback providers: the empty state,
// then a history of checks (one connection that broke overnight, one that keeps working, one slow),
// "Check all now" with its progress arriving through the push channel (bridge SSE), failing first, and
// the detail drawer — with screenshots, and no CSP violation or console error on the way.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { healthDefinition } from '../support/health.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'

let browser: Browser
let app: RunningApp | undefined
let provider: Provider | undefined
beforeAll(async () => (browser = await launchChromium()))
afterAll(async () => browser?.close())
afterEach(async () => {
  await app?.close()
  await provider?.close()
  app = undefined
  provider = undefined
})

const openHealth = async (a: RunningApp) =>
  a.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Health/ })
    .click()

describe('the Health page in Chromium', () => {
  it('shows its empty state without connections', async () => {
    app = await startApp(browser)
    await openHealth(app)
    await app.page.getByText('No health checks yet').waitFor()
    await screenshot(app.page, 'health-empty')
  })

  it('checks all now with live progress, failing first, and shows a check in full', async () => {
    const p = await startProvider()
    provider = p
    let revoked = false
    p.route('GET', '/stripe/me', json(200, { id: 'acct_1' }))
    p.route('GET', '/xero/me', (req, res) => {
      if (revoked)
        json(401, { message: 'The API key was revoked by its owner' })(req, res, undefined as never)
      else json(200, { id: 'org_1' })(req, res, undefined as never)
    })
    p.route('GET', '/slow/me', (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1500)
    })
    app = await startApp(browser, {
      prepare: async ({ core }) => {
        await core.vault.setup('correct horse battery staple')
        core.clients.create({ name: 'Acme Bakery' })
        core.clients.create({ name: 'Globex' })
        const report = await core.definitions.importFiles([
          { name: 'svc.json', content: JSON.stringify(healthDefinition()) },
        ])
        expect(report.rejected).toBe(0)
        const add = (
          id: string,
          clientId: string,
          path: string,
          label: string,
          env: 'production' | 'sandbox',
        ) =>
          core.connections.create({
            id,
            clientId,
            integrationId: 'svc',
            environment: env,
            label,
            config: { baseUrl: `${p.url}${path}` },
            secrets: { apiKey: `key-${id}` },
          })
        add('acme-payments', 'acme-bakery', '/stripe', 'Payments', 'production')
        add('acme-accounts', 'acme-bakery', '/xero', 'Accounting', 'production')
        add('globex-payments', 'globex', '/stripe', 'Payments', 'sandbox')
        // A night of checks: accounting worked, then its key was revoked.
        for (let i = 0; i < 6; i++) await core.health.checkNow({ clientId: 'acme-bakery' })
        revoked = true
        await core.health.checkNow({ clientId: 'acme-bakery' })
        add('globex-reports', 'globex', '/slow', 'Reports (slow API)', 'production')
      },
    })
    const { page } = app
    await openHealth(app)
    const card = (id: string) => page.getByTestId(`health-card-${id}`)
    await card('acme-accounts').waitFor()
    expect(await card('acme-accounts').getAttribute('data-status')).toBe('failing')
    await page.getByRole('alert').filter({ hasText: 'started failing' }).waitFor()

    await page.getByRole('button', { name: 'Check all now' }).click()
    // Progress arrives through the push channel while the slow provider holds one check back.
    await page.getByText(/Checking \d of 4/).waitFor()
    await screenshot(page, 'health-progress')
    await page.getByLabel('Check progress').waitFor({ state: 'detached', timeout: 30_000 })
    await expect
      .poll(() => card('globex-reports').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('healthy')

    // Failing first: Acme (with a failure) before Globex; within Acme, Accounting before Payments.
    const ids = await page
      .getByTestId(/^health-card-/)
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')))
    expect(ids).toEqual([
      'health-card-acme-accounts',
      'health-card-acme-payments',
      'health-card-globex-payments',
      'health-card-globex-reports',
    ])
    await page.waitForTimeout(300)
    await screenshot(page, 'health-dashboard')

    await page.getByRole('button', { name: 'History of acme-accounts' }).click()
    const drawer = page.getByRole('dialog')
    await drawer.getByText('Connectivity').first().waitFor()
    await drawer
      .getByText(/The API key was revoked by its owner/)
      .first()
      .waitFor()
    await page.waitForTimeout(400)
    await drawer.screenshot({ path: join(screenshotDir, 'health-detail.png') })
    await page.keyboard.press('Escape')

    expect(await app.cspViolations()).toEqual([])
    expect(app.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
  })
})
