// The Connections page against a real core, through the same bridge the preload builds: the vault's
// dialogs, the wizard (happy path, the core's objections put back on their fields, a duplicate id),
// secrets shown only as hints, client deletion, duplication to production, the detail page, and the
// Settings cards for secret protection and export/import.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import type { KeyProtector } from '../../src-main/core/vault/key-protector.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { makeDefinition } from '../support/definitions.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'
import { memoryKeyring } from '../support/keyring.ts'

const bundled = join(import.meta.dirname, '../../definitions')
const passphrase = 'correct horse battery'
const stripeKey = 'sk_test_51Habcdefghijklmn4242'

let temp: TempCore
let definitionsDir: string

/** A core with the bundled Stripe and Xero definitions only (quick to load). */
function startCore(overrides: { keyProtector?: KeyProtector } = {}) {
  definitionsDir = tempDir('switchboard-definitions-')
  for (const name of ['stripe.json', 'xero.json'])
    copyFileSync(join(bundled, name), join(definitionsDir, name))
  temp = createTempCore({ definitionsDir, ...overrides })
  return temp
}

afterEach(() => {
  temp?.dispose()
  rmSync(definitionsDir, { recursive: true, force: true })
})

function mount(hash = '#/connections') {
  window.location.hash = hash
  const bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  return render(<Root client={createClient(bridge)} />)
}

/** A small apikey definition whose rules can be tightened by importing a newer version. */
function widgets(version: string, strict: { config?: boolean; secrets?: boolean; baseUrl?: string }) {
  return {
    integrationId: 'acme-widgets',
    name: 'Acme Widgets',
    description: 'Widgets for the tests.',
    version,
    category: 'testing',
    docsUrl: 'https://docs.example.com/acme',
    authType: 'apikey',
    apiKeyConfig: { in: 'header', name: 'X-Api-Key' },
    api: { baseUrl: { production: strict.baseUrl ?? 'https://api.example.com' } },
    configSchema: {
      type: 'object',
      properties: {
        region: { type: 'string', title: 'Region', ...(strict.config ? { enum: ['eu', 'us'] } : {}) },
        ...(strict.config ? { timeout: { type: 'integer', title: 'Timeout', default: 30 } } : {}),
      },
    },
    secretSchema: {
      type: 'object',
      properties: {
        apiKey: { type: 'string', title: 'API key', ...(strict.secrets ? { pattern: '^ak_' } : {}) },
      },
      required: ['apiKey'],
    },
    healthCheck: { method: 'things.list' },
    methods: [
      {
        id: 'things.list',
        name: 'List things',
        description: 'Every thing.',
        kind: 'read',
        inputSchema: { type: 'object', properties: {} },
        outputSchema: { type: 'object', properties: {} },
        http: { method: 'GET', path: '/things' },
      },
    ],
  }
}

const importWidgets = (
  version: string,
  strict: { config?: boolean; secrets?: boolean; baseUrl?: string } = {},
) =>
  temp.core.definitions.importFiles([
    { name: `acme-${version}.json`, content: JSON.stringify(widgets(version, strict)) },
  ])

const button = (name: string | RegExp) => screen.getByRole('button', { name })
const step = (n: number) => screen.findByRole('region', { name: new RegExp(`^Step ${n} of 6`) })
const next = () => fireEvent.click(button('Next'))
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } })

/** RJSF is loaded on first use: wait until the step shows its form rather than the skeleton. */
const formLoaded = (region: HTMLElement) =>
  waitFor(() => expect(within(region).queryByRole('status', { name: 'Loading the form' })).toBeNull())

/** Walks the wizard up to the review step, for a new client. */
async function wizardToReview(options: {
  search: string
  card: RegExp
  client: string
  environment?: 'Production'
  config?: Record<string, string>
  secrets?: Record<string, string>
}) {
  fireEvent.click((await screen.findAllByRole('button', { name: 'New connection' }))[0] as HTMLElement)
  type(await screen.findByRole('searchbox', { name: 'Search integrations' }), options.search)
  fireEvent.click(await screen.findByRole('button', { name: options.card }))
  next()
  await step(2)
  if (!screen.queryByRole('textbox', { name: /Client name/ }))
    fireEvent.click(screen.getByRole('radio', { name: 'New client' }))
  type(await screen.findByRole('textbox', { name: /Client name/ }), options.client)
  if (options.environment) fireEvent.click(screen.getByRole('radio', { name: options.environment }))
  next()
  const settings = await step(3)
  await formLoaded(settings)
  for (const [label, value] of Object.entries(options.config ?? {}))
    type(await within(settings).findByLabelText(new RegExp(label)), value)
  next()
  const credentials = await step(4)
  await formLoaded(credentials)
  for (const [label, value] of Object.entries(options.secrets ?? {}))
    type(await within(credentials).findByLabelText(new RegExp(label)), value)
  next()
  return step(5)
}

