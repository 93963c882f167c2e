// The Audit page against a real core (its dispatch standing in for IPC): the filters narrow what the
// core lists, an event opens in its detail drawer, the export hands over the filtered trail as JSON
// Lines, and the verify badge turns red, naming the event, once someone edits a row in the file.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
beforeEach(async () => {
  temp = createTempCore()
  await temp.core.vault.setup('correct horse battery staple')
  const acme = temp.core.clients.create({ name: 'Acme Corp' })
  const globex = temp.core.clients.create({ name: 'Globex' })
  temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
  temp.core.connections.create({ clientId: globex.id, integrationId: 'stripe', environment: 'production' })
})
afterEach(() => temp.dispose())

function mount() {
  const bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  window.location.hash = '#/audit'
  return render(<Root client={createClient(bridge)} />)
}

const table = () => screen.getByRole('table', { name: 'Audit events' })
const actionsShown = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('aria-label')?.replace(/^Event \d+: /, ''))

/** Opens a Mantine Select by its label and picks the option. */
async function choose(label: string, option: string | RegExp) {
  // The label names the input and its listbox both.
  const input = screen.getAllByLabelText(label).find((element) => element.tagName === 'INPUT')
  fireEvent.click(input!)
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }))
}

describe('Audit page', () => {
  it('filters by client and kind, and clears the filters', async () => {
    mount()
    await screen.findByRole('table', { name: 'Audit events' })
    expect(actionsShown()).toEqual([
      'connection.created',
      'connection.created',
      'client.created',
      'client.created',
      'vault.set-up',
    ])
    await choose('Client', 'Globex')
    await waitFor(() => expect(actionsShown()).toEqual(['connection.created', 'client.created']))
    await choose('Kind', 'client.*')
    await waitFor(() => expect(actionsShown()).toEqual(['client.created']))
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(actionsShown()).toHaveLength(5))
    await choose('Kind', 'vault.set-up')
    await waitFor(() => expect(actionsShown()).toEqual(['vault.set-up']))
  })

  it('opens an event in its detail drawer, from the keyboard too', async () => {
    mount()
    await screen.findByRole('table', { name: 'Audit events' })
    const row = within(table()).getAllByRole('row')[1]!
    const seq = row.getAttribute('aria-label')?.match(/^Event (\d+)/)?.[1]
    fireEvent.keyDown(row, { key: 'Enter' })
    const drawer = await screen.findByRole('dialog', { name: `Event #${seq}` })
    expect(within(drawer).getAllByText('connection.created').length).toBeGreaterThan(0)
    expect(within(drawer).getAllByText(/production/).length).toBeGreaterThan(0)
  })

  it('exports the filtered trail as JSON Lines', async () => {
    const downloads: Blob[] = []
    const createObjectURL = URL.createObjectURL
    URL.createObjectURL = (blob: Blob) => (downloads.push(blob), 'blob:test')
    try {
      mount()
      await screen.findByRole('table', { name: 'Audit events' })
      await choose('Kind', 'client.*')
      await waitFor(() => expect(actionsShown()).toEqual(['client.created', 'client.created']))
      fireEvent.click(screen.getByRole('button', { name: 'Export JSON Lines' }))
      await waitFor(() => expect(downloads).toHaveLength(1))
    } finally {
      URL.createObjectURL = createObjectURL
    }
    const lines = (await downloads[0]!.text()).trim().split('\n')
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toEqual([
      'client.created',
      'client.created',
    ])
    expect(downloads[0]!.type).toBe('application/x-ndjson')
  })

  it('shows the chain broken at the edited event', async () => {
    const view = mount()
    expect(await screen.findByText(/Chain intact · 5 events/)).toBeTruthy()
    view.unmount()
    const sqlite = temp.core.db.$client
    sqlite.exec('DROP TRIGGER audit_events_no_update')
    sqlite.exec("UPDATE audit_events SET target = 'someone-else' WHERE seq = 3")
    mount()
    expect(await screen.findByText('Chain broken at event 3')).toBeTruthy()
  })
})
