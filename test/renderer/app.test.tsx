// The renderer against a real core: the same bridge builder the preload uses, with the core's
// dispatch as the transport (in place of IPC), so every call crosses the contract for real.
import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { createClient, ApiError } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { pages } from '../../src-renderer/routes.tsx'
import { createTempCore, type TempCore } from '../support/temp-core.ts'
import { migrationCount } from '../support/migrations.ts'

let temp: TempCore
let bridge: SwitchboardBridge
beforeEach(() => {
  temp = createTempCore()
  bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
})
afterEach(() => temp.dispose())

function mount() {
  return render(<Root client={createClient(bridge)} />)
}

describe('app shell', () => {
  it('opens on Definitions and lists every page in the navigation', async () => {
    mount()
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent?.replace(/(Ctrl|⌘)\s*\d$/, '').trim()),
    ).toEqual(pages.map((page) => page.label))
    expect(await screen.findByRole('heading', { name: 'Definitions', level: 2 })).toBeTruthy()
    expect(
      within(nav)
        .getByRole('link', { name: /Definitions/ })
        .getAttribute('aria-current'),
    ).toBe('page')
  })

  it('moves between pages by link and by keyboard shortcut', async () => {
    mount()
    fireEvent.click(screen.getByRole('link', { name: /Health/ }))
    expect(await screen.findByRole('heading', { name: 'Health', level: 2 })).toBeTruthy()
    fireEvent.keyDown(document.documentElement, { key: '8', ctrlKey: true })
    expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeTruthy()
  })

  it('shows what the core reports on Settings', async () => {
    window.location.hash = '#/settings'
    mount()
    expect(await screen.findByText(temp.dataDir)).toBeTruthy()
    expect(screen.getByText(`version ${migrationCount}`)).toBeTruthy()
    const protection = screen.getByRole('region', { name: 'Secret protection' })
    expect(await within(protection).findByText(/SWITCHBOARD_PASSPHRASE/)).toBeTruthy()
    expect(within(protection).getByText('Not set up')).toBeTruthy()
  })

  it('shows an empty audit trail, then recorded events', async () => {
    window.location.hash = '#/audit'
    const view = mount()
    expect(await screen.findByText('Nothing recorded yet')).toBeTruthy()
    view.unmount()
    temp.core.writer.record({ action: 'connection.created', target: 'conn_xero_acme_sandbox' })
    mount()
    // In the list (and in the detail drawer, which Mantine keeps mounted).
    expect((await screen.findAllByText('connection.created')).length).toBeGreaterThan(0)
    expect(screen.getAllByText('conn_xero_acme_sandbox').length).toBeGreaterThan(0)
    expect(await screen.findByText(/Chain intact · 1 event/)).toBeTruthy()
  })

  it('shows a clear error with a retry when the core fails a call', async () => {
    temp.core.db.$client.exec('DROP TABLE audit_events')
    window.location.hash = '#/audit'
    mount()
    expect(await screen.findByRole('alert')).toBeTruthy()
    expect(screen.getByText(/Something went wrong inside Switchboard/)).toBeTruthy()
    expect(screen.getByText('Error code: INTERNAL')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
  })
})

describe('renderer client', () => {
  it('returns results and throws ApiError with code and issues for failures', async () => {
    const client = createClient(bridge)
    await expect(client.app.info()).resolves.toMatchObject({ dataDir: temp.dataDir })
    const error = await client.audit.list({ limit: 0 }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'limit' }] } })
  })

  it('turns a transport failure into UNAVAILABLE', async () => {
    const broken = buildBridgeApi(callNames, () =>
      Promise.reject(new TypeError('Failed to fetch')),
    ) as unknown as SwitchboardBridge
    await expect(createClient(broken).app.info()).rejects.toMatchObject({ code: 'UNAVAILABLE' })
  })
})
