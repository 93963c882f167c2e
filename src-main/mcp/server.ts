// One MCP server session over any transport: the low-level SDK Server with tools/list and tools/call
// handlers, so the methods' JSON Schemas go out exactly as the definitions give them (SDK v1's
// registerTool wants Zod shapes). Everything else — which tools, their names and hints, the call
// through the runtime, the audit — is the core's (core/mcp/tools.ts).
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import type { McpSelection, McpToolView } from '../contract/types.ts'
import type { Core } from '../core/index.ts'
import { appVersion } from '../hosting/headless.ts'
import type { ToolSource } from './tool-source.ts'

export const serverName = 'switchboard'

export function toolOf(view: McpToolView): Tool {
  return {
    name: view.name,
    title: view.title,
    description: view.description,
    inputSchema: view.inputSchema as Tool['inputSchema'],
    ...(view.outputSchema ? { outputSchema: view.outputSchema as NonNullable<Tool['outputSchema']> } : {}),
    annotations: view.annotations,
  }
}

export function createSessionServer(core: Core, selection: McpSelection, source: ToolSource): Server {
  const server = new Server(
    { name: serverName, version: appVersion },
    {
      capabilities: { tools: { listChanged: true } },
      instructions:
        `Tools for ${source.current().clientName}'s connections in Switchboard. Credentials stay in Switchboard's vault; ` +
        'writes and deletes on production run only when the server was started to allow them.',
    },
  )
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: source.current().tools.map(toolOf) }))
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const outcome = await core.mcp.call(
      source.current(),
      selection,
      request.params.name,
      request.params.arguments ?? {},
    )
    return {
      content: [{ type: 'text', text: outcome.text }],
      ...(outcome.structured ? { structuredContent: outcome.structured } : {}),
      ...(outcome.isError ? { isError: true } : {}),
    }
  })
  const unsubscribe = source.onChange(() => {
    server.sendToolListChanged().catch(() => {})
  })
  const previousClose = server.onclose
  server.onclose = () => {
    unsubscribe()
    previousClose?.()
  }
  return server
}
