// The Definitions page against a real core (bundled Stripe definition plus definitions imported here),
// through the same bridge the preload builds: search, filter, detail, import, rollback.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const bundled = join(import.meta.dirname, '../../definitions')

/** A small valid definition; `extra` replaces top-level fields. */
function definition(integrationId: string, extra: Record<string, unknown> = {}) {
  return {
    integrationId,
    name: 'Acme Widgets',
    description: 'Widgets for the tests.',
    version: '1.0.0',
    category: 'crm',
    docsUrl: 'https://docs.example.com/acme',
    authType: 'oauth2',
    oauth2Config: {
      authorizationUrl: 'https://auth.example.com/authorize',
      tokenUrl: 'https://auth.example.com/token',
      scopes: ['widgets.read', 'widgets.write'],
      pkce: true,
    },
    api: { baseUrl: { production: 'https://api.example.com' } },
    configSchema: {
      type: 'object',
      properties: { region: { type: 'string', title: 'Region', enum: ['eu', 'us'] } },
    },
    secretSchema: { type: 'object', properties: {} },
    methods: [
      {
        id: 'widgets.list',
        name: 'List widgets',
        description: 'Every widget.',
        kind: 'read',
        inputSchema: { type: 'object', properties: {} },
        outputSchema: {
          type: 'object',
          properties: {
            widgets: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
            },
          },
        },
        http: { method: 'GET', path: '/widgets' },
      },
    ],
    ...extra,
  }
}

const file = (name: string, value: unknown) => ({ name, content: JSON.stringify(value) })

let temp: TempCore
let definitionsDir: string

// happy-dom lays nothing out, so every element is 0 px high and a virtualized list would show no rows.
// Give the catalog's scrolling list the height of a window's worth of rows.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'listbox' ? 600 : 0
    },
  })
})
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
  if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight)
})

function startCore(extraBundled: Record<string, string> = {}) {
  definitionsDir = tempDir('switchboard-definitions-')
  copyFileSync(join(bundled, 'stripe.json'), join(definitionsDir, 'stripe.json'))
  for (const [name, content] of Object.entries(extraBundled))
    writeFileSync(join(definitionsDir, name), content)
  temp = createTempCore({ definitionsDir })
}

afterEach(() => {
  temp?.dispose()
  rmSync(definitionsDir, { recursive: true, force: true })
})

function mount(hash = '#/definitions') {
  window.location.hash = hash
  const bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  return render(<Root client={createClient(bridge)} />)
}

const list = () => screen.getByRole('listbox', { name: 'Definitions' })
const option = (name: RegExp) => within(list()).queryByRole('option', { name })
const search = () => screen.getByRole('searchbox', { name: 'Search definitions' })

