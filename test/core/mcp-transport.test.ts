// MCP as a transport: a remote MCP server (the official SDK's, on loopback, Streamable HTTP behind a
// bearer token) imported as a definition — its tools as methods with the server's schemas — and
// called through the runtime: input validated before anything is sent, the token applied by the
// runtime and masked everywhere, output validated, history recorded, tool errors as PROVIDER.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src-main/core/errors.ts'
import { runCliAsync } from '../support/cli.ts'
import { definitionOfTools } from '../../src-main/core/connectors/mcp/discover.ts'
import { remoteTools, startRemoteMcp, type RemoteMcp } from '../support/mcp-remote.ts'
import { coreWith } from '../support/oidc-server.ts'
import type { TempCore } from '../support/temp-core.ts'

const token = 'mcp_tok_remote_secret_5d8e1b2a'
let remote: RemoteMcp
let temp: TempCore
let connectionId = ''

beforeAll(async () => {
  remote = await startRemoteMcp(token)
  temp = await coreWith([])
}, 60_000)

afterAll(async () => {
  temp.dispose()
  await remote.close()
})

describe('definitions.importMcp', () => {
  it('lists the server’s tools as methods: ids, kinds from the annotations, schemas as the server gives them', async () => {
    const report = await temp.core.handlers['definitions.importMcp']({
      url: remote.url,
      integrationId: 'remote-crm',
      accessToken: token,
    })
    expect(report.stored).toBe(1)
    const definition = temp.core.definitions.current('remote-crm')
    expect(definition).toMatchObject({
      connector: 'mcp',
      mcpUrl: remote.url,
      authType: 'apikey',
      apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ', secretField: 'mcpAccessToken' },
      name: 'remote-crm',
      version: '1.0.0',
    })
    expect(definition.methods.map((m) => [m.id, m.kind, m.idempotent ?? false])).toEqual([
      ['lookup_customer', 'read', false],
      ['whoami', 'read', false],
      ['delete_customer', 'delete', true],
      ['always_fails', 'write', false],
    ])
    const lookup = definition.methods[0]
    expect(lookup?.inputSchema).toEqual(remote.tools[0]?.inputSchema)
    expect(lookup?.outputSchema).toEqual(remote.tools[0]?.outputSchema)
    expect(remote.seen.every((s) => s.authorization === `Bearer ${token}`)).toBe(true)

    const again = await temp.core.handlers['definitions.importMcp']({
      url: remote.url,
      integrationId: 'remote-crm',
      accessToken: token,
    })
    expect(again.files[0]?.status).toBe('unchanged')
  })

  it('a wrong token: UNAVAILABLE, naming the url, without the token', async () => {
    const failure = await Promise.resolve()
      .then(() =>
        temp.core.handlers['definitions.importMcp']({
          url: remote.url,
          integrationId: 'remote-other',
          accessToken: 'wrong-token-value',
        }),
      )
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).code).toBe('UNAVAILABLE')
    expect((failure as AppError).details?.issues?.[0]?.path).toBe('url')
    expect((failure as AppError).message).not.toContain('wrong-token-value')
  })
})

describe('the mcp connector through the runtime', () => {
  beforeAll(() => {
    connectionId = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'remote-crm',
      environment: 'production',
      secrets: { mcpAccessToken: token },
    }).id
  })

  it('calls a tool: structured output validated, the token applied by the runtime and masked', async () => {
    const result = await temp.core.runtime.invoke(connectionId, 'lookup_customer', { id: 'c1' })
    expect(result.error).toBeNull()
    expect(result.status).toBe('success')
    expect(result.output).toEqual({ id: 'c1', name: 'Ada' })
    expect(result.outputValidation).toEqual({ valid: true, issues: [] })
    expect(result.request?.headers.authorization).toBe('Bearer ****')
    expect(remote.seen.filter((s) => s.rpc === 'tools/call').at(-1)?.authorization).toBe(`Bearer ${token}`)
    const history = temp.core.runtime.history(connectionId)
    expect(history.entries[0]).toMatchObject({ methodId: 'lookup_customer', status: 'success' })
    expect(JSON.stringify(result)).not.toContain(token)
  })

  it('bad input is refused before anything is sent', async () => {
    const calls = remote.seen.length
    const result = await temp.core.runtime.invoke(connectionId, 'lookup_customer', { id: '', extra: 1 })
    expect(result.error?.code).toBe('INPUT_INVALID')
    expect(result.error?.details?.issues?.map((i) => i.path).sort()).toEqual(['extra', 'id'])
    expect(remote.seen.length).toBe(calls)
  })

  it('a tool without outputSchema answers { content }; the token it echoes is masked', async () => {
    const result = await temp.core.runtime.invoke(connectionId, 'whoami', {})
    expect(result.status).toBe('success')
    expect(JSON.stringify(result.output)).toContain('You sent Bearer ****')
    expect(JSON.stringify(result)).not.toContain(token)
  })

  it('a tool’s error result is the provider’s error; the health check lists the tools', async () => {
    const result = await temp.core.runtime.invoke(connectionId, 'always_fails', {})
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'PROVIDER' })
    expect(result.error?.message).toMatch(/always fails/)
    const check = await temp.core.handlers['connections.test']({ connectionId })
    expect(check.ok, check.message).toBe(true)
  })

  it('re-importing after the server’s tools changed takes the next minor version', async () => {
    remote.tools.push({ name: 'new_tool', description: 'New.', inputSchema: { type: 'object' } })
    const report = await temp.core.handlers['definitions.importMcp']({
      url: remote.url,
      integrationId: 'remote-crm',
      accessToken: token,
    })
    expect(report.files[0]?.status).toBe('upgraded')
    expect(temp.core.definitions.current('remote-crm').version).toBe('1.1.0')
  })
})

