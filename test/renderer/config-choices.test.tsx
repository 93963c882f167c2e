/**
 * The core runs in this test's process, where happy-dom's fetch stands in for Node's: the choices'
 * request to the loopback provider is not the page's, so the same-origin policy is off.
 * @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
 */
// A setting that only exists after sign-in (Xero's organisation, a Slack workspace): the list shows
// the connection as "needs-setup", its page offers a picker filled from the method the definition
// names (called for real against a loopback provider with the connection's credentials), and saving
// the choice makes the connection usable — the listing call already proved the credentials.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider } from '../support/provider.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

describe('a setting picked after sign-in', () => {
  it('shows needs-setup, lists the choices from the provider and saves the one picked', async () => {
    const provider = await startProvider()
    cleanups.push(() => provider.close())
    provider.route(
      'GET',
      '/connections',
      json(200, [
        { tenantId: 'tenant-a', tenantName: 'Acme Ltd' },
        { tenantId: 'tenant-b', tenantName: 'Acme Holdings' },
      ]),
    )
    const definition = makeDefinition('tenanted', {
      name: 'Tenanted Books',
      api: { baseUrl: { production: provider.url } },
      configSchema: {
        type: 'object',
        properties: { tenantId: { type: 'string', title: 'Organisation' } },
        required: ['tenantId'],
      },
      configChoices: {
        tenantId: { method: 'tenants.list', items: '$', value: 'tenantId', label: 'tenantName' },
      },
      methods: [
        {
          id: 'tenants.list',
          name: 'Organisations',
          description: 'The organisations this sign-in may use.',
          kind: 'read',
          inputSchema: { type: 'object', properties: {} },
          outputSchema: { type: 'array' },
          http: { method: 'GET', path: '/connections' },
        },
      ],
    })
    const temp = await coreWith([definition])
    cleanups.push(temp.dispose)
    const id = connectionOf(temp, 'tenanted', { apiKey: 'key-0000000000000000' })
    const bridge = buildBridgeApi(callNames, (name, args) =>
      temp.core.dispatch(name, args),
    ) as unknown as SwitchboardBridge
    window.location.hash = '#/connections'
    const view = render(<Root client={createClient(bridge)} />)
    cleanups.push(() => view.unmount())

    const group = await screen.findByRole('region', { name: 'Acme' })
    expect(await within(group).findByText('needs-setup')).toBeTruthy()
    fireEvent.click(within(group).getByRole('link', { name: 'Tenanted Books' }))

    const setup = await screen.findByRole('alert', { name: 'Needs setup' })
    await waitFor(() => expect(setup.textContent).toContain('Choose Organisation'))
    const picker = await within(setup).findByRole('combobox', { name: /Organisation/ })
    await waitFor(() => expect(picker.hasAttribute('disabled')).toBe(false))
    await userEvent.type(picker, 'Holdings{ArrowDown}{Enter}')
    expect((picker as HTMLInputElement).value).toBe('Acme Holdings (tenant-b)')
    fireEvent.click(within(setup).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(temp.core.connections.get(id).config).toEqual({ tenantId: 'tenant-b' }))
    expect(temp.core.connections.get(id).state).toBe('healthy')
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Needs setup' })).toBeNull())
    // The choices came from the provider, asked with the connection's own key.
    expect(provider.seen.map((request) => request.headers.authorization)).toContain(
      'Bearer key-0000000000000000',
    )
  })
})