describe('the catalog', () => {
  it('lists the definitions and filters them as you type, across method names too', async () => {
    startCore()
    await temp.core.definitions.importFiles([file('acme.json', definition('acme-widgets'))])
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    expect(option(/Acme Widgets/)).toBeTruthy()
    expect(screen.getByText('2 definitions')).toBeTruthy()

    fireEvent.change(search(), { target: { value: 'refund' } })
    await waitFor(() => expect(option(/Acme Widgets/)).toBeNull())
    expect(option(/Stripe/)).toBeTruthy()
    expect(screen.getByText('1 of 2')).toBeTruthy()

    // "retrieve" is in no name or description: Stripe is found through its methods, which are named.
    fireEvent.change(search(), { target: { value: 'retrieve' } })
    await waitFor(() =>
      expect(option(/Stripe/)?.textContent).toContain('Methods: Retrieve balance · Retrieve a customer'),
    )

    // Capabilities are searched as well.
    fireEvent.change(search(), { target: { value: 'payments.refund' } })
    await waitFor(() => expect(screen.getByText('1 of 2')).toBeTruthy())
    expect(option(/Stripe/)).toBeTruthy()
  })

  it('filters by category', async () => {
    startCore()
    await temp.core.definitions.importFiles([file('acme.json', definition('acme-widgets'))])
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    // The category list is searchable: type, then pick the first match with the keyboard.
    await userEvent.type(screen.getByRole('combobox', { name: 'Category' }), 'cr{ArrowDown}{Enter}')
    expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLInputElement).value).toBe('crm')
    await waitFor(() => expect(option(/Stripe/)).toBeNull())
    expect(option(/Acme Widgets/)).toBeTruthy()
    expect(screen.getByText('1 of 2')).toBeTruthy()
  })

  it('says when nothing matches, and clears the search', async () => {
    startCore()
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    fireEvent.change(search(), { target: { value: 'no-such-thing' } })
    expect(await screen.findByText('No definitions match “no-such-thing”')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }))
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    expect((search() as HTMLInputElement).value).toBe('')
  })

  it('opens a result from the keyboard', async () => {
    startCore()
    await temp.core.definitions.importFiles([file('acme.json', definition('acme-widgets'))])
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    // "/" focuses the search; arrows move the active row; Enter opens it.
    fireEvent.keyDown(document.documentElement, { key: '/' })
    expect(document.activeElement).toBe(search())
    expect(option(/Acme Widgets/)?.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(search(), { key: 'ArrowDown' })
    expect(option(/Stripe/)?.getAttribute('aria-selected')).toBe('true')
    expect(search().getAttribute('aria-activedescendant')).toBe('definition-option-stripe')
    fireEvent.keyDown(search(), { key: 'Enter' })
    expect(await screen.findByRole('heading', { name: 'Stripe', level: 2 })).toBeTruthy()
    expect(window.location.hash).toBe('#/definitions/stripe')
    // Escape goes back to the list; Ctrl+K focuses the search again.
    fireEvent.keyDown(document.documentElement, { key: 'Escape' })
    expect(await screen.findByRole('heading', { name: 'Definitions', level: 2 })).toBeTruthy()
    ;(document.activeElement as HTMLElement | null)?.blur()
    fireEvent.keyDown(document.documentElement, { key: 'k', ctrlKey: true })
    expect(document.activeElement).toBe(search())
  })

  it('shows an empty catalog with a way to import', async () => {
    definitionsDir = tempDir('switchboard-definitions-')
    temp = createTempCore({ definitionsDir })
    mount()
    expect(await screen.findByText('No integration definitions yet')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Import definitions' })).toBeTruthy()
  })

  it('warns about bundled files that were refused, with the JSON path and the reason', async () => {
    const broken = definition('broken-one', { version: 'one' })
    startCore({ 'broken-one.json': JSON.stringify(broken), 'not-json.json': '{ nope' })
    mount()
    const alert = await screen.findByRole('alert', { name: '2 bundled definition files were not loaded' })
    expect(within(alert).getByText('broken-one.json')).toBeTruthy()
    expect(within(alert).getByText('version')).toBeTruthy()
    expect(alert.textContent).toContain('version is not in the expected form')
    expect(within(alert).getByText('not-json.json')).toBeTruthy()
    expect(alert.textContent).toContain('is not valid JSON')
    // The good ones still load.
    expect(option(/Stripe/)).toBeTruthy()
  })
})

