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
import { AppError } from '../core/errors.ts'
import type { AppRequests } from './app-requests.ts'
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

const lockedText = (message: string) =>
  `LOCKED: ${message}\nThe vault opens by the Switchboard app (start it: it asks you to allow this server) ` +
  'or by the passphrase in the prompt this server shows; then call the tool again.'

export function createSessionServer(
  core: Core,
  selection: McpSelection,
  source: ToolSource,
  requests?: AppRequests,
): Server {
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
    await requests?.openVault()
    // Every call is recorded with the vault's key (and most need credentials): none runs while it is locked.
    if (!core.vault.isUnlocked() && core.vault.status().state === 'locked')
      return { content: [{ type: 'text', text: lockedText('The vault is locked.') }], isError: true }
    let outcome
    try {
      outcome = await core.mcp.call(
        source.current(),
        selection,
        request.params.name,
        request.params.arguments ?? {},
        requests ? { confirm: requests.confirm } : {},
      )
    } catch (error) {
      // Every call is recorded with the vault's key: a locked vault is the person's to open.
      if (error instanceof AppError && error.code === 'LOCKED')
        return { content: [{ type: 'text', text: lockedText(error.message) }], isError: true }
      throw error
    }
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