/** After saving, the wizard's test step: leave it without testing (the provider is not reachable here). */
async function finishWithoutTesting() {
  const test = await step(6)
  expect(within(test).getByText('Connection saved')).toBeTruthy()
  fireEvent.click(await within(test).findByRole('button', { name: 'Finish without testing' }))
}

describe('the vault', () => {
  it('asks for a passphrase to set up when no OS keyring is available', async () => {
    startCore()
    mount()
    const dialog = await screen.findByRole('dialog', { name: 'Create your secrets vault' })
    expect(dialog.textContent).toContain('No OS keyring is available on this computer')
    // Nothing to click past: an empty, short or mismatched passphrase is refused on its field.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create vault' }))
    expect(await within(dialog).findByText(/Use at least 10 characters/)).toBeTruthy()
    type(within(dialog).getByLabelText(/^Passphrase/), passphrase)
    type(within(dialog).getByLabelText(/^Confirm passphrase/), 'correct horse')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create vault' }))
    expect(await within(dialog).findByText('The two passphrases are not the same.')).toBeTruthy()
    expect(temp.core.vault.status().state).toBe('uninitialized')

    type(within(dialog).getByLabelText(/^Confirm passphrase/), passphrase)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create vault' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 })
    expect(temp.core.vault.status()).toMatchObject({ state: 'unlocked', passphraseSet: true })
    expect(screen.getByText('No clients or connections yet')).toBeTruthy()
  })

  it('creates the vault in one click where the OS keyring protects it', async () => {
    startCore({ keyProtector: memoryKeyring() })
    mount()
    const dialog = await screen.findByRole('dialog', { name: 'Create your secrets vault' })
    expect(dialog.textContent).toContain('operating system’s keyring')
    expect(within(dialog).queryByLabelText(/^Passphrase/)).toBeNull()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create vault' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(temp.core.vault.status()).toMatchObject({
      state: 'unlocked',
      keyringInUse: true,
      passphraseSet: false,
    })
  })

  it('unlocks with the passphrase, and says so inline when it is wrong', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    temp.core.vault.lock()
    mount()
    const dialog = await screen.findByRole('dialog', { name: 'Unlock your secrets vault' })
    type(within(dialog).getByLabelText(/Vault passphrase/), 'not the passphrase')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }))
    expect(await within(dialog).findByText(/Wrong passphrase/, undefined, { timeout: 15_000 })).toBeTruthy()
    type(within(dialog).getByLabelText(/Vault passphrase/), passphrase)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 })
    expect(temp.core.vault.status().state).toBe('unlocked')
  })
})

