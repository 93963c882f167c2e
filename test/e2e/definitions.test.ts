// The Definitions page in real Chromium, under the app's Content-Security-Policy, against a real core:
// browse, search, read a definition (with its settings form rendered by RJSF), import through the
// file chooser and from a URL, export as downloads, and a catalog of a thousand definitions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, screenshotDir, startApp, type RunningApp } from './harness.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

const referenceFile = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../support/reference', name), 'utf8')) as Record<
    string,
    unknown
  >

let browser: Browser
let app: RunningApp
beforeAll(async () => {
  if (!skipWithoutBrowser) browser = await launchChromium()
})
afterAll(async () => browser?.close())
afterEach(async () => app?.close())

/** A small valid definition. */
function definition(integrationId: string, extra: Record<string, unknown> = {}) {
  return {
    integrationId,
    name: `Acme ${integrationId}`,
    description: `Generated service ${integrationId} for the tests.`,
    version: '1.0.0',
    category: 'testing',
    docsUrl: 'https://docs.example.com/acme',
    authType: 'apikey',
    apiKeyConfig: { in: 'query', name: 'api_key' },
    api: { baseUrl: { production: 'https://api.example.com' } },
    configSchema: { type: 'object', properties: { region: { type: 'string', enum: ['eu', 'us'] } } },
    secretSchema: { type: 'object', properties: { apiKey: { type: 'string' } }, required: ['apiKey'] },
    methods: [
      {
        id: 'things.list',
        name: 'List things',
        description: 'Every thing.',
        kind: 'read',
        inputSchema: { type: 'object', properties: {} },
        outputSchema: { type: 'object', properties: { things: { type: 'array' } } },
        http: { method: 'GET', path: '/things' },
      },
    ],
    ...extra,
  }
}

const catalog = (page: Page) => page.getByRole('listbox', { name: 'Definitions' })
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search definitions' })

/** A full-page screenshot from the top, once transitions have settled. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(300)
  await screenshot(page, name)
}

/** Nothing the CSP refused, nothing thrown, nothing logged as an error. */
async function expectCleanConsole(running: RunningApp) {
  expect(await running.cspViolations()).toEqual([])
  // Chromium asks for /favicon.ico, which the app does not have (Electron never asks).
  expect(running.consoleErrors.filter((error) => !error.includes('/favicon.ico'))).toEqual([])
}

