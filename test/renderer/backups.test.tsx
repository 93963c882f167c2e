// The Settings page's Backups card against a real core through the preload's bridge: the empty state,
// "Back up now", how many to keep (the core's bound), and a restore that brings the database back.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
afterEach(() => temp?.dispose())

function mount() {
  window.location.hash = '#/settings'
  const bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  return render(<Root client={createClient(bridge)} />)
}

describe('Settings: backups', () => {
  it('backs up now, then restores that backup after a confirmation', async () => {
    temp = createTempCore({ definitionsDir: tempDir('switchboard-no-defs-') })
    await temp.core.vault.setup('correct horse battery')
    temp.core.clients.create({ name: 'Acme Corp' })
    mount()
    const card = await screen.findByRole('region', { name: 'Backups' })
    expect(await within(card).findByText(/No backups yet/)).toBeTruthy()
    fireEvent.click(within(card).getByRole('button', { name: 'Back up now' }))
    const table = await within(card).findByRole('table', { name: 'Backups' })
    expect(within(table).getByText('Made by you')).toBeTruthy()

    // A change after the backup, then the restore takes the database back before it.
    temp.core.clients.create({ name: 'Beta Ltd' })
    fireEvent.click(within(table).getByRole('button', { name: 'Restore…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' })
    expect(within(dialog).getByText(/kept aside as a backup first/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }))
    await waitFor(() => expect(temp.core.clients.list().map((c) => c.name)).toEqual(['Acme Corp']))
    expect(await within(card).findByText('Kept aside at a restore')).toBeTruthy()
    expect(temp.core.audit.list({ limit: 1 }).events[0]?.action).toBe('backup.restored')
  })

  it('keeps the number of backups the user sets, within the core’s bounds', async () => {
    temp = createTempCore({ definitionsDir: tempDir('switchboard-no-defs-') })
    await temp.core.vault.setup('correct horse battery')
    mount()
    const card = await screen.findByRole('region', { name: 'Backups' })
    const kept = await within(card).findByRole('textbox', { name: 'Backups kept' })
    expect((kept as HTMLInputElement).value).toBe('7')
    fireEvent.change(kept, { target: { value: '3' } })
    fireEvent.blur(kept)
    await waitFor(() => expect(temp.core.settings.get('backups.keep')).toBe(3))
  })
})
