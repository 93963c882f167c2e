// notifications/tools/list_changed when the selected connections change in another process: a
// connection signed out (its credentials disconnected: excluded as "signed out" by core/mcp/tools.ts)
// and a connection removed. The peer is the official SDK's Client over stdio, spawning the built
// `switchboard mcp` with its hidden --poll-ms knob (2 s by default) turned down; the changes are made
// by a second core on the same data folder, as the app or the CLI would.
import { rmSync } from 'node:fs'
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { crmDefinition, passphrase, stdioPeer, type StdioPeer } from '../support/mcp.ts'
import { coreWith } from '../support/oidc-server.ts'
import { createTempCore } from '../support/temp-core.ts'

const secret = 'sk_live_list_changed_secret_91c4'
let dataDir = ''
let peer: StdioPeer
let production = ''
let sandbox = ''

/** Runs `change` on a core of its own (closed afterwards), with the vault open. */
async function inAnotherProcess(change: (core: ReturnType<typeof createTempCore>['core']) => unknown) {
  const temp = createTempCore({ dataDir, actor: 'tester' })
  try {
    await temp.core.vault.unlock(passphrase)
    await change(temp.core)
  } finally {
    temp.core.close()
  }
}

/** Resolves on the next notifications/tools/list_changed the peer receives. */
function nextListChanged(): Promise<void> {
  return new Promise((resolve) =>
    peer.client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
  )
}

const toolNames = async () => (await peer.client.listTools()).tools.map((t) => t.name).sort()

beforeAll(async () => {
  // The provider is never reached: nothing here calls a tool.
  const temp = await coreWith([crmDefinition('http://127.0.0.1:9')])
  dataDir = temp.dataDir
  production = temp.core.connections.create({
    clientId: 'acme',
    integrationId: 'acmecrm',
    environment: 'production',
    secrets: { apiKey: secret },
  }).id
  sandbox = temp.core.connections.create({
    clientId: 'acme',
    integrationId: 'acmecrm',
    environment: 'sandbox',
    secrets: { apiKey: secret },
  }).id
  temp.core.close()
  peer = await stdioPeer(dataDir, ['--client', 'acme', '--poll-ms', '200'])
}, 90_000)

afterAll(async () => {
  await peer?.close()
  for (const message of peer?.log ?? []) expect(message).not.toContain(secret)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('tools/list_changed (SDK Client over stdio)', () => {
  it('starts with both connections’ tools', async () => {
    expect(await toolNames()).toEqual([
      'acmecrm_prod_items_get0',
      'acmecrm_prod_items_get1',
      'acmecrm_prod_items_get2',
      'acmecrm_sbx_items_get0',
      'acmecrm_sbx_items_get1',
      'acmecrm_sbx_items_get2',
    ])
  }, 30_000)

  it('a connection signed out (credentials disconnected): list_changed, and its tools are gone', async () => {
    const changed = nextListChanged()
    await inAnotherProcess(async (core) => {
      await core.handlers['auth.disconnect']({ connectionId: sandbox })
      expect(core.connections.get(sandbox).state).toBe('disconnected')
    })
    await changed
    expect(await toolNames()).toEqual([
      'acmecrm_prod_items_get0',
      'acmecrm_prod_items_get1',
      'acmecrm_prod_items_get2',
    ])
  }, 30_000)

  it('signed in again (secrets saved): list_changed, and its tools are back', async () => {
    const changed = nextListChanged()
    await inAnotherProcess(async (core) => {
      core.connections.rotateSecret(sandbox, { apiKey: secret }, { confirmEnvironment: true })
    })
    await changed
    expect(await toolNames()).toContain('acmecrm_sbx_items_get0')
  }, 30_000)

  it('a connection removed: list_changed, and its tools are gone', async () => {
    const changed = nextListChanged()
    await inAnotherProcess((core) => core.handlers['connections.delete']({ id: production }))
    await changed
    expect(await toolNames()).toEqual([
      'acmecrm_sbx_items_get0',
      'acmecrm_sbx_items_get1',
      'acmecrm_sbx_items_get2',
    ])
  }, 30_000)
})
