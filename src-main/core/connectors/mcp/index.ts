// The `mcp` connector: a definition whose methods are the tools of a remote MCP server (Streamable
// HTTP at the definition's `mcpUrl`, or `mcpUrl` in the connection's config). Each call is one MCP
// session driven by the runtime's lifecycle: connect (initialize), invoke (tools/call), close (the
// session ends). The access token (`mcpAccessToken`, a secret field) is applied by the runtime's
// HTTP client as `Authorization: Bearer …` (apiKeyConfig), never seen here. A tool's error result
// (isError) is the provider's error; its structuredContent is the output when the tool declares an
// outputSchema, else the output is `{ content }` (see discover.ts for the schemas).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallFailure } from '../../runtime/errors.ts'
import type { Connector, ConnectorContext } from '../contract.ts'
import { fetchThrough } from './fetch.ts'

const sessions = new WeakMap<ConnectorContext, { client: Client; transport: StreamableHTTPClientTransport }>()

export const clientInfo = { name: 'switchboard', version: '1' }

function endpointOf(ctx: ConnectorContext): URL {
  if (!ctx.baseUrl)
    throw new CallFailure('ENDPOINT_MISSING', `${ctx.definition.name} names no MCP server (mcpUrl).`, {
      issues: [{ path: 'config.mcpUrl', message: 'is needed to reach the MCP server' }],
    })
  return new URL(ctx.baseUrl)
}

async function open(ctx: ConnectorContext): Promise<Client> {
  const existing = sessions.get(ctx)
  if (existing) return existing.client
  const [{ Client }, { StreamableHTTPClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
  ])
  const client = new Client(clientInfo)
  const transport = new StreamableHTTPClientTransport(endpointOf(ctx), { fetch: fetchThrough(ctx.http) })
  try {
    await client.connect(transport, { signal: ctx.signal })
  } catch (error) {
    throw asFailure(error, 'could not start a session')
  }
  sessions.set(ctx, { client, transport })
  return client
}

function asFailure(error: unknown, what: string): CallFailure {
  if (error instanceof CallFailure) return error
  const cause = (error as { cause?: unknown }).cause
  if (cause instanceof CallFailure) return cause
  return new CallFailure(
    'PROVIDER',
    `The MCP server ${what}: ${error instanceof Error ? error.message : String(error)}`,
  )
}

const textOf = (content: unknown): string =>
  Array.isArray(content)
    ? content
        .map((part: { type?: unknown; text?: unknown }) => (part.type === 'text' ? String(part.text) : ''))
        .filter(Boolean)
        .join('\n')
    : ''

export const mcpConnector: Connector = {
  name: 'mcp',
  unsupported: ['auth', 'fetch', 'push', 'sync', 'revoke'],
  connect: async (ctx) => {
    await open(ctx)
  },
  invoke: async (methodId, input, ctx) => {
    const client = await open(ctx)
    let result
    try {
      result = await client.callTool(
        { name: methodId, arguments: (input ?? {}) as Record<string, unknown> },
        undefined,
        { signal: ctx.signal },
      )
    } catch (error) {
      throw asFailure(error, `failed on ${methodId}`)
    }
    if (result.isError) {
      throw new CallFailure(
        'PROVIDER',
        `The MCP tool ${methodId} failed: ${textOf(result.content) || 'no message'}`,
      )
    }
    return result.structuredContent ?? { content: result.content }
  },
  healthCheck: async (ctx) => {
    const client = await open(ctx)
    try {
      const { tools } = await client.listTools(undefined, { signal: ctx.signal })
      return {
        ok: true,
        message: `The MCP server lists ${tools.length} tools.`,
        output: { tools: tools.length },
      }
    } catch (error) {
      return { ok: false, message: asFailure(error, 'could not list its tools').message }
    }
  },
  close: async (ctx) => {
    const session = sessions.get(ctx)
    sessions.delete(ctx)
    if (!session) return
    await session.transport.terminateSession().catch(() => {})
    await session.client.close().catch(() => {})
  },
}