describe('a definition', () => {
  it('shows sign-in, the settings form, the methods with their schemas, and the versions', async () => {
    startCore()
    mount('#/definitions/stripe')
    expect(await screen.findByRole('heading', { name: 'Stripe', level: 2 })).toBeTruthy()

    const signIn = screen.getByRole('region', { name: 'Sign-in' })
    expect(within(signIn).getByText('API key')).toBeTruthy()
    expect(within(signIn).getByText('Authorization: Bearer …')).toBeTruthy()
    expect(signIn.textContent).toContain('header')

    const settings = screen.getByRole('region', { name: 'Connection settings preview' })
    expect(within(settings).getByText('Preview only')).toBeTruthy()
    expect(await within(settings).findByRole('textbox', { name: /Connected account/ })).toBeTruthy()
    expect(within(settings).queryByRole('button', { name: /submit/i })).toBeNull()

    const methods = screen.getByRole('region', { name: 'Methods' })
    const refund = within(methods).getByRole('button', { name: /Refund a payment/ })
    expect(refund.textContent).toContain('write')
    expect(refund.textContent).toContain('POST')
    expect(refund.textContent).toContain('/v1/refunds')
    expect(refund.textContent).toContain('payments.refund')
    expect(refund.textContent).toContain('refunds.create')
    fireEvent.click(refund)
    const input = await within(methods).findByRole('region', { name: 'Input' })
    expect(within(input).getByText('payment_intent')).toBeTruthy()
    expect(within(input).getByText('Exactly one of: payment_intent or charge')).toBeTruthy()
    expect(within(input).getByText('one of: "duplicate", "fraudulent", "requested_by_customer"')).toBeTruthy()
    const output = within(methods).getByRole('region', { name: 'Output' })
    expect(within(output).getAllByText('required')).toHaveLength(2)
    // The raw JSON, on demand.
    fireEvent.click(within(input).getByText('JSON'))
    await waitFor(() => expect(input.querySelector('pre')?.textContent).toContain('"oneOf"'))

    const versions = screen.getByRole('region', { name: 'Version history' })
    expect(within(versions).getByText('1.0.0')).toBeTruthy()
    expect(within(versions).getByText('current')).toBeTruthy()
    expect(within(versions).queryByRole('button', { name: /Roll back/ })).toBeNull()
  })

  it('summarises OAuth 2.0 sign-in with its URLs, scopes and PKCE', async () => {
    startCore()
    await temp.core.definitions.importFiles([file('acme.json', definition('acme-widgets'))])
    mount('#/definitions/acme-widgets')
    const signIn = await screen.findByRole('region', { name: 'Sign-in' })
    expect(within(signIn).getByText('OAuth 2.0')).toBeTruthy()
    expect(within(signIn).getByText('https://auth.example.com/authorize')).toBeTruthy()
    expect(within(signIn).getByText('https://auth.example.com/token')).toBeTruthy()
    expect(within(signIn).getByText('widgets.read')).toBeTruthy()
    expect(within(signIn).getByText('widgets.write')).toBeTruthy()
    expect(within(signIn).getByText('PKCE').closest('tr')?.textContent).toContain('Yes')
  })

  it('says so when the definition does not exist', async () => {
    startCore()
    mount('#/definitions/nothing-here')
    expect(await screen.findByText('No such definition')).toBeTruthy()
    fireEvent.click(screen.getByRole('link', { name: /All definitions/ }))
    expect(await screen.findByRole('heading', { name: 'Definitions', level: 2 })).toBeTruthy()
  })

  it('rolls back to an earlier version after confirmation', async () => {
    startCore()
    await temp.core.definitions.importFiles([file('acme-1.0.json', definition('acme-widgets'))])
    await temp.core.definitions.importFiles([
      file('acme-1.1.json', definition('acme-widgets', { version: '1.1.0', description: 'Newer widgets.' })),
    ])
    mount('#/definitions/acme-widgets')
    const versions = await screen.findByRole('region', { name: 'Version history' })
    expect(screen.getByText('v1.1.0')).toBeTruthy()
    expect(within(versions).getAllByRole('row')).toHaveLength(3)
    fireEvent.click(within(versions).getByRole('button', { name: 'Roll back to 1.0.0' }))

    const dialog = await screen.findByRole('dialog', { name: 'Roll back Acme Widgets?' })
    expect(dialog.textContent).toContain('instead of 1.1.0')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back to 1.0.0' }))

    expect(await screen.findByText(/Rolled back to 1.0.0/)).toBeTruthy()
    expect(await screen.findByText('v1.0.0')).toBeTruthy()
    expect(temp.core.definitions.summaryOf('acme-widgets').version).toBe('1.0.0')
    // Now 1.1.0 is the one that can be restored.
    await waitFor(() =>
      expect(within(versions).getByRole('button', { name: 'Roll back to 1.1.0' })).toBeTruthy(),
    )
  })
})