describe('the connection wizard', () => {
  it('creates a client and a Stripe sandbox connection, and shows only a hint of the key', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    mount()
    expect(await screen.findByText('No clients or connections yet')).toBeTruthy()
    const review = await wizardToReview({
      search: 'stripe',
      card: /Stripe/,
      client: 'Acme Corp',
      secrets: { 'Secret key': stripeKey },
    })
    // The test step named the health check without pretending to run it.
    expect(review.textContent).toContain('balance.retrieve')
    expect(within(review).getByText('Secret key: entered')).toBeTruthy()
    expect(within(review).getByText('Acme Corp')).toBeTruthy()
    // Back and forth keeps what was entered.
    fireEvent.click(button('Back'))
    fireEvent.click(button('Back'))
    await step(3)
    next()
    const credentials = await step(4)
    expect((within(credentials).getByLabelText(/Secret key/) as HTMLInputElement).value).toBe(stripeKey)
    expect(
      within(credentials)
        .getByLabelText(/Secret key/)
        .getAttribute('type'),
    ).toBe('password')
    next()
    await step(5)
    fireEvent.click(button('Create connection'))
    await finishWithoutTesting()

    const group = await screen.findByRole('region', { name: 'Acme Corp' }, { timeout: 15_000 })
    expect(within(group).getByRole('link', { name: 'Stripe' })).toBeTruthy()
    expect(within(group).getByText('conn_stripe_acme-corp_sandbox')).toBeTruthy()
    expect(within(group).getByLabelText('Environment: sandbox')).toBeTruthy()
    expect(within(group).queryByLabelText('Environment: production')).toBeNull()
    // Credentials stored but never checked: "untested", not a green "connected".
    expect(within(group).getByText('untested')).toBeTruthy()
    expect(screen.getByText('Connection created')).toBeTruthy()
    expect(document.body.innerHTML).not.toContain(stripeKey)

    // The detail page shows the masked hint and its age, never the key.
    fireEvent.click(within(group).getByRole('link', { name: 'Stripe' }))
    const credentialsCard = await screen.findByRole('region', { name: 'Credentials' })
    expect(within(credentialsCard).getByText('sk_test_…4242')).toBeTruthy()
    expect(within(credentialsCard).getByText(/set just now/)).toBeTruthy()
    expect(document.body.innerHTML).not.toContain(stripeKey)
    expect(document.body.innerHTML).not.toContain('51Habcdefghijklmn')
    const stored = temp.core.connections.get('conn_stripe_acme-corp_sandbox')
    expect(stored).toMatchObject({ clientName: 'Acme Corp', environment: 'sandbox', status: 'connected' })
  })

  it('warns about a sandbox key on production, and saves it only once the user says so', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    mount()
    await screen.findByText('No clients or connections yet')
    fireEvent.click((await screen.findAllByRole('button', { name: 'New connection' }))[0] as HTMLElement)
    type(await screen.findByRole('searchbox', { name: 'Search integrations' }), 'stripe')
    fireEvent.click(await screen.findByRole('button', { name: /Stripe/ }))
    next()
    await step(2)
    type(await screen.findByRole('textbox', { name: /Client name/ }), 'Acme Corp')
    fireEvent.click(screen.getByRole('radio', { name: 'Production' }))
    next()
    await formLoaded(await step(3))
    next()
    const credentials = await step(4)
    await formLoaded(credentials)
    type(await within(credentials).findByLabelText(/Secret key/), stripeKey)
    expect(
      await within(credentials).findByText(
        'Secret key looks like a sandbox key, but this is a production connection (production keys start with sk_live_… or rk_live_…).',
      ),
    ).toBeTruthy()
    next()
    await step(5)
    fireEvent.click(button('Create connection'))
    // The core refuses it unconfirmed and the wizard goes back to the field.
    await waitFor(() => expect(screen.getAllByText(/looks like a sandbox key/).length).toBeGreaterThan(0))
    expect(temp.core.connections.list()).toEqual([])
    const again = await step(4)
    fireEvent.click(
      within(again).getByRole('checkbox', { name: 'Use it on this production connection anyway' }),
    )
    next()
    await step(5)
    fireEvent.click(button('Create connection'))
    await finishWithoutTesting()
    await waitFor(() =>
      expect(temp.core.connections.list().map((c) => c.environment)).toEqual(['production']),
    )
  })

  it('puts the core’s objections back on the step and field they name', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    await importWidgets('1.0.0')
    mount()
    await wizardToReview({
      search: 'widgets',
      card: /Acme Widgets/,
      client: 'Globex',
      config: { Region: 'mars' },
      secrets: { 'API key': 'plain-key-123' },
    })
    // Meanwhile a stricter version of the definition is installed: the core checks against that one.
    await importWidgets('1.1.0', { config: true })
    fireEvent.click(button('Create connection'))

    const settings = await step(3)
    const alert = await within(settings).findByRole(
      'alert',
      { name: /did not accept these settings/ },
      { timeout: 15_000 },
    )
    expect(alert.textContent).toContain('config.region')
    // On the Region field itself: its input is marked invalid and described by the message.
    // (Now a list: the form follows the newer definition the core checked against.)
    const region = within(settings).getByRole('combobox', { name: /Region/ })
    await waitFor(() => expect(region.getAttribute('aria-invalid')).toBe('true'))
    expect(within(settings).getAllByText('Region must be one of eu or us.')).not.toHaveLength(0)
    // The client was created on the first attempt; the connection was not.
    expect(temp.core.clients.list().map((c) => c.name)).toEqual(['Globex'])
    expect(temp.core.connections.list()).toEqual([])

    // Fixed; and before saving again, a version that also tightens the credentials is installed.
    await userEvent.type(region, 'eu{ArrowDown}{Enter}')
    await waitFor(() => expect(within(settings).queryByRole('alert', { name: /did not accept/ })).toBeNull())
    await importWidgets('1.2.0', { config: true, secrets: true })
    next()
    await step(4)
    next()
    await step(5)
    fireEvent.click(button('Create connection'))
    const credentials = await step(4)
    const objection = await within(credentials).findByRole(
      'alert',
      { name: /did not accept these credentials/ },
      { timeout: 15_000 },
    )
    expect(objection.textContent).toContain('secrets.apiKey')
    const apiKey = within(credentials).getByLabelText(/API key/)
    // The message is in the API key field's own wrapper, under its input.
    expect(apiKey.closest('[class*="PasswordInput-root"]')?.textContent).toContain('must start with ak_')
    // Editing the field clears its objection; the value typed is never shown as text.
    type(apiKey, 'ak_live_0123456789')
    await waitFor(() =>
      expect(within(credentials).queryByRole('alert', { name: /did not accept/ })).toBeNull(),
    )
    expect(document.body.textContent).not.toContain('ak_live_0123456789')
  })

  it('shows a duplicate id on the id field', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'stripe',
      environment: 'sandbox',
      id: 'taken',
    })
    mount()
    await screen.findByRole('region', { name: 'Acme Corp' })
    const review = await wizardToReview({
      search: 'stripe',
      card: /Stripe/,
      client: 'Initech',
      secrets: { 'Secret key': stripeKey },
    })
    type(within(review).getByRole('textbox', { name: /Connection id/ }), 'taken')
    fireEvent.click(button('Create connection'))
    const id = await within(review).findByRole('textbox', { name: /Connection id/ })
    await waitFor(() => expect(id.getAttribute('aria-invalid')).toBe('true'), { timeout: 15_000 })
    expect(review.textContent).toContain('“taken” is already used by another connection: choose another id.')
    // A new id, and it is saved under the client created on the first attempt.
    type(id, 'initech-stripe')
    fireEvent.click(button('Create connection'))
    await finishWithoutTesting()
    const group = await screen.findByRole('region', { name: 'Initech' }, { timeout: 15_000 })
    expect(within(group).getByText('initech-stripe')).toBeTruthy()
    expect(temp.core.clients.list().map((c) => c.name)).toEqual(['Acme Corp', 'Initech'])
  })

  it('saves an OAuth 2.0 connection, offers sign-in, and leaves it disconnected when put off', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    mount()
    const review = await wizardToReview({
      search: 'xero',
      card: /Xero/,
      client: 'Umbrella',
      environment: 'Production',
    })
    expect(review.textContent).toContain('Sign in with Xero after saving')
    fireEvent.click(button('Create connection'))
    // Saved: the sign-in step asks for the OAuth app first (none is registered for Xero yet).
    const signIn = await screen.findByRole('region', { name: 'Sign in' }, { timeout: 15_000 })
    expect(screen.getByText('Connection saved')).toBeTruthy()
    expect(await within(signIn).findByRole('form', { name: 'Your Xero OAuth app' })).toBeTruthy()
    // The test waits for the sign-in; leaving now keeps the connection, not signed in.
    expect(screen.getByText('The test can run once the connection is signed in.')).toBeTruthy()
    expect(button('Test the connection').hasAttribute('disabled')).toBe(true)
    fireEvent.click(button('Finish without testing'))
    const group = await screen.findByRole('region', { name: 'Umbrella' }, { timeout: 15_000 })
    expect(within(group).getByLabelText('Environment: production')).toBeTruthy()
    expect(within(group).getByText('sign-in-needed')).toBeTruthy()
  })
})

