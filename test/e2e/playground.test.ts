// The Playground in real Chromium against a real core and a loopback provider started here: pick the
// connection and method, fill the generated form, run it with Ctrl+Enter, see status, output and its
// validation, look at the request as sent (the API key masked), copy it as curl, re-run from the
// history — and the connection page's "Test now" running the health check for real. Screenshots at
// 1440 px, light and dark; no CSP violation or console error on the way.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TempCore } from '../support/temp-core.ts'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'

const apiKey = 'lk_test_51SecretPlaygroundKey7788'

interface Received {
  method: string
  path: string
  query: Record<string, string>
  apiKey: string | undefined
  body: unknown
}

/** A small invoicing API on 127.0.0.1 that records what reaches it and refuses a wrong key. */
async function startProvider(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const readBody = async (request: IncomingMessage) => {
    let text = ''
    for await (const chunk of request) text += String(chunk)
    return text ? (JSON.parse(text) as unknown) : null
  }
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const body = await readBody(request)
      const key = request.headers['x-api-key']
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        apiKey: typeof key === 'string' ? key : undefined,
        body,
      })
      const send = (status: number, value: unknown) => {
        response.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': `req_${received.length}`,
        })
        response.end(JSON.stringify(value))
      }
      if (key !== apiKey) return send(401, { error: 'invalid api key' })
      if (request.method === 'GET' && url.pathname === '/v1/invoices')
        return send(200, {
          data: [
            { id: 'inv_1', customer: 'cus_ada', amount: 1200, status: 'paid' },
            { id: 'inv_2', customer: 'cus_grace', amount: 450, status: 'open' },
          ].filter(
            (invoice) => !url.searchParams.get('status') || invoice.status === url.searchParams.get('status'),
          ),
        })
      if (request.method === 'POST' && url.pathname === '/v1/invoices') {
        const input = body as { customer: string; amount: number; memo?: string }
        return send(201, { id: `inv_${received.length + 100}`, status: 'open', ...input })
      }
      send(404, { error: 'not found' })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

const ledgerly = (baseUrl: string) => ({
  integrationId: 'ledgerly',
  name: 'Ledgerly',
  description: 'Invoices for the Playground tests.',
  version: '1.0.0',
  category: 'accounting',
  docsUrl: 'https://docs.example.com/ledgerly',
  authType: 'apikey',
  apiKeyConfig: { in: 'header', name: 'X-Api-Key' },
  api: { baseUrl: { production: baseUrl, sandbox: baseUrl } },
  configSchema: { type: 'object', properties: {} },
  secretSchema: {
    type: 'object',
    properties: { apiKey: { type: 'string', title: 'API key' } },
    required: ['apiKey'],
  },
  healthCheck: { method: 'invoices.list' },
  methods: [
    {
      id: 'invoices.list',
      name: 'List invoices',
      description: 'Invoices, optionally by status.',
      kind: 'read',
      inputSchema: {
        type: 'object',
        properties: { status: { type: 'string', title: 'Status', enum: ['open', 'paid'] } },
      },
      outputSchema: {
        type: 'object',
        properties: {
          invoices: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'string' }, amount: { type: 'integer' } },
              required: ['id'],
            },
          },
        },
        required: ['invoices'],
      },
      http: { method: 'GET', path: '/v1/invoices', query: ['status'], response: '{ "invoices": data }' },
    },
    {
      id: 'invoices.create',
      name: 'Create invoice',
      description: 'Creates an open invoice for a customer.',
      kind: 'write',
      inputSchema: {
        type: 'object',
        properties: {
          customer: { type: 'string', title: 'Customer', minLength: 3 },
          amount: { type: 'integer', title: 'Amount (cents)', minimum: 1 },
          memo: { type: 'string', title: 'Memo' },
        },
        required: ['customer', 'amount'],
      },
      outputSchema: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          customer: { type: 'string' },
          amount: { type: 'integer' },
          status: { type: 'string' },
        },
        required: ['id', 'customer', 'amount', 'status'],
      },
      http: { method: 'POST', path: '/v1/invoices', body: ['customer', 'amount', 'memo'] },
    },
  ],
})

