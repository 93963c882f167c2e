/**
 * The core runs in this test's process, where happy-dom's fetch stands in for Node's: the checks'
 * requests to the loopback provider are cross-origin to the test page, so its same-origin policy is off.
 * @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
 */
// The Health page against a real core and loopback providers, through the same bridge the preload
// builds: the empty state, "Check all now" filling the grid (failing first, status colours, latency,
// the chart), the filters, and the detail drawer with each check's findings.
import { render, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { healthDefinition } from '../support/health.ts'
import { coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import type { TempCore } from '../support/temp-core.ts'

let temp: TempCore | undefined
let provider: Provider | undefined
afterEach(async () => {
  temp?.dispose()
  await provider?.close()
  temp = undefined
  provider = undefined
})

function mount() {
  window.location.hash = '#/health'
  const core = temp!.core
  const bridge = buildBridgeApi(callNames, (name, args) =>
    core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  return render(<Root client={createClient(bridge)} />)
}

async function withConnections() {
  provider = await startProvider()
  provider.route('GET', '/ok/me', json(200, { id: 'acct' }))
  provider.route('GET', '/denied/me', json(401, { message: 'This API key was revoked' }))
  temp = await coreWith([healthDefinition()])
  temp.core.clients.create({ name: 'Globex' })
  const add = (id: string, path: string, clientId: string, environment: 'production' | 'sandbox') =>
    temp!.core.connections.create({
      id,
      clientId,
      integrationId: 'svc',
      environment,
      config: { baseUrl: `${provider!.url}${path}` },
      secrets: { apiKey: `key-${id}` },
    })
  add('acme-ok', '/ok', 'acme', 'production')
  add('acme-revoked', '/denied', 'acme', 'production')
  add('globex-sandbox', '/ok', 'globex', 'sandbox')
}

describe('the Health page', () => {
  it('shows its empty state without connections', async () => {
    temp = await coreWith([])
    mount()
    expect(await screen.findByText('No health checks yet')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Check all now' })).toBeNull()
  })

  it('checks all now, lists failing first per client, filters, and opens the history', async () => {
    await withConnections()
    const user = userEvent.setup()
    mount()
    const acmeOk = await screen.findByTestId('health-card-acme-ok')
    expect(acmeOk.dataset.status).toBe('untested')
    expect(within(acmeOk).getByText('Never checked')).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Check all now' }))
    await waitFor(() => expect(screen.getByTestId('health-card-acme-revoked').dataset.status).toBe('failing'))
    await waitFor(() => expect(screen.getByTestId('health-card-acme-ok').dataset.status).toBe('healthy'))
    await waitFor(() =>
      expect(screen.getByTestId('health-card-globex-sandbox').dataset.status).toBe('healthy'),
    )

    // Failing first within the client; the message and latency on the cards; the chart's summary.
    const acme = screen.getByRole('region', { name: 'Acme' })
    const cards = within(acme).getAllByTestId(/^health-card-/)
    expect(cards.map((c) => c.dataset.testid)).toEqual(['health-card-acme-revoked', 'health-card-acme-ok'])
    expect(within(cards[0]!).getByText(/Credentials refused: .*401.*This API key was revoked/)).toBeTruthy()
    expect(within(cards[1]!).getByText(/Checked just now · \d+ ms/)).toBeTruthy()
    expect(within(cards[1]!).getByRole('img', { name: /Last 1 checks: 0 failed/ })).toBeTruthy()
    // The transition to failing is an in-app alert.
    expect(await screen.findByText(/started failing/)).toBeTruthy()

    // Status filter: only failing ones.
    await user.type(screen.getByRole('combobox', { name: 'Status' }), 'Failing{ArrowDown}{Enter}')
    await waitFor(() => expect(screen.queryByTestId('health-card-acme-ok')).toBeNull())
    expect(screen.getByTestId('health-card-acme-revoked')).toBeTruthy()
    expect(screen.queryByTestId('health-card-globex-sandbox')).toBeNull()

    // The detail drawer: the check with every part's findings.
    await user.click(screen.getByRole('button', { name: 'History of acme-revoked' }))
    const drawer = await screen.findByRole('dialog')
    expect(await within(drawer).findByText('Connectivity')).toBeTruthy()
    expect(within(drawer).getByText('Credentials')).toBeTruthy()
    expect(within(drawer).getAllByText(/This API key was revoked/).length).toBeGreaterThan(0)
    expect(within(drawer).getByText(/manual · failed/)).toBeTruthy()
  })

  it('filters by environment through the core', async () => {
    await withConnections()
    const user = userEvent.setup()
    mount()
    await screen.findByTestId('health-card-globex-sandbox')
    await user.type(screen.getByRole('combobox', { name: 'Environment' }), 'Sandbox{ArrowDown}{Enter}')
    await waitFor(() => expect(screen.queryByTestId('health-card-acme-ok')).toBeNull())
    expect(screen.getByTestId('health-card-globex-sandbox')).toBeTruthy()
  })

  it('the Settings card changes the shared health settings', async () => {
    temp = await coreWith([])
    const user = userEvent.setup()
    window.location.hash = '#/settings'
    const core = temp.core
    const bridge = buildBridgeApi(callNames, (name, args) =>
      core.dispatch(name, args),
    ) as unknown as SwitchboardBridge
    render(<Root client={createClient(bridge)} />)
    const card = await screen.findByRole('region', { name: 'Health checks' })
    const rotation = await within(card).findByLabelText('Rotate production secrets after (days)')
    expect((rotation as HTMLInputElement).value).toBe('90')
    await user.clear(rotation)
    await user.type(rotation, '30')
    await user.click(within(card).getByRole('button', { name: 'Save health settings' }))
    await waitFor(() => expect(card.textContent).toMatch(/Saved|Could not/))
    await within(card).findByText('Saved')
    expect(core.health.settings().rotationDays).toEqual({ production: 30, sandbox: 180 })
    expect(core.settings.get('health.rotationDays.production')).toBe(30)
  })
})