describe('a definition without mcpUrl: the connection’s config names the MCP server', () => {
  let byConfig = ''
  beforeAll(async () => {
    // The tools as import-mcp makes them, but with no server named: each connection gives its own.
    const { definition } = definitionOfTools(
      { url: remote.url, integrationId: 'remote-byconfig', accessToken: token },
      'remote-byconfig',
      remoteTools(),
    )
    delete definition.mcpUrl
    definition.configSchema = {
      type: 'object',
      properties: { mcpUrl: { type: 'string', title: 'MCP server URL', pattern: '^https?://' } },
      required: ['mcpUrl'],
    }
    const report = await temp.core.definitions.importFiles([
      { name: 'remote-byconfig.json', content: JSON.stringify(definition) },
    ])
    expect(report.rejected, JSON.stringify(report.files)).toBeFalsy()
    expect(temp.core.definitions.current('remote-byconfig').mcpUrl).toBeUndefined()
    byConfig = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'remote-byconfig',
      environment: 'sandbox',
      config: { mcpUrl: remote.url },
      secrets: { mcpAccessToken: token },
    }).id
  })

  it('the playground’s methods of the connection are the server’s tools', async () => {
    const connection = temp.core.connections.get(byConfig)
    // What the playground asks for (definitions.get with the connection's pinned version).
    const detail = await temp.core.handlers['definitions.get']({
      integrationId: connection.integrationId,
      version: connection.definitionVersion,
    })
    expect(detail.definition.methods.map((m) => m.id)).toEqual(remoteTools().map((t) => t.name))
    expect(detail.definition.methods[0]?.inputSchema).toEqual(remoteTools()[0]?.inputSchema)
  })

  it('calls a tool on the server the config names, through the runtime: history and audit', async () => {
    const before = remote.seen.length
    const result = await temp.core.runtime.invoke(byConfig, 'lookup_customer', { id: 'c7' })
    expect(result.error).toBeNull()
    expect(result.status).toBe('success')
    expect(result.output).toEqual({ id: 'c7', name: 'Ada' })
    expect(result.outputValidation).toEqual({ valid: true, issues: [] })
    const reached = remote.seen.slice(before)
    expect(reached.some((s) => s.rpc === 'tools/call')).toBe(true)
    expect(reached.every((s) => s.authorization === `Bearer ${token}`)).toBe(true)
    expect(temp.core.runtime.history(byConfig).entries[0]).toMatchObject({
      methodId: 'lookup_customer',
      status: 'success',
    })

    const events = temp.core.audit.list({ connectionId: byConfig, limit: 10 }).events
    const [invoked, used] = events
    expect(invoked).toMatchObject({
      action: 'method.invoked',
      host: 'cli',
      actor: 'tester',
      connectionId: byConfig,
      clientId: 'acme',
      details: { method: 'lookup_customer', status: 'success', mock: false, input: { id: 'c7' } },
    })
    expect(used).toMatchObject({
      action: 'secret.used',
      connectionId: byConfig,
      details: { fields: ['mcpAccessToken'], method: 'lookup_customer', callId: result.callId },
    })
    expect(JSON.stringify(events)).not.toContain(token)
  })
})

describe('switchboard definitions import-mcp', () => {
  it('imports the tools with the token read from standard input, never printing it', async () => {
    const done = await runCliAsync(
      [
        '--data-dir',
        temp.dataDir,
        'definitions',
        'import-mcp',
        remote.url,
        '--id',
        'remote-cli',
        '--token-stdin',
      ],
      { input: `${token}\n`, env: { SWITCHBOARD_PASSPHRASE: 'correct horse battery' } },
    )
    expect(done.code, done.stderr).toBe(0)
    expect(done.stdout).toMatch(/imported\s+remote-cli\.mcp\.json\s+\(remote-cli 1\.0\.0\)/)
    expect(done.stdout + done.stderr).not.toContain(token)
    const shown = await runCliAsync([
      '--data-dir',
      temp.dataDir,
      'definitions',
      'show',
      'remote-cli',
      '--json',
    ])
    expect(JSON.parse(shown.stdout).definition.connector).toBe('mcp')
  })
})