describe('the list', () => {
  it('deletes a client only after its name is typed, saying its secrets are destroyed', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp', notes: 'Main account' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    temp.core.clients.create({ name: 'Globex' })
    mount()
    const group = await screen.findByRole('region', { name: 'Acme Corp' })
    expect(within(group).getByText('Main account')).toBeTruthy()
    fireEvent.click(within(group).getByRole('button', { name: 'Actions for client Acme Corp' }))
    fireEvent.click(await screen.findByRole('menuitem', { name: /Delete client/ }))

    const dialog = await screen.findByRole('dialog', { name: 'Delete client “Acme Corp”?' })
    expect(dialog.textContent).toContain('Acme Corp (acme-corp) and its 1 connection will be deleted.')
    expect(dialog.textContent).toContain('secrets are destroyed permanently')
    const confirm = within(dialog).getByRole('button', { name: 'Delete client and secrets' })
    expect(confirm.hasAttribute('disabled')).toBe(true)
    type(within(dialog).getByRole('textbox', { name: 'Type “Acme Corp” to confirm' }), 'Acme')
    expect(confirm.hasAttribute('disabled')).toBe(true)
    type(within(dialog).getByRole('textbox', { name: 'Type “Acme Corp” to confirm' }), 'Acme Corp')
    expect(confirm.hasAttribute('disabled')).toBe(false)
    fireEvent.click(confirm)

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Acme Corp' })).toBeNull())
    expect(screen.getByRole('region', { name: 'Globex' })).toBeTruthy()
    expect(temp.core.clients.list().map((c) => c.name)).toEqual(['Globex'])
    expect(temp.core.connections.list()).toEqual([])
  })

  it('duplicates a sandbox connection to production, then takes its own credentials', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'stripe',
      environment: 'sandbox',
      config: { accountId: 'acct_123' },
      secrets: { apiKey: stripeKey },
    })
    mount()
    const group = await screen.findByRole('region', { name: 'Acme Corp' })
    fireEvent.click(within(group).getByRole('button', { name: 'Actions for Stripe (sandbox)' }))
    fireEvent.click(await screen.findByRole('menuitem', { name: /Duplicate to production/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Duplicate Stripe to production' })
    expect(dialog.textContent).toContain('Credentials are not copied')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create production copy' }))

    expect(await within(dialog).findByText('Enter its credentials now?')).toBeTruthy()
    expect(within(dialog).getByLabelText('Environment: production')).toBeTruthy()
    await waitFor(() => expect(within(group).getByLabelText('Environment: production')).toBeTruthy())
    const copy = temp.core.connections.get('conn_stripe_acme-corp_production')
    expect(copy).toMatchObject({ config: { accountId: 'acct_123' }, secrets: [], status: 'disconnected' })

    type(await within(dialog).findByLabelText(/Secret key/), 'sk_live_51Hzyxwvutsrqpo9999')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save credentials' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 })
    expect(temp.core.connections.get('conn_stripe_acme-corp_production')).toMatchObject({
      status: 'connected',
      secrets: [{ field: 'apiKey', hint: 'sk_live_…9999' }],
    })
    const rows = within(group).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(document.body.innerHTML).not.toContain('zyxwvutsrqpo')
  })

  it('filters by environment and search, and deletes a connection after naming it', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'stripe',
      environment: 'production',
      label: 'Live',
    })
    mount()
    const group = await screen.findByRole('region', { name: 'Acme Corp' })
    expect(within(group).getAllByRole('row')).toHaveLength(3)
    fireEvent.click(screen.getByRole('radio', { name: 'Production' }))
    await waitFor(() => expect(within(group).getAllByRole('row')).toHaveLength(2))
    expect(within(group).getByText('1 of 2 connections')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'All' }))
    type(screen.getByRole('searchbox', { name: 'Search connections' }), 'nothing-like-this')
    expect(await screen.findByText('No connections match')).toBeTruthy()
    fireEvent.click(button('Clear filters'))
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: 'Acme Corp' })).getAllByRole('row')).toHaveLength(3),
    )

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Live (Stripe) (production)' }))
    fireEvent.click(await screen.findByRole('menuitem', { name: /Delete/ }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete Live (Stripe) for Acme Corp?' })
    expect(dialog.textContent).toContain('conn_stripe_acme-corp_production')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete connection' }))
    await waitFor(() => expect(temp.core.connections.list()).toHaveLength(1))
    await waitFor(() => expect(screen.queryByText('conn_stripe_acme-corp_production')).toBeNull())
  })
})

