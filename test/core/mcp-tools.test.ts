// The core's MCP tool list (what `switchboard mcp` serves and mcp.preview shows): selection errors
// name their field and change nothing, signed-out connections are left out, and more than 40 tools
// bring a warning that suggests --methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Outcome } from '../../src-main/contract/errors.ts'
import type { McpPreview, McpSelection } from '../../src-main/contract/types.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { makeDefinition } from '../support/definitions.ts'
import { stdioPeer } from '../support/mcp.ts'
import { coreWith } from '../support/oidc-server.ts'
import type { TempCore } from '../support/temp-core.ts'

let temp: TempCore
beforeAll(async () => {
  temp = await coreWith([makeDefinition('big', {}, 45), makeDefinition('small', {}, 2)])
  temp.core.clients.create({ name: 'Other' })
  for (const integrationId of ['big', 'small'])
    temp.core.connections.create({
      clientId: 'acme',
      integrationId,
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_000000' },
    })
  // Signed out: no secret at all.
  temp.core.connections.create({ clientId: 'acme', integrationId: 'small', environment: 'production' })
}, 60_000)
afterAll(() => temp.dispose())

const preview = (args: McpSelection) =>
  temp.core.dispatch('mcp.preview', args) as Promise<Outcome<McpPreview>>

describe('mcp.preview', () => {
  it('warns above 40 tools and suggests --methods; a glob narrows the list', async () => {
    const all = await preview({ clientId: 'acme' })
    expect(all.ok && all.value.tools.length).toBe(47)
    expect(all.ok && all.value.warning).toMatch(/47 tools .* --methods/)
    const narrowed = await preview({ clientId: 'acme', methods: ['items.get1*'] })
    expect(narrowed.ok && narrowed.value.tools.map((t) => t.name)).toEqual([
      'big_sbx_items_get1',
      'big_sbx_items_get10',
      'big_sbx_items_get11',
      'big_sbx_items_get12',
      'big_sbx_items_get13',
      'big_sbx_items_get14',
      'big_sbx_items_get15',
      'big_sbx_items_get16',
      'big_sbx_items_get17',
      'big_sbx_items_get18',
      'big_sbx_items_get19',
      'small_sbx_items_get1',
    ])
    expect(narrowed.ok && narrowed.value.warning).toBeNull()
    expect(narrowed.ok && narrowed.value.args).toEqual([
      'mcp',
      '--client',
      'acme',
      '--methods',
      'items.get1*',
    ])
  })

  it('leaves out signed-out connections, saying why', () => {
    const plan = temp.core.mcp.preview({ clientId: 'acme' })
    const signedOut = plan.connections.find((c) => c.id === 'conn_small_acme_production')
    expect(signedOut?.excluded).toMatch(/signed out/)
    expect(plan.tools.some((t) => t.connectionId === 'conn_small_acme_production')).toBe(false)
  })

  it('a connection of another client, or an unknown client, is an error naming the field', async () => {
    const foreign = await preview({ clientId: 'other', connectionIds: ['conn_big_acme_sandbox'] })
    expect(foreign.ok).toBe(false)
    if (!foreign.ok) {
      expect(foreign.error.code).toBe('INVALID_ARGUMENT')
      expect(foreign.error.details?.issues?.[0]?.path).toBe('connectionIds')
    }
    expect(() => temp.core.mcp.preview({ clientId: 'nobody' })).toThrow(AppError)
    const badArgs = await preview({ clientId: 'acme', methods: [''] })
    expect(badArgs.ok).toBe(false)
  })

  it('switchboard mcp warns on stderr when it serves more than 40 tools', async () => {
    const peer = await stdioPeer(temp.dataDir, ['--client', 'acme'])
    try {
      const { tools } = await peer.client.listTools()
      expect(tools).toHaveLength(47)
      expect(peer.stderr()).toMatch(/warning: 47 tools would be exposed.*--methods/)
    } finally {
      await peer.close()
    }
  }, 60_000)
})
