// The Connections page in real Chromium, under the app's Content-Security-Policy, against a real core:
// the vault set-up dialog, the wizard step by step (a new client and a Stripe sandbox connection),
// the list with sandbox and production, the connection's page and the Settings card for secret
// protection — with screenshots of each, and no CSP violation or console error on the way.
import type { Locator, Page } from 'playwright-core'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'
import type { Browser } from 'playwright-core'
import { skipWithoutBrowser } from '../support/browser.ts'

let browser: Browser
let app: RunningApp
beforeAll(async () => {
  if (!skipWithoutBrowser) browser = await launchChromium()
})
afterAll(async () => browser?.close())
afterEach(async () => app?.close())

const passphrase = 'correct horse battery staple'
const sandboxKey = 'sk_test_51HsandboxKeyE2E00004242'
const liveKey = 'sk_live_51HliveKeyE2E0000009999'

/** A full-page screenshot from the top, once transitions have settled. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(300)
  await screenshot(page, name)
}

/** A screenshot of one dialog or card, once its opening transition is over. */
async function shotOf(locator: Locator, name: string) {
  await locator.page().waitForTimeout(300)
  await locator.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

/** Nothing the CSP refused, nothing thrown, nothing logged as an error. */
async function expectCleanConsole(running: RunningApp) {
  expect(await running.cspViolations()).toEqual([])
  // Chromium asks for /favicon.ico, which the app does not have (Electron never asks).
  expect(running.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
}

const wizardStep = (page: Page, n: number) =>
  page.getByRole('region', { name: new RegExp(`^Step ${n} of 6`) })

describe.skipIf(skipWithoutBrowser)('the Connections page in Chromium', () => {
  it('creates a client and a sandbox connection through the wizard, and finds it on the Connections page', async () => {
    app = await startApp(browser)
    const { page } = app
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Connections/ })
      .click()

    // No OS keyring behind the test core: the vault asks for a passphrase first.
    const setup = page.getByRole('dialog', { name: 'Create your secrets vault' })
    await setup.waitFor()
    await setup.getByText('No OS keyring is available on this computer').waitFor()
    await setup.getByRole('button', { name: 'Create vault' }).click()
    await setup.getByText(/Use at least 10 characters/).waitFor()
    await setup.locator('input[type="password"]').nth(0).fill(passphrase)
    await setup.getByLabel(/^Confirm passphrase/).fill(passphrase)
    await shotOf(setup, 'connections-vault-setup-dialog')
    await setup.getByRole('button', { name: 'Create vault' }).click()
    await setup.waitFor({ state: 'hidden' })
    expect(app.temp.core.vault.status().state).toBe('unlocked')

    await page.getByText('No clients or connections yet').waitFor()
    await shot(page, 'connections-empty')

    // 1: the integration.
    await page.getByRole('button', { name: 'New connection' }).first().click()
    await page.getByRole('heading', { name: 'New connection', level: 2 }).waitFor()
    await page.getByRole('searchbox', { name: 'Search integrations' }).fill('stripe')
    await page.getByRole('button', { name: /^Stripe/ }).click()
    expect(await page.getByRole('button', { name: /^Stripe/ }).getAttribute('aria-pressed')).toBe('true')
    await shot(page, 'wizard-1-integration')
    await page.getByRole('button', { name: 'Next' }).click()

    // 2: a new client, sandbox.
    await wizardStep(page, 2).waitFor()
    await page.getByRole('textbox', { name: /Client name/ }).fill('Acme Corp')
    await page
      .getByRole('textbox', { name: /Notes/ })
      .fill('Payments and invoicing; contact: Jane (finance).')
    expect(await page.getByRole('radio', { name: 'Sandbox' }).getAttribute('aria-checked')).toBe('true')
    await shot(page, 'wizard-2-client')
    await page.getByRole('button', { name: 'Next' }).click()

    // 3: settings, checked as fields are left (the CSP-safe validator at work).
    const settings = wizardStep(page, 3)
    const account = settings.getByRole('textbox', { name: /Connected account/ })
    await account.fill('cus_123')
    await account.blur()
    await settings.getByText('Connected account must start with acct_').first().waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    await settings.waitFor()
    await shot(page, 'wizard-3-settings-error')
    await account.fill('acct_1Example')
    await account.blur()
    await settings.getByText('Connected account must start with acct_').first().waitFor({ state: 'hidden' })
    await shot(page, 'wizard-3-settings')
    await page.getByRole('button', { name: 'Next' }).click()

    // 4: credentials, in password fields.
    const credentials = wizardStep(page, 4)
    const key = credentials.getByLabel(/Secret key/)
    await key.fill(sandboxKey)
    expect(await key.getAttribute('type')).toBe('password')
    // The field's own description says what goes in it.
    await credentials.getByText('sk_test_… for sandbox', { exact: false }).waitFor()
    await shot(page, 'wizard-4-credentials')
    await page.getByRole('button', { name: 'Next' }).click()

    // 5: review, with a label.
    const review = wizardStep(page, 5)
    await review.getByText('Secret key: entered').waitFor()
    await review.getByRole('textbox', { name: /Label/ }).fill('Payments')
    await shot(page, 'wizard-5-review')
    expect(await page.content()).not.toContain(sandboxKey)
    await page.getByRole('button', { name: 'Create connection' }).click()

    // 6: saved; the health check is named and runs only when asked (Stripe is not reachable here).
    const test = wizardStep(page, 6)
    await test.getByText('Connection saved').waitFor()
    await test.getByText(/calls balance\.retrieve/).waitFor()
    await shot(page, 'wizard-6-test')
    await test.getByRole('button', { name: 'Finish without testing' }).click()

    // On the Connections page, under its client, marked sandbox.
    const group = page.getByRole('region', { name: 'Acme Corp' })
    await group.waitFor()
    await group.getByRole('link', { name: 'Payments' }).waitFor()
    await group.getByText('conn_stripe_acme-corp_sandbox').waitFor()
    await group.getByLabel('Environment: sandbox').waitFor()
    expect(app.calls).toEqual(expect.arrayContaining(['clients.create', 'connections.create']))

    // Duplicate to production, with its own key.
    await group.getByRole('button', { name: 'Actions for Payments (Stripe) (sandbox)' }).click()
    await page.getByRole('menuitem', { name: /Duplicate to production/ }).click()
    await page.getByRole('dialog', { name: /Duplicate Payments \(Stripe\) to production/ }).waitFor()
    // Once created, the same dialog asks for the copy's credentials (under another title).
    const duplicate = page.getByRole('dialog')
    await duplicate.getByRole('button', { name: 'Create production copy' }).click()
    await duplicate.getByText('Enter its credentials now?').waitFor()
    await duplicate.getByLabel(/Secret key/).fill(liveKey)
    await shotOf(duplicate, 'connections-duplicate-credentials')
    await duplicate.getByRole('button', { name: 'Save credentials' }).click()
    await duplicate.waitFor({ state: 'hidden' })
    await group.getByLabel('Environment: production').waitFor()
    await expect.poll(() => group.getByRole('row').count()).toBe(3)
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await shot(page, 'connections-list')

    // The connection's page: settings, masked hints, details.
    await group
      .getByRole('row')
      .filter({ hasText: 'conn_stripe_acme-corp_sandbox' })
      .getByRole('link')
      .click()
    await page.getByRole('heading', { name: 'Payments', level: 2 }).waitFor()
    const hints = page.getByRole('region', { name: 'Credentials' })
    await hints.getByText('sk_test_…4242').waitFor()
    await page
      .getByRole('region', { name: 'Settings' })
      .getByRole('textbox', { name: /Connected account/ })
      .waitFor()
    await shot(page, 'connection-detail')
    const html = await page.content()
    expect(html).not.toContain(sandboxKey)
    expect(html).not.toContain(liveKey)

    // Settings: how the secrets are protected.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Settings/ })
      .click()
    const protection = page.getByRole('region', { name: 'Secret protection' })
    await protection.getByText('Unlocked', { exact: true }).waitFor()
    await protection.getByText('Passphrase', { exact: true }).first().waitFor()
    await shotOf(protection, 'settings-secret-protection')
    await shot(page, 'settings-page')

    await expectCleanConsole(app)
  })

  it('unlocks a locked vault, and refuses a wrong passphrase inline', async () => {
    app = await startApp(browser, {
      prepare: async (temp) => {
        await temp.core.vault.setup(passphrase)
        const client = temp.core.clients.create({ name: 'Globex', notes: 'Retainer until March.' })
        temp.core.connections.create({
          clientId: client.id,
          integrationId: 'stripe',
          environment: 'production',
          secrets: { apiKey: liveKey },
        })
        temp.core.connections.create({ clientId: client.id, integrationId: 'slack', environment: 'sandbox' })
        temp.core.vault.lock()
      },
    })
    const { page } = app
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Connections/ })
      .click()
    const unlock = page.getByRole('dialog', { name: 'Unlock your secrets vault' })
    await unlock.getByLabel(/Vault passphrase/).fill('not the passphrase')
    await unlock.getByRole('button', { name: 'Unlock' }).click()
    await unlock.getByText(/Wrong passphrase/).waitFor()
    await shotOf(unlock, 'connections-vault-unlock-wrong')
    // Dismissed, the list stays readable and shows the locked connection; the banner offers to unlock.
    await page.keyboard.press('Escape')
    await unlock.waitFor({ state: 'hidden' })
    const group = page.getByRole('region', { name: 'Globex' })
    await group.getByText('locked').waitFor()
    await group.getByText('sign-in-needed').waitFor()
    await shot(page, 'connections-locked')
    await page.getByRole('button', { name: 'Unlock', exact: true }).click()
    await unlock.getByLabel(/Vault passphrase/).fill(passphrase)
    await unlock.getByRole('button', { name: 'Unlock' }).click()
    await unlock.waitFor({ state: 'hidden' })
    // Usable again, but never checked: honest, not green.
    await group.getByText('untested', { exact: true }).waitFor()
    expect(await page.content()).not.toContain(liveKey)
    await expectCleanConsole(app)
  })

  for (const scheme of ['light', 'dark'] as const)
    it(`reviews an upgrade in the new version’s settings form and applies it (${scheme})`, async () => {
      const version = (v: string, strict: boolean) => ({
        integrationId: 'acme-widgets',
        name: 'Acme Widgets',
        description: 'Widgets for the E2E.',
        version: v,
        authType: 'apikey',
        apiKeyConfig: { in: 'header', name: 'X-Api-Key' },
        configSchema: {
          type: 'object',
          properties: {
            region: { type: 'string', title: 'Region', ...(strict ? { enum: ['eu', 'us'] } : {}) },
            ...(strict ? { tenant: { type: 'string', title: 'Tenant', minLength: 1 } } : {}),
          },
          ...(strict ? { required: ['tenant'] } : {}),
        },
        methods: [
          {
            id: 'things.list',
            name: 'List things',
            description: 'Every thing.',
            inputSchema: { type: 'object', properties: {} },
            outputSchema: { type: 'object', properties: {} },
          },
        ],
      })
      app = await startApp(browser, {
        colorScheme: scheme,
        prepare: async (temp) => {
          await temp.core.vault.setup(passphrase)
          const client = temp.core.clients.create({ name: 'Acme Corp' })
          const file = (v: string, strict: boolean) => ({
            name: `acme-${v}.json`,
            content: JSON.stringify(version(v, strict)),
          })
          await temp.core.definitions.importFiles([file('1.0.0', false)])
          temp.core.connections.create({
            clientId: client.id,
            integrationId: 'acme-widgets',
            environment: 'sandbox',
            config: { region: 'mars' },
          })
          await temp.core.definitions.importFiles([file('1.1.0', true)])
        },
      })
      const { page } = app
      const id = 'conn_acme-widgets_acme-corp_sandbox'
      await page.goto(`${app.bridge.url}#/connections/${id}`)
      await page.getByRole('button', { name: 'Review upgrade' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Review upgrade' })
      const settings = dialog.getByRole('group', { name: 'Settings in 1.1.0' })
      await settings.getByRole('combobox', { name: /Region/ }).waitFor()
      for (const width of [1440, 900]) {
        await page.setViewportSize({ width, height: 900 })
        await shotOf(dialog, `connections-upgrade-${scheme}-${width}`)
      }
      await settings.getByRole('combobox', { name: /Region/ }).click()
      await page.getByRole('option', { name: 'eu' }).click()
      await settings.getByRole('textbox', { name: /Tenant/ }).fill('t-1')
      await dialog.getByRole('button', { name: 'Apply upgrade to 1.1.0' }).click()
      await dialog.waitFor({ state: 'hidden' })
      expect(app.temp.core.connections.get(id)).toMatchObject({
        definitionVersion: '1.1.0',
        config: { region: 'eu', tenant: 't-1' },
      })
      await expectCleanConsole(app)
    })
})
