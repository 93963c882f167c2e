// A definition from a remote MCP server: its tools become methods (the tool's name as the method id,
// its inputSchema and outputSchema as they are; a tool without an outputSchema answers `{ content }`),
// run by the `mcp` connector at `mcpUrl`, with the access token as the secret field `mcpAccessToken`
// sent as a bearer token. Kinds come from the tool's annotations: readOnlyHint → read, destructiveHint
// → delete, else write; idempotentHint → idempotent. Tools whose names are not valid method ids are
// left out, and said so.
import type { IntegrationDefinition, MethodDefinition } from '../../../contract/definition-format.ts'
import { secureEndpoint } from '../../auth/endpoints.ts'
import { AppError } from '../../errors.ts'
import { clientInfo } from './index.ts'

export const mcpSecretField = 'mcpAccessToken'
const methodIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

/** What a tool without an outputSchema answers: MCP's content blocks. */
export const contentOutputSchema = {
  type: 'object',
  properties: { content: { type: 'array', items: { type: 'object' } } },
  required: ['content'],
}

export interface McpServerSource {
  url: string
  accessToken?: string
  integrationId: string
  name?: string
  version?: string
}

export interface McpDiscovery {
  definition: IntegrationDefinition
  skipped: string[]
}

interface ListedTool {
  name: string
  title?: string
  description?: string
  inputSchema: Record<string, unknown>
  outputSchema?: Record<string, unknown>
  annotations?: {
    title?: string
    readOnlyHint?: boolean
    destructiveHint?: boolean
    idempotentHint?: boolean
  }
}

export function methodOfTool(tool: ListedTool): MethodDefinition {
  const hints = tool.annotations ?? {}
  const kind = hints.readOnlyHint ? 'read' : hints.destructiveHint ? 'delete' : 'write'
  return {
    id: tool.name,
    name: tool.title ?? hints.title ?? tool.name,
    description: tool.description ?? '',
    kind,
    ...(hints.idempotentHint ? { idempotent: true } : {}),
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema ?? contentOutputSchema,
  }
}

export function definitionOfTools(
  source: McpServerSource,
  serverName: string,
  tools: ListedTool[],
): McpDiscovery {
  const skipped = tools.filter((t) => !methodIdPattern.test(t.name)).map((t) => t.name)
  const methods = tools.filter((t) => methodIdPattern.test(t.name)).map(methodOfTool)
  if (methods.length === 0) {
    throw AppError.invalid(`The MCP server at ${source.url} lists no tool that can be a method.`, [
      {
        path: 'url',
        message: skipped.length
          ? `its tools' names are not method ids: ${skipped.join(', ')}`
          : 'lists no tools',
      },
    ])
  }
  const withToken = Boolean(source.accessToken)
  return {
    skipped,
    definition: {
      integrationId: source.integrationId,
      name: source.name ?? serverName,
      description: `The tools of the MCP server at ${source.url}.`,
      version: source.version ?? '1.0.0',
      category: 'mcp',
      connector: 'mcp',
      mcpUrl: source.url,
      configSchema: { type: 'object', properties: {} },
      ...(withToken
        ? {
            authType: 'apikey' as const,
            apiKeyConfig: {
              in: 'header' as const,
              name: 'Authorization',
              prefix: 'Bearer ',
              secretField: mcpSecretField,
            },
            secretSchema: {
              type: 'object',
              properties: {
                [mcpSecretField]: { type: 'string', title: 'MCP access token', writeOnly: true },
              },
              required: [mcpSecretField],
            },
          }
        : { authType: 'none' as const }),
      methods,
    },
  }
}

/** Lists the server's tools (initialize → tools/list, every page) with the token as a bearer token. */
export async function discoverMcpServer(source: McpServerSource): Promise<McpDiscovery> {
  const url = secureEndpoint(source.url, 'MCP server URL', 'url')
  const [{ Client }, { StreamableHTTPClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
  ])
  const client = new Client(clientInfo)
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: source.accessToken ? { headers: { Authorization: `Bearer ${source.accessToken}` } } : {},
  })
  const scrub = (text: string) => (source.accessToken ? text.split(source.accessToken).join('****') : text)
  try {
    await client.connect(transport)
    const tools: ListedTool[] = []
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined)
      tools.push(...(page.tools as ListedTool[]))
      cursor = page.nextCursor
    } while (cursor)
    return definitionOfTools(source, client.getServerVersion()?.name ?? url.host, tools)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'UNAVAILABLE',
      `Could not list the tools of the MCP server at ${url.origin}: ${scrub(error instanceof Error ? error.message : String(error))}`,
      { issues: [{ path: 'url', message: 'did not answer as an MCP server (Streamable HTTP)' }] },
    )
  } finally {
    await transport.terminateSession().catch(() => {})
    await client.close().catch(() => {})
  }
}
