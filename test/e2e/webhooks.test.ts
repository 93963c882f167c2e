// The webhook inspector in real Chromium against a real core: a Stripe connection with its signing
// secret, the receiver started from the page, events signed by stripe-node posted to it, the list
// updating live through the push channel (bridge SSE), the detail with headers, body and verdict,
// and a replay — with screenshots, and no CSP violation or console error on the way.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'

let browser: Browser
let app: RunningApp | undefined
beforeAll(async () => (browser = await launchChromium()))
afterAll(async () => browser?.close())
afterEach(async () => {
  await app?.temp.core.webhooks.close()
  await app?.close()
  app = undefined
})

const signingSecret = 'whsec_e2e_signing_secret'
const stripe = new Stripe('sk_test_unused')

describe('the Webhooks page in Chromium', () => {
  it('shows its empty state when no connection receives webhooks', async () => {
    app = await startApp(browser)
    await app.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Webhooks/ })
      .click()
    await app.page.getByText('No connection receives webhooks').waitFor()
    await screenshot(app.page, 'webhooks-empty')
  })

  it('starts a receiver, lists events live, shows one in full and replays it', async () => {
    const forwarded: string[] = []
    const target = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      request.on('end', () => (forwarded.push(body), response.writeHead(200).end()))
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`
    try {
      app = await startApp(browser, {
        prepare: async ({ core }) => {
          await core.vault.setup('correct horse battery staple')
          core.clients.create({ name: 'Acme' })
          core.connections.create({
            clientId: 'acme',
            integrationId: 'stripe',
            environment: 'sandbox',
            id: 'stripe-acme',
            secrets: { apiKey: 'sk_test_E2EkeyWebhooks000004242', webhookSecret: signingSecret },
          })
        },
      })
      const { page } = app
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /Webhooks/ })
        .click()
      await page.getByText('No events yet').waitFor()

      await page.getByLabel('Forward accepted events to').fill(targetUrl)
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.getByText('Saved').waitFor()
      await page.getByRole('button', { name: 'Start receiver' }).click()
      const url = (await page.getByTestId('receiver-url').textContent())!
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)

      const send = async (id: string, type: string, secret = signingSecret) => {
        const body = JSON.stringify({
          id,
          object: 'event',
          type,
          data: { object: { id: `ch_${id}`, amount: 4200 } },
        })
        const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret })
        return fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': header },
          body,
        })
      }
      expect((await send('evt_e2e_1', 'charge.succeeded')).status).toBe(200)
      expect((await send('evt_e2e_2', 'customer.created')).status).toBe(200)
      expect((await send('evt_e2e_forged', 'charge.refunded', 'whsec_wrong')).status).toBe(401)

      // No reload: the rows arrive through the push channel.
      const rows = page.getByRole('table', { name: 'Received events' }).getByRole('button')
      await page.getByRole('button', { name: /charge\.refunded/ }).waitFor()
      expect(await rows.count()).toBe(3)
      await page.getByText('Refused: mismatch').waitFor()
      await page
        .getByRole('button', { name: /customer\.created/ })
        .getByText('Delivered')
        .waitFor()
      await page.waitForTimeout(300)
      await screenshot(page, 'webhooks-events')

      await page.getByRole('button', { name: /charge\.succeeded/ }).click()
      const drawer = page.getByRole('dialog', { name: /Event \d+/ })
      await drawer.getByText('stripe-signature').waitFor()
      await drawer.getByText('"evt_e2e_1"').waitFor()
      await page.waitForTimeout(400)
      await drawer.screenshot({ path: join(screenshotDir, 'webhooks-detail.png') })
      const before = forwarded.filter((body) => body.includes('evt_e2e_1')).length
      await drawer.getByRole('button', { name: 'Replay delivery' }).click()
      await drawer.getByText('Queued again').waitFor()
      const start = Date.now()
      while (
        forwarded.filter((body) => body.includes('evt_e2e_1')).length <= before &&
        Date.now() - start < 60_000
      )
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(forwarded.filter((body) => body.includes('evt_e2e_1')).length).toBe(before + 1)
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: 'Stop receiver' }).click()
      await page.getByRole('button', { name: 'Start receiver' }).waitFor()
      expect(await app.cspViolations()).toEqual([])
      expect(app.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
    } finally {
      target.close()
    }
  })
})