let browser: Browser
let provider: Awaited<ReturnType<typeof startProvider>>
let app: RunningApp | undefined
beforeAll(async () => {
  browser = await launchChromium()
  provider = await startProvider()
})
afterAll(async () => {
  await browser?.close()
  await provider?.close()
})
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A vault, the Ledgerly definition, a client and one connection with its API key. */
async function prepare(temp: TempCore, environment: 'sandbox' | 'production' = 'sandbox'): Promise<string> {
  await temp.core.vault.setup('correct horse battery staple')
  const report = await temp.core.definitions.importFiles([
    { name: 'ledgerly.json', content: JSON.stringify(ledgerly(provider.url)) },
  ])
  expect(report.rejected).toBe(0)
  const client = temp.core.clients.create({ name: 'Acme Corp' })
  return temp.core.connections.create({
    clientId: client.id,
    integrationId: 'ledgerly',
    environment,
    secrets: { apiKey },
  }).id
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(300)
  await screenshot(page, name)
}

async function shotOf(locator: Locator, name: string) {
  await locator.page().waitForTimeout(300)
  await locator.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

async function expectCleanConsole(running: RunningApp) {
  expect(await running.cspViolations()).toEqual([])
  expect(running.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

/** The Playground's picker of that label (a Mantine Select). */
const picker = (page: Page, label: string) =>
  page.getByRole('region', { name: 'What to run' }).getByLabel(label, { exact: true })

async function pick(page: Page, label: string, option: string | RegExp) {
  await picker(page, label).click()
  await page.getByRole('option', { name: option }).click()
}

/** A SegmentedControl's option, by its text (the radio input itself is hidden). */
const segment = (scope: Locator, name: string) =>
  scope.locator('label').filter({ hasText: new RegExp(`^${name}$`) })

// A busy two-core machine takes ~40 s for the longest of these: three times that and some.
describe('the Playground in Chromium', { timeout: 150_000 }, () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`fills a form, runs it, copies the curl command and re-runs it from the history (${colorScheme})`, async () => {
      let connectionId = ''
      app = await startApp(browser, {
        colorScheme,
        prepare: async (temp) => void (connectionId = await prepare(temp)),
      })
      const { page, context } = app
      await page.setViewportSize({ width: 1440, height: 900 })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.bridge.url })
      const before = provider.received.length

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /Playground/ })
        .click()
      await page.getByText('Pick a connection').waitFor()
      await shot(page, `playground-empty-${colorScheme}`)

      // Client → its only connection is picked → method.
      await pick(page, 'Client', 'Acme Corp')
      expect(await picker(page, 'Connection').inputValue()).toBe('Ledgerly')
      await page.getByText('Choose a method').waitFor()
      await pick(page, 'Method', /^Create invoice/)
      expect(page.url()).toContain(`#/playground/${connectionId}/invoices.create`)

      // The generated form, checked by the CSP-safe validator as fields are left.
      const input = page.getByRole('region', { name: 'Method and input' })
      const customer = input.getByRole('textbox', { name: /^Customer/ })
      await customer.waitFor({ timeout: 15_000 })
      await customer.fill('cu')
      await customer.blur()
      await input.getByText('Customer must be at least 3 characters long.').first().waitFor()
      await customer.fill('cus_ada')
      await input.getByRole('textbox', { name: /^Amount/ }).fill('4200')
      await input.getByRole('textbox', { name: /^Memo/ }).fill('November retainer')
      await input.getByRole('textbox', { name: /^Memo/ }).blur()
      await shot(page, `playground-form-${colorScheme}`)

      // The same value as JSON, and back.
      await segment(input, 'JSON').click()
      const json = input.getByRole('textbox', { name: 'Input as JSON' })
      expect(JSON.parse(await json.inputValue())).toEqual({
        customer: 'cus_ada',
        amount: 4200,
        memo: 'November retainer',
      })
      await segment(input, 'Form').click()
      await customer.waitFor()

      // Ctrl/⌘+Enter runs it, from inside a text field too.
      await customer.focus()
      await page.keyboard.press(`${mod}+Enter`)
      const response = page.getByRole('region', { name: 'Response' })
      await response.getByLabel('Status 201').waitFor({ timeout: 20_000 })
      await response.getByText('The output matches the method’s output schema.').waitFor()
      await response.getByText('"cus_ada"').first().waitFor()
      const arrived = provider.received.slice(before)
      expect(arrived).toEqual([
        {
          method: 'POST',
          path: '/v1/invoices',
          query: {},
          apiKey,
          body: { customer: 'cus_ada', amount: 4200, memo: 'November retainer' },
        },
      ])
      await shot(page, `playground-response-${colorScheme}`)

      // The request as sent: the key masked, and so in the curl command.
      const result = page.getByRole('region', { name: 'Result' })
      await result.getByRole('tab', { name: 'Request' }).click()
      const request = page.getByRole('region', { name: 'Request' })
      await request.getByLabel('Request URL').getByText(`${provider.url}/v1/invoices`).waitFor()
      const curl = request.getByLabel('curl snippet')
      expect(await curl.textContent()).toContain(`--url ${provider.url}/v1/invoices`)
      await request.getByRole('button', { name: 'Copy as curl' }).click()
      await request.getByRole('button', { name: 'Copied' }).waitFor()
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      expect(copied).toMatch(/^curl --request POST/)
      // The core masks the key where it recorded it; the snippet carries that mask.
      expect(copied).toMatch(/--header 'x-api-key: \*+'/i)
      expect(copied).toContain('"customer": "cus_ada"')
      expect(copied).not.toContain(apiKey)
      expect(await page.content()).not.toContain(apiKey)
      await shotOf(result, `playground-request-${colorScheme}`)

      // History: the call is there; "Run again" sends the same input once more.
      await result.getByRole('tab', { name: /History/ }).click()
      const history = page.getByRole('region', { name: 'History' })
      await history.getByRole('button', { name: 'Run Create invoice again' }).first().click()
      await response.getByLabel('Status 201').waitFor({ timeout: 20_000 })
      await expect.poll(() => provider.received.length - before).toBe(2)
      expect(provider.received.at(-1)?.body).toEqual({
        customer: 'cus_ada',
        amount: 4200,
        memo: 'November retainer',
      })
      await result.getByRole('tab', { name: 'History (2)' }).click()
      await history.getByRole('searchbox', { name: 'Search history' }).fill('retainer')
      expect(await history.getByRole('button', { name: 'Run Create invoice again' }).count()).toBe(2)
      await history.getByRole('searchbox', { name: 'Search history' }).fill('nothing like it')
      await history.getByText('No call matches').waitFor()
      await history.getByRole('searchbox', { name: 'Search history' }).fill('')
      await shot(page, `playground-history-${colorScheme}`)

      await expectCleanConsole(app)
    })
  }

  it('asks before a write on a production connection, naming the client', async () => {
    let connectionId = ''
    app = await startApp(browser, {
      prepare: async (temp) => void (connectionId = await prepare(temp, 'production')),
    })
    const { page } = app
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(`${app.bridge.url}#/playground/${connectionId}/invoices.create`)
    const input = page.getByRole('region', { name: 'Method and input' })
    await segment(input, 'JSON').click()
    await input.getByRole('textbox', { name: 'Input as JSON' }).fill('{"customer": "cus_live", "amount": 1}')
    const before = provider.received.length
    await input.getByRole('button', { name: /^Run/ }).click()
    const confirm = page.getByRole('dialog', { name: 'Run on Acme Corp’s production Ledgerly?' })
    await confirm.waitFor()
    await shotOf(confirm, 'playground-production-confirm')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'hidden' })
    expect(provider.received.length).toBe(before)
    await input.getByRole('button', { name: /^Run/ }).click()
    await confirm.getByRole('button', { name: 'Change Acme Corp’s data' }).click()
    await page.getByRole('region', { name: 'Response' }).getByLabel('Status 201').waitFor({ timeout: 20_000 })
    expect(provider.received.length).toBe(before + 1)
    await expectCleanConsole(app)
  })

  it('tests a connection for real from its page: untested, then healthy', async () => {
    let connectionId = ''
    app = await startApp(browser, { prepare: async (temp) => void (connectionId = await prepare(temp)) })
    const { page } = app
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(`${app.bridge.url}#/connections/${connectionId}`)
    const health = page.getByRole('region', { name: 'Health' })
    await health.getByLabel('Health: untested').waitFor()
    const before = provider.received.length
    await health.getByRole('button', { name: 'Test now' }).click()
    await health.getByRole('alert', { name: 'The test passed' }).waitFor({ timeout: 20_000 })
    await health.getByLabel('Health: healthy').waitFor()
    expect(provider.received.slice(before)).toMatchObject([{ method: 'GET', path: '/v1/invoices', apiKey }])
    await shot(page, 'connection-test-now')
    await expectCleanConsole(app)
  })
})