describe('a connection', () => {
  it('warns about missing credentials and takes them (rotation replaces them)', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
    mount('#/connections/conn_stripe_acme-corp_sandbox')
    expect(await screen.findByRole('heading', { name: 'Stripe', level: 2 })).toBeTruthy()
    expect(await screen.findByText('Credentials missing')).toBeTruthy()
    expect(screen.getByText(/Required but not set: Secret key/)).toBeTruthy()
    fireEvent.click(within(screen.getByRole('alert', { name: 'Credentials missing' })).getByRole('button'))
    const dialog = await screen.findByRole('dialog', { name: /Enter credentials of Stripe/ })
    type(await within(dialog).findByLabelText(/Secret key/), 'pk_test_wrong')
    // The secret field's description is shown under it (RJSF's password widget leaves it out).
    expect(within(dialog).getByText(/^sk_test_… for sandbox, sk_live_…/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save credentials' }))
    expect(
      await within(dialog).findAllByText(
        'Secret key must start with sk_test_, sk_live_, rk_test_ or rk_live_.',
      ),
    ).not.toHaveLength(0)
    type(within(dialog).getByLabelText(/Secret key/), stripeKey)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save credentials' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 15_000 })
    const credentials = screen.getByRole('region', { name: 'Credentials' })
    await waitFor(() => expect(within(credentials).getByText('sk_test_…4242')).toBeTruthy())
    expect(within(credentials).getByText(/v1/)).toBeTruthy()
    expect(screen.queryByText('Credentials missing')).toBeNull()

    fireEvent.click(within(credentials).getByRole('button', { name: 'Rotate secret' }))
    const rotate = await screen.findByRole('dialog', { name: /Replace credentials of Stripe/ })
    type(await within(rotate).findByLabelText(/Secret key/), 'sk_test_51Hnewnewnewnew7777')
    fireEvent.click(within(rotate).getByRole('button', { name: 'Save credentials' }))
    await waitFor(() => expect(within(credentials).getByText('sk_test_…7777')).toBeTruthy(), {
      timeout: 15_000,
    })
    expect(within(credentials).getByText(/v2/)).toBeTruthy()
    expect(document.body.innerHTML).not.toContain('newnewnewnew')
  })

  it('edits its settings, with the core’s objection on the field', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
    mount('#/connections/conn_stripe_acme-corp_sandbox')
    const settings = await screen.findByRole('region', { name: 'Settings' })
    const account = await within(settings).findByRole('textbox', { name: /Connected account/ })
    type(account, 'cus_123')
    fireEvent.click(within(settings).getByRole('button', { name: 'Save settings' }))
    expect(
      (await within(settings).findAllByText(/Connected account must start with acct_/)).length,
    ).toBeGreaterThan(0)
    expect(temp.core.connections.get('conn_stripe_acme-corp_sandbox').config).toEqual({})
    type(account, 'acct_42')
    fireEvent.click(within(settings).getByRole('button', { name: 'Save settings' }))
    await waitFor(() =>
      expect(temp.core.connections.get('conn_stripe_acme-corp_sandbox').config).toEqual({
        accountId: 'acct_42',
      }),
    )
  })

  it('reviews an upgrade in the new version’s settings form, fixing what no longer fits, then applies it', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    await importWidgets('1.0.0')
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'acme-widgets',
      environment: 'sandbox',
      config: { region: 'mars' },
    })
    await importWidgets('1.1.0', { config: true })
    mount()
    const group = await screen.findByRole('region', { name: 'Acme Corp' })
    expect(within(group).getByText('Upgrade to 1.1.0')).toBeTruthy()
    fireEvent.click(within(group).getByRole('link', { name: 'Acme Widgets' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Review upgrade' }))
    const dialog = await screen.findByRole('dialog', { name: 'Review upgrade' })
    const changes = await within(dialog).findByRole('table', { name: 'Changes to the settings' })
    expect(within(changes).getByText('config.timeout')).toBeTruthy()
    expect(within(changes).getByText('added')).toBeTruthy()
    expect(dialog.textContent).toContain('The current settings do not fit 1.1.0')

    // The form is 1.1.0's: Region is now a list, Timeout a new field with its default, and the
    // value that no longer fits is marked on its field.
    const settings = await within(dialog).findByRole('group', { name: 'Settings in 1.1.0' })
    await formLoaded(settings)
    const region = within(settings).getByRole('combobox', { name: /Region/ })
    await waitFor(() => expect(region.getAttribute('aria-invalid')).toBe('true'))
    expect((within(settings).getByRole('textbox', { name: /Timeout/ }) as HTMLInputElement).value).toBe('30')

    // Applying as it is stops at the form's own check: the field says why, nothing changes.
    const apply = within(dialog).getByRole('button', { name: 'Apply upgrade to 1.1.0' })
    expect(apply.hasAttribute('disabled')).toBe(false)
    fireEvent.click(apply)
    expect(
      (await within(settings).findAllByText(/must be equal to one of the allowed values|must be one of/))
        .length,
    ).toBeGreaterThan(0)
    expect(temp.core.connections.get('conn_acme-widgets_acme-corp_sandbox').definitionVersion).toBe('1.0.0')

    // Fixed in the dialog: applied with the new settings, in one step.
    await userEvent.type(region, 'eu{ArrowDown}{Enter}')
    await waitFor(() => expect(dialog.textContent).not.toContain('The current settings do not fit'))
    fireEvent.click(apply)
    await waitFor(() =>
      expect(temp.core.connections.get('conn_acme-widgets_acme-corp_sandbox')).toMatchObject({
        definitionVersion: '1.1.0',
        config: { region: 'eu', timeout: 30 },
        upgradeAvailable: null,
      }),
    )
    expect(
      temp.core.audit.list({ kind: 'connection.upgraded', limit: 5 }).events.map((e) => e.details),
    ).toEqual([{ from: '1.0.0', to: '1.1.0' }])
  })

  it('shows endpoints that move to another host and applies only once they are confirmed', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    await importWidgets('1.0.0')
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    const { id } = temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'acme-widgets',
      environment: 'sandbox',
    })
    await importWidgets('1.1.0', { baseUrl: 'https://api.elsewhere.example' })
    mount(`#/connections/${id}`)
    fireEvent.click(await screen.findByRole('button', { name: 'Review upgrade' }))
    const dialog = await screen.findByRole('dialog', { name: 'Review upgrade' })
    const moves = await within(dialog).findByRole('table', { name: 'Endpoints that move' })
    expect(within(moves).getByText('api.baseUrl.production')).toBeTruthy()
    expect(within(moves).getByText('https://api.example.com')).toBeTruthy()
    expect(within(moves).getByText('https://api.elsewhere.example')).toBeTruthy()
    const apply = within(dialog).getByRole('button', { name: 'Apply upgrade to 1.1.0' })
    expect(apply.hasAttribute('disabled')).toBe(true)
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /trust the new hosts/ }))
    await waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false))
    fireEvent.click(apply)
    await waitFor(() => expect(temp.core.connections.get(id).definitionVersion).toBe('1.1.0'))
  })
})