describe.skipIf(skipWithoutBrowser)('the Definitions page in Chromium', () => {
  it('lists, searches and opens a definition, with its settings form, under the CSP', async () => {
    app = await startApp(browser)
    const { page } = app
    await catalog(page).getByRole('option').first().waitFor()
    const total = app.temp.core.definitions.catalog().total
    await page.getByText(`${total} definitions`).waitFor()
    await shot(page, 'definitions-catalog')

    // "/" focuses the search; results follow each keystroke.
    await page.keyboard.press('/')
    await page.keyboard.type('refund')
    await page.getByText(/^\d+ of \d+$/).waitFor()
    await expect.poll(() => catalog(page).getByRole('option').count()).toBeLessThan(total)
    const stripe = catalog(page).getByRole('option', { name: /Stripe/ })
    await stripe.waitFor()
    await shot(page, 'definitions-search')

    // A search with no result offers to clear it.
    await search(page).fill('no-such-service-anywhere')
    await page.getByText('No definitions match “no-such-service-anywhere”').waitFor()
    await page.getByRole('button', { name: 'Clear search' }).click()
    await page.getByText(`${total} definitions`).waitFor()

    await search(page).fill('stripe')
    await stripe.waitFor()
    await search(page).press('Enter')
    await page.getByRole('heading', { name: 'Stripe', level: 2 }).waitFor()
    expect(page.url()).toContain('#/definitions/stripe')

    const settings = page.getByRole('region', { name: 'Connection settings preview' })
    const account = settings.getByRole('textbox', { name: /Connected account/ })
    await account.waitFor()
    await page.getByRole('region', { name: 'Sign-in' }).getByText('Authorization: Bearer …').waitFor()
    await shot(page, 'definitions-detail-top')

    // The preview validates as fields are left: the CSP-safe validator at work (no eval).
    await account.fill('cus_123')
    await account.blur()
    await settings.getByText('Connected account must start with acct_').first().waitFor()
    expect(await account.getAttribute('aria-invalid')).toBe('true')
    await settings.screenshot({ path: join(screenshotDir, 'definitions-config-preview.png') })

    const methods = page.getByRole('region', { name: 'Methods' })
    await methods.getByRole('button', { name: 'Expand all' }).click()
    await methods.getByRole('region', { name: 'Input' }).first().waitFor()
    await methods.getByText('Exactly one of: payment_intent or charge').waitFor()
    await shot(page, 'definitions-detail-methods')

    // Escape goes back to the list, which kept the search.
    await page.keyboard.press('Escape')
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    expect(await search(page).inputValue()).toBe('stripe')
    await expectCleanConsole(app)
  })

  it('reads well in dark mode', async () => {
    app = await startApp(browser, { colorScheme: 'dark' })
    const { page } = app
    await catalog(page).getByRole('option').first().waitFor()
    await shot(page, 'definitions-catalog-dark')
    await search(page).fill('stripe')
    await catalog(page)
      .getByRole('option', { name: /Stripe/ })
      .click()
    await page
      .getByRole('region', { name: 'Methods' })
      .getByRole('button', { name: /Refund a payment/ })
      .click()
    await page.getByText('Exactly one of: payment_intent or charge').waitFor()
    await shot(page, 'definitions-detail-dark')
    await expectCleanConsole(app)
  })

  it('imports through the file chooser and from a URL, showing a rejected file’s path and reason', async () => {
    app = await startApp(browser)
    const { page } = app
    await catalog(page).waitFor()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Import definitions' })
    const chooser = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Choose files…' }).click()
    const broken = definition('acme-broken', {
      methods: [{ ...definition('x').methods[0], http: { method: 'GET', path: 'things' } }],
    })
    await (
      await chooser
    ).setFiles([
      {
        name: 'acme-good.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(definition('acme-good'))),
      },
      { name: 'acme-broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) },
      { name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ "name": ') },
      // The two reference formats: the reference structure as written, and a ContractSpec spec.
      {
        name: 'acme-reference.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({ ...referenceFile('xero.json'), integrationId: 'acme-reference' }),
        ),
      },
      {
        name: 'acme-payments.spec.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...referenceFile('stripe-spec.json'), id: 'acme-payments' })),
      },
    ])
    await dialog.getByRole('button', { name: 'Import 5 files' }).click()
    await dialog.getByText('5 files: 3 imported, 2 rejected').waitFor()
    const reference = dialog.getByRole('region', { name: 'acme-reference.json' })
    await reference.getByText('imported').waitFor()
    expect(await reference.getByRole('alert', { name: 'Warnings' }).textContent()).toContain(
      'No base URL is given. Needs an endpoint',
    )
    const spec = dialog.getByRole('region', { name: 'acme-payments.spec.json' })
    await spec.getByText('What went where (10)').click()
    await spec.getByText('3 made, one per capability operation', { exact: false }).waitFor()
    const rejected = dialog.getByRole('region', { name: 'acme-broken.json' })
    await rejected.getByText('rejected').waitFor()
    expect(await rejected.textContent()).toContain('methods[0].http.path — path must start with /')
    expect(await dialog.getByRole('region', { name: 'not-json.json' }).textContent()).toContain(
      '(root) — is not valid JSON',
    )
    await dialog.getByRole('region', { name: 'acme-good.json' }).getByText('imported').waitFor()
    await shot(page, 'definitions-import-rejected')
    await spec.screenshot({ path: join(screenshotDir, 'definitions-import-contractspec.png') })

    // From a URL: a local server stands in for the web (http is allowed for loopback hosts only).
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      // Its settings form has alternatives: RJSF checks them with the validator while rendering.
      const configSchema = {
        type: 'object',
        properties: {
          plan: { type: 'string', title: 'Plan', enum: ['cloud', 'self-hosted'] },
          since: { type: 'string', format: 'date', title: 'Sync since' },
        },
        oneOf: [
          { properties: { plan: { const: 'cloud' } } },
          { properties: { plan: { const: 'self-hosted' } }, required: ['plan'] },
        ],
      }
      res.end(JSON.stringify(definition('acme-from-url', { configSchema })))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      await dialog.getByRole('button', { name: 'Import more' }).click()
      await dialog.getByRole('tab', { name: 'URL' }).click()
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme.json`
      await dialog.getByRole('textbox', { name: 'URL' }).fill(url)
      await dialog.getByRole('button', { name: 'Import', exact: true }).click()
      await dialog.getByRole('region', { name: url }).getByText('imported').waitFor()
    } finally {
      server.close()
    }
    await dialog.getByRole('link', { name: 'acme-from-url' }).click()
    await page.getByRole('heading', { name: 'Acme acme-from-url', level: 2 }).waitFor()
    await page.getByRole('region', { name: 'Sign-in' }).getByText('api_key').waitFor()
    const settings = page.getByRole('region', { name: 'Connection settings preview' })
    await settings.getByText('Plan').first().waitFor()
    await settings.getByText('Sync since').first().waitFor()
    await settings.screenshot({ path: join(screenshotDir, 'definitions-config-preview-oneof.png') })
    expect(app.temp.core.definitions.has('acme-good')).toBe(true)
    await expectCleanConsole(app)
  })

  it('warns about bundled files that were refused, naming each file, JSON path and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-bundled-'))
    try {
      writeFileSync(join(dir, 'acme-good.json'), JSON.stringify(definition('acme-good')))
      writeFileSync(
        join(dir, 'acme-bad-version.json'),
        JSON.stringify(definition('acme-bad', { version: '1.0' })),
      )
      writeFileSync(join(dir, 'truncated.json'), '{ "integrationId": ')
      app = await startApp(browser, { prepare: (temp) => void temp.core.definitions.loadBundled(dir) })
      const { page } = app
      const alert = page.getByRole('alert', { name: '2 bundled definition files were not loaded' })
      await alert.waitFor()
      await alert.getByText('acme-bad-version.json').waitFor()
      expect(await alert.textContent()).toContain('version — version is not in the expected form')
      await alert.getByText('truncated.json').waitFor()
      expect(await alert.textContent()).toContain('(root) — is not valid JSON')
      await catalog(page).getByRole('option').first().waitFor()
      await shot(page, 'definitions-rejected-bundled')
      await expectCleanConsole(app)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exports a JSON bundle of everything and SQL of one definition as downloads', async () => {
    app = await startApp(browser)
    const { page } = app
    await catalog(page).waitFor()
    const total = app.temp.core.definitions.catalog().total

    await page.getByRole('button', { name: 'Export' }).click()
    const bundleDownload = page.waitForEvent('download')
    await page.getByRole('menuitem', { name: /JSON bundle/ }).click()
    const bundle = await bundleDownload
    expect(bundle.suggestedFilename()).toBe('switchboard-definitions.json')
    const exported = JSON.parse(readFileSync(await bundle.path(), 'utf8')) as { definitions: unknown[] }
    expect(exported.definitions).toHaveLength(total)

    await search(page).fill('stripe')
    await catalog(page)
      .getByRole('option', { name: /Stripe/ })
      .click()
    await page.getByRole('heading', { name: 'Stripe', level: 2 }).waitFor()
    await page.getByRole('button', { name: 'Export' }).click()
    await page.getByText('Stripe only').waitFor()
    const sqlDownload = page.waitForEvent('download')
    await page
      .getByRole('menuitem', { name: /PostgreSQL SQL/ })
      .first()
      .click()
    const sql = await sqlDownload
    expect(sql.suggestedFilename()).toBe('switchboard-definitions.sql')
    const text = readFileSync(await sql.path(), 'utf8')
    expect(text).toContain('1 definition(s)')
    expect(text).toContain('stripe')
    await expectCleanConsole(app)
  })

  it('stays usable with a thousand definitions: a virtualized list that scrolls to the last one', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      definition(`generated-${String(i).padStart(4, '0')}`, {
        name: `Generated ${String(i).padStart(4, '0')}`,
      }),
    )
    app = await startApp(browser, {
      prepare: async (temp) => {
        const report = await temp.core.definitions.importFiles([
          { name: 'thousand.json', content: JSON.stringify({ definitions: many }) },
        ])
        expect(report.stored).toBe(1)
      },
    })
    const { page } = app
    const everything = app.temp.core.definitions.catalog()
    expect(everything.total).toBeGreaterThanOrEqual(1000)
    await page.getByText(`${everything.total} definitions`).waitFor()
    await catalog(page).getByRole('option').first().waitFor()

    // Far fewer rows in the DOM than definitions, each telling its place in the whole list.
    const rendered = await catalog(page).getByRole('option').count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(60)
    expect(await catalog(page).getByRole('option').first().getAttribute('aria-setsize')).toBe(
      String(everything.total),
    )
    await shot(page, 'definitions-1000')

    // Scrolling reaches the last one.
    const last = everything.definitions.at(-1)
    await catalog(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
    const lastRow = catalog(page).getByRole('option', { name: new RegExp(last?.name ?? '') })
    await lastRow.waitFor()
    expect(await lastRow.getAttribute('aria-posinset')).toBe(String(everything.total))
    expect(await catalog(page).getByRole('option').count()).toBeLessThan(60)

    // The keyboard goes there too, and search narrows a thousand down as you type.
    await search(page).click()
    await search(page).press('PageDown')
    await catalog(page).getByRole('option', { selected: true }).waitFor()
    const started = Date.now()
    await search(page).fill('generated 0999')
    await page.getByText(`1 of ${everything.total}`).waitFor()
    expect(Date.now() - started).toBeLessThan(3000)
    await search(page).press('Enter')
    await page.getByRole('heading', { name: 'Generated 0999', level: 2 }).waitFor()
    await expectCleanConsole(app)
  })
})