describe('import', () => {
  it('imports files and reports each one, with the JSON path of every problem', async () => {
    startCore()
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import definitions' })

    const good = new File([JSON.stringify(definition('acme-widgets'))], 'acme.json', {
      type: 'application/json',
    })
    const brokenDefinition = definition('acme-broken', {
      methods: [{ ...definition('x').methods[0], http: { method: 'GET', path: 'widgets' } }],
    })
    const broken = new File([JSON.stringify(brokenDefinition)], 'broken.json', { type: 'application/json' })
    fireEvent.change(within(dialog).getByLabelText('Definition files'), { target: { files: [good, broken] } })
    expect(within(dialog).getByText('acme.json')).toBeTruthy()
    expect(within(dialog).getByText('broken.json')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 2 files' }))

    expect(await within(dialog).findByText('2 files: 1 imported, 1 rejected')).toBeTruthy()
    const accepted = within(dialog).getByRole('region', { name: 'acme.json' })
    expect(within(accepted).getByText('imported')).toBeTruthy()
    expect(within(accepted).getByRole('link', { name: 'acme-widgets' })).toBeTruthy()
    const rejected = within(dialog).getByRole('region', { name: 'broken.json' })
    expect(within(rejected).getByText('rejected')).toBeTruthy()
    expect(within(rejected).getByText('methods[0].http.path')).toBeTruthy()
    expect(rejected.textContent).toContain('methods[0].http.path — path must start with /')

    // Importing the same version again is "unchanged"; an older one is refused unless forced.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import more' }))
    const older = new File([JSON.stringify(definition('acme-widgets', { version: '0.9.0' }))], 'older.json')
    fireEvent.change(within(dialog).getByLabelText('Definition files'), { target: { files: [older] } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    const refused = await within(dialog).findByRole('region', { name: 'older.json' })
    expect(refused.textContent).toContain(
      'version — acme-widgets 0.9.0 is not newer than the installed 1.0.0',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import more' }))
    fireEvent.change(within(dialog).getByLabelText('Definition files'), { target: { files: [older] } })
    fireEvent.click(within(dialog).getByLabelText(/Force: replace even if not newer/))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    const forced = await within(dialog).findByRole('region', { name: 'older.json' })
    expect(within(forced).getByText('upgraded')).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(option(/Acme Widgets/)).toBeTruthy())
    expect(screen.getByText('2 definitions')).toBeTruthy()
  })

  it('asks before a forced import moves the endpoints of a version connections use', async () => {
    startCore()
    await temp.core.vault.setup('correct horse battery staple')
    await temp.core.definitions.importFiles([file('acme.json', definition('acme-widgets'))])
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'acme-widgets',
      environment: 'production',
    })
    mount()
    await waitFor(() => expect(option(/Acme Widgets/)).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import definitions' })
    const moved = definition('acme-widgets', {
      api: { baseUrl: { production: 'https://api.elsewhere.example' } },
    })
    const same = new File([JSON.stringify(moved)], 'same.json', { type: 'application/json' })
    fireEvent.change(within(dialog).getByLabelText('Definition files'), { target: { files: [same] } })
    fireEvent.click(within(dialog).getByLabelText(/Force: replace even if not newer/))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    const alert = await within(dialog).findByRole('alert')
    expect(within(alert).getByText('Endpoints would move')).toBeTruthy()
    expect(alert.textContent).toContain('https://api.elsewhere.example')
    const baseUrl = () => temp.core.definitions.get('acme-widgets', '1.0.0').api?.baseUrl?.production
    expect(baseUrl()).toBe('https://api.example.com')
    fireEvent.click(within(alert).getByRole('button', { name: 'Import and use the new endpoints' }))
    const imported = await within(dialog).findByRole('region', { name: 'same.json' })
    expect(within(imported).getByText('upgraded')).toBeTruthy()
    expect(baseUrl()).toBe('https://api.elsewhere.example')
  })

  it('shows why a URL import failed', async () => {
    startCore()
    mount()
    await waitFor(() => expect(option(/Stripe/)).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import definitions' })
    fireEvent.click(within(dialog).getByRole('tab', { name: 'URL' }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: /URL/ }), {
      target: { value: 'file:///etc/passwd' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    const alert = await within(dialog).findByRole('alert')
    expect(within(alert).getByText('Nothing was imported')).toBeTruthy()
    expect(alert.textContent).toContain('Only https URLs can be imported')
    expect(alert.textContent).toContain('url — must use https')
    expect(within(alert).getByText('Error code: INVALID_ARGUMENT')).toBeTruthy()
  })
})
