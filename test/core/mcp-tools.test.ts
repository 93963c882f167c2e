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

describe('mcp.call asks the host before a production write', () => {
  it('only writes and deletes on production, with the secret-marked arguments masked; a no sends nothing', async () => {
    const definition = makeDefinition('guarded', {}, 2)
    const write = definition.methods[1]
    if (!write?.http) throw new Error('no write method')
    write.kind = 'write'
    write.http.method = 'POST'
    write.inputSchema = {
      type: 'object',
      properties: {
        itemId: { type: 'string' },
        expand: { type: 'boolean' },
        accessToken: { type: 'string', format: 'password' },
      },
      required: ['itemId'],
      additionalProperties: false,
    }
    const guarded = await coreWith([definition])
    try {
      for (const environment of ['production', 'sandbox'] as const)
        guarded.core.connections.create({
          clientId: 'acme',
          integrationId: 'guarded',
          environment,
          secrets: { apiKey: 'sk_test_000000' },
        })
      const selection: McpSelection = { clientId: 'acme', allowProductionWrites: true }
      const plan = guarded.core.mcp.preview(selection)
      const asked: unknown[] = []
      const confirm = async (call: { arguments: unknown }) => {
        asked.push(call.arguments)
        return { answer: 'declined' as const, reason: 'declined in the test' }
      }
      const prodWrite = plan.tools.find((t) => t.environment === 'production' && t.kind === 'write')
      const outcome = await guarded.core.mcp.call(
        plan,
        selection,
        prodWrite?.name ?? '',
        { itemId: 'a1', accessToken: 'tok_never_shown_1234' },
        { confirm },
      )
      expect(outcome).toMatchObject({ isError: true, call: null })
      expect(outcome.text).toBe('Not run: declined in the test. Nothing was sent to Service guarded.')
      expect(asked).toHaveLength(1)
      expect(JSON.stringify(asked[0])).not.toContain('tok_never_shown_1234')
      expect(asked[0]).toMatchObject({ itemId: 'a1' })
      expect(guarded.core.runtime.history(prodWrite?.connectionId ?? '').entries).toHaveLength(0)

      // A read on production and a write on sandbox are not put to anyone (they fail at the
      // unreachable provider, which is beside the point here).
      for (const tool of plan.tools.filter(
        (t) => t !== prodWrite && (t.kind === 'read' || t.environment === 'sandbox'),
      ))
        await guarded.core.mcp.call(plan, selection, tool.name, { itemId: 'a1' }, { confirm })
      expect(asked).toHaveLength(1)
    } finally {
      guarded.dispose()
    }
  }, 60_000)
})