describe('settings', () => {
  it('shows how secrets are protected and sets the passphrase', async () => {
    startCore({ keyProtector: memoryKeyring() })
    await temp.core.vault.setup()
    mount('#/settings')
    const card = await screen.findByRole('region', { name: 'Secret protection' })
    expect(await within(card).findByText('Unlocked')).toBeTruthy()
    expect(within(card).getByText('OS keyring (Electron safeStorage)')).toBeTruthy()
    expect(card.textContent).toContain('In use: it holds the vault key')
    expect(within(card).getByText('Not set')).toBeTruthy()
    fireEvent.click(within(card).getByRole('button', { name: 'Set passphrase' }))
    const dialog = await screen.findByRole('dialog', { name: 'Set a vault passphrase' })
    type(within(dialog).getByLabelText(/^New passphrase/), 'short')
    type(within(dialog).getByLabelText(/^Confirm new passphrase/), 'short')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set passphrase' }))
    expect(await within(dialog).findByText(/Use at least 10 characters/)).toBeTruthy()
    type(within(dialog).getByLabelText(/^New passphrase/), passphrase)
    type(within(dialog).getByLabelText(/^Confirm new passphrase/), passphrase)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set passphrase' }))
    await waitFor(() => expect(within(card).getByText('Set')).toBeTruthy(), { timeout: 15_000 })
    expect(temp.core.vault.status().passphraseSet).toBe(true)
  })

  it('sets how long the vault stays open without activity (15 minutes unless changed)', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    mount('#/settings')
    const card = await screen.findByRole('region', { name: 'Lock when idle' })
    expect(await within(card).findByText('Now: locks after 15 minutes.')).toBeTruthy()
    type(within(card).getByLabelText('Minutes without activity'), '5')
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }))
    expect(await within(card).findByText('Now: locks after 5 minutes.')).toBeTruthy()
    expect(temp.core.settings.get('vault.idleLockMinutes')).toBe(5)
  })

  it('exports secrets only after the vault passphrase, saved by the main process, never downloaded', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({
      clientId: acme.id,
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    const downloads: Blob[] = []
    const createObjectURL = URL.createObjectURL
    URL.createObjectURL = (blob: Blob) => (downloads.push(blob), 'blob:test')
    mount('#/settings')
    try {
      fireEvent.click(await screen.findByRole('button', { name: 'Export…' }))
      const dialog = await screen.findByRole('dialog', { name: 'Export clients and connections' })
      fireEvent.click(within(dialog).getByRole('switch', { name: /Include secrets/ }))
      type(within(dialog).getByLabelText(/^Export passphrase/), 'moving day passphrase')
      type(within(dialog).getByLabelText(/^Confirm export passphrase/), 'moving day passphrase')
      type(within(dialog).getByLabelText(/^Vault passphrase/), 'not the vault passphrase')
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export with secrets' }))
      expect(
        await within(dialog).findByText('The vault passphrase is not the vault passphrase.', undefined, {
          timeout: 15_000,
        }),
      ).toBeTruthy()
      type(within(dialog).getByLabelText(/^Vault passphrase/), passphrase)
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export with secrets' }))
      const saved = await within(dialog).findByText(/^Saved to .*\.sbvault\./, undefined, { timeout: 15_000 })
      expect(saved.textContent).toContain(join(temp.dataDir, 'exports'))
    } finally {
      URL.createObjectURL = createObjectURL
    }
    expect(downloads).toEqual([])
  })

  it('exports without secrets (saying so) and imports the file elsewhere', async () => {
    startCore()
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
    const downloads: Blob[] = []
    const createObjectURL = URL.createObjectURL
    URL.createObjectURL = (blob: Blob) => (downloads.push(blob), 'blob:test')
    const view = mount('#/settings')
    try {
      fireEvent.click(await screen.findByRole('button', { name: 'Export…' }))
      const dialog = await screen.findByRole('dialog', { name: 'Export clients and connections' })
      expect(within(dialog).getByText('No secrets included')).toBeTruthy()
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export without secrets' }))
      expect(await within(dialog).findByText(/It includes no secrets/)).toBeTruthy()
    } finally {
      URL.createObjectURL = createObjectURL
    }
    const exported = await (downloads[0] as Blob).text()
    expect(JSON.parse(exported)).toMatchObject({ format: 'switchboard.transfer', encrypted: false })

    // Into another installation.
    view.unmount()
    temp.dispose()
    rmSync(definitionsDir, { recursive: true, force: true })
    startCore()
    await temp.core.vault.setup(passphrase)
    mount('#/settings')
    fireEvent.click(await screen.findByRole('button', { name: 'Import…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import clients and connections' })
    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement
    fireEvent.change(input, {
      target: { files: [new File([exported], 'export.json', { type: 'application/json' })] },
    })
    expect(await within(dialog).findByText('export.json')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    expect(await within(dialog).findByText(/1 client, 1 connection and 0 secrets/)).toBeTruthy()
    expect(temp.core.connections.list().map((c) => c.id)).toEqual(['conn_stripe_acme-corp_sandbox'])
  })
})

/** An OAuth 2.0 definition with its endpoints given (no issuer): sign-in starts without any network. */
function loopy(grantType: 'authorization_code' | 'client_credentials' = 'authorization_code') {
  const { apiKeyConfig: _unused, ...definition } = makeDefinition('loopy', {
    name: 'Loopy',
    authType: 'oauth2',
    oauth2Config: {
      authorizationUrl: 'http://127.0.0.1:9/authorize',
      tokenUrl: 'http://127.0.0.1:9/token',
      scopes: ['openid', 'api:read'],
      clientAuthMethod: 'none',
      grantType,
    },
    api: { baseUrl: { production: 'http://127.0.0.1:9' } },
    secretSchema: { type: 'object', properties: {} },
    configSchema: { type: 'object', properties: {} },
  })
  return definition
}

async function loopyConnection() {
  startCore()
  await temp.core.vault.setup(passphrase)
  const report = await temp.core.definitions.importFiles([
    { name: 'loopy.json', content: JSON.stringify(loopy()) },
  ])
  expect(report.rejected).toBeFalsy()
  const acme = temp.core.clients.create({ name: 'Acme Corp' })
  return temp.core.connections.create({
    clientId: acme.id,
    integrationId: 'loopy',
    environment: 'production',
  }).id
}

describe('OAuth sign-in', () => {
  it('takes the OAuth app, starts a sign-in showing the address to open, and cancels it', async () => {
    const id = await loopyConnection()
    mount(`#/connections/${id}`)
    const card = await screen.findByRole('region', { name: 'Sign-in' })
    expect(await within(card).findByText('Not signed in')).toBeTruthy()
    const form = await within(card).findByRole('form', { name: 'Your Loopy OAuth app' })
    expect(form.textContent).toContain('http://127.0.0.1/callback')
    fireEvent.click(within(form).getByRole('button', { name: 'Save app' }))
    expect(await within(form).findByText('Enter the client id of your app.')).toBeTruthy()
    type(within(form).getByRole('textbox', { name: /Client id/ }), 'loopy-native')
    fireEvent.click(within(form).getByRole('radio', { name: 'Only this connection' }))
    fireEvent.click(within(form).getByRole('button', { name: 'Save app' }))

    const signIn = await within(card).findByRole(
      'button',
      { name: 'Sign in with Loopy' },
      { timeout: 15_000 },
    )
    expect(temp.core.auth.apps.get('loopy', id)).toMatchObject({ clientId: 'loopy-native', hasSecret: false })
    expect(temp.core.auth.apps.get('loopy', null)).toBeNull()
    expect(card.textContent).toContain('(this connection’s)')

    fireEvent.click(signIn)
    const waiting = await within(card).findByRole('region', { name: 'Waiting for the browser' })
    expect(within(waiting).getByText('Finish signing in in your browser')).toBeTruthy()
    const link = within(waiting).getByRole('link', { name: 'Authorization URL' })
    const url = new URL(link.getAttribute('href') ?? '')
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/authorize')
    expect(url.searchParams.get('client_id')).toBe('loopy-native')
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    expect(link.getAttribute('target')).toBe('_blank')
    expect((await temp.core.dispatch('auth.status', { connectionId: id })).ok).toBe(true)
    expect(temp.core.auth.status(id).signInInProgress).toBe(true)

    // The paste fallback, on request; a wrong address keeps the attempt waiting.
    fireEvent.click(within(waiting).getByRole('button', { name: /Paste the address/ }))
    type(
      within(waiting).getByRole('textbox', { name: 'Address from the browser' }),
      'https://elsewhere.example/x',
    )
    fireEvent.click(within(waiting).getByRole('button', { name: 'Finish' }))
    expect(await within(waiting).findByText(/not the redirect of this sign-in/)).toBeTruthy()

    fireEvent.click(within(waiting).getByRole('button', { name: 'Cancel' }))
    expect(await within(card).findByRole('button', { name: 'Sign in with Loopy' })).toBeTruthy()
    expect(within(card).queryByRole('region', { name: 'Waiting for the browser' })).toBeNull()
    await waitFor(() => expect(temp.core.auth.status(id).signInInProgress).toBe(false))
    // No error for a cancel the person asked for.
    expect(within(card).queryByRole('alert')).toBeNull()
  })

  it('shows a sign-in that failed with its reason', async () => {
    const id = await loopyConnection()
    temp.core.auth.apps.set({ integrationId: 'loopy', clientId: 'loopy-native' })
    mount(`#/connections/${id}`)
    const card = await screen.findByRole('region', { name: 'Sign-in' })
    fireEvent.click(await within(card).findByRole('button', { name: 'Sign in with Loopy' }))
    const waiting = await within(card).findByRole('region', { name: 'Waiting for the browser' })
    const url = new URL(
      within(waiting).getByRole('link', { name: 'Authorization URL' }).getAttribute('href') ?? '',
    )
    // The provider says no: the browser comes back with error=access_denied.
    const callback = new URL(url.searchParams.get('redirect_uri') ?? '')
    callback.searchParams.set('error', 'access_denied')
    callback.searchParams.set('state', url.searchParams.get('state') ?? '')
    fireEvent.click(within(waiting).getByRole('button', { name: /Paste the address/ }))
    type(within(waiting).getByRole('textbox', { name: 'Address from the browser' }), callback.href)
    fireEvent.click(within(waiting).getByRole('button', { name: 'Finish' }))
    const alert = await within(card).findByRole('alert', {}, { timeout: 15_000 })
    expect(alert.textContent).toContain('Access was not granted')
    expect(within(card).getByRole('button', { name: 'Sign in with Loopy' })).toBeTruthy()
  })
})
