// OAuth sign-in in real Chromium against a real authorization server (oidc-provider): the connection's
// page asks the core to start the sign-in, shows the address the system browser would open (the test
// host opens nothing), a second browser page logs in and consents there, and the page then shows the
// account and the granted (and missing) scopes; Disconnect revokes the tokens and says so.
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  loginAndConsent,
  nativeClientId,
  newPage,
  oauthDefinition,
  startOidcServer,
  type OidcServer,
} from '../support/oidc-server.ts'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

let browser: Browser
let server: OidcServer
let app: RunningApp | undefined
beforeAll(async () => {
  if (skipWithoutBrowser) return
  browser = await launchChromium()
  server = await startOidcServer()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})
afterEach(async () => app?.close())

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(300)
  await screenshot(page, name)
}

async function shotOf(locator: Locator, name: string) {
  await locator.page().waitForTimeout(300)
  await locator.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

describe.skipIf(skipWithoutBrowser)('OAuth sign-in in Chromium', () => {
  it('signs a connection in through the provider’s pages, shows account and scopes, and disconnects', async () => {
    let connectionId = ''
    app = await startApp(browser, {
      prepare: async (temp) => {
        await temp.core.vault.setup('correct horse battery staple')
        const definition = oauthDefinition(
          'northwind',
          {
            issuer: server.issuer,
            tokenUrl: `${server.issuer}/token`,
            // "calendar" is unknown to the server: it is not granted, and the page says so.
            scopes: ['openid', 'email', 'offline_access', 'api:read', 'calendar'],
            clientAuthMethod: 'none',
          },
          { name: 'Northwind' },
        )
        const report = await temp.core.definitions.importFiles([
          { name: 'northwind.json', content: JSON.stringify(definition) },
        ])
        expect(report.rejected).toBeFalsy()
        const client = temp.core.clients.create({ name: 'Acme Corp' })
        connectionId = temp.core.connections.create({
          clientId: client.id,
          integrationId: 'northwind',
          environment: 'production',
        }).id
        temp.core.auth.apps.set({ integrationId: 'northwind', clientId: nativeClientId })
      },
    })
    const { page } = app
    await page.goto(`${app.bridge.url}#/connections/${connectionId}`)
    const card = page.getByRole('region', { name: 'Sign-in' })
    await card.getByText('Not signed in', { exact: true }).waitFor()

    await card.getByRole('button', { name: 'Sign in with Northwind' }).click()
    const waiting = card.getByRole('region', { name: 'Waiting for the browser' })
    await waiting.getByText('Finish signing in in your browser').waitFor()
    const authorizationUrl = await waiting
      .getByRole('link', { name: 'Authorization URL' })
      .getAttribute('href')
    expect(authorizationUrl).toMatch(new RegExp(`^${server.issuer}/`))
    await shot(page, 'sign-in-waiting')

    // The "system browser": another page of the same Chromium.
    const provider = await newPage(browser)
    try {
      await loginAndConsent(provider, authorizationUrl ?? '')
      await provider.waitForURL(/127\.0\.0\.1:\d+\/callback/)
    } finally {
      await provider.context().close()
    }

    await card.getByText('ada@example.test').waitFor({ timeout: 45_000 })
    const granted = card.getByRole('list', { name: 'Granted scopes' })
    for (const scope of ['openid', 'email', 'api:read'])
      await granted.getByText(scope, { exact: true }).waitFor()
    await card.getByText('Some scopes were not granted').waitFor()
    await card.getByRole('list', { name: 'Missing scopes' }).getByText('calendar').waitFor()
    await card.getByText('Automatic (refresh token)').waitFor()
    await card.getByText(/^in \d+ minutes? \(/).waitFor()
    expect(app.temp.core.auth.status(connectionId)).toMatchObject({
      signedIn: true,
      account: 'ada@example.test',
    })
    await shotOf(card, 'sign-in-signed-in-card')
    await shot(page, 'sign-in-signed-in-detail')

    await card.getByRole('button', { name: 'Disconnect' }).click()
    const confirm = page.getByRole('dialog', { name: 'Disconnect from Northwind?' })
    await confirm.getByRole('button', { name: 'Disconnect' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await card.getByText('The tokens were revoked at Northwind and deleted from Switchboard.').waitFor()
    await card.getByText('Not signed in', { exact: true }).waitFor()
    expect(server.revocations().length).toBeGreaterThan(0)
    await shotOf(card, 'sign-in-disconnected-card')

    expect(await app.cspViolations()).toEqual([])
    expect(app.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
  })
})
