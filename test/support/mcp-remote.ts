// A remote MCP server for the mcp connector's tests, built with the official SDK: Streamable HTTP on
// 127.0.0.1 behind a bearer token, stateful sessions, a few tools with JSON Schemas. It records the
// Authorization header and JSON-RPC method of every request.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  isInitializeRequest,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'

export interface RemoteMcp {
  url: string
  seen: { method: string; rpc: string | null; authorization: string | undefined }[]
  tools: Tool[]
  close(): Promise<void>
}

export const remoteTools = (): Tool[] => [
  {
    name: 'lookup_customer',
    title: 'Look up a customer',
    description: 'Finds one customer by id.',
    inputSchema: {
      type: 'object',
      properties: { id: { type: 'string', minLength: 1 } },
      required: ['id'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      required: ['id', 'name'],
    },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'whoami',
    description: 'Says who the caller is.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'delete_customer',
    description: 'Deletes a customer.',
    inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    annotations: { destructiveHint: true, idempotentHint: true },
  },
  {
    name: 'always_fails',
    description: 'Fails.',
    inputSchema: { type: 'object', properties: {} },
  },
]

export async function startRemoteMcp(token: string): Promise<RemoteMcp> {
  const tools = remoteTools()
  const seen: RemoteMcp['seen'] = []
  const sessions = new Map<string, StreamableHTTPServerTransport>()
  const sessionServer = (authorization: () => string | undefined) => {
    const server = new Server({ name: 'remote-crm', version: '2.0.0' }, { capabilities: { tools: {} } })
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }))
    server.setRequestHandler(CallToolRequestSchema, (request) => {
      const args = request.params.arguments ?? {}
      switch (request.params.name) {
        case 'lookup_customer':
          return {
            content: [{ type: 'text', text: `Customer ${String(args.id)}` }],
            structuredContent: { id: String(args.id), name: 'Ada' },
          }
        case 'whoami':
          return { content: [{ type: 'text', text: `You sent ${authorization() ?? 'nothing'}` }] }
        case 'delete_customer':
          return { content: [{ type: 'text', text: `Deleted ${String(args.id)}` }] }
        default:
          return { content: [{ type: 'text', text: 'This tool always fails.' }], isError: true }
      }
    })
    return server
  }
  let lastAuthorization: string | undefined
  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const body = text ? (JSON.parse(text) as unknown) : undefined
        const rpc = (body as { method?: string } | undefined)?.method ?? null
        seen.push({ method: req.method ?? '', rpc, authorization: req.headers.authorization })
        if (req.headers.authorization !== `Bearer ${token}`) {
          res.writeHead(401, { 'www-authenticate': 'Bearer' }).end()
          return
        }
        lastAuthorization = req.headers.authorization
        const id = req.headers['mcp-session-id']
        const existing = typeof id === 'string' ? sessions.get(id) : undefined
        if (existing) return existing.handleRequest(req, res, body)
        if (req.method === 'POST' && isInitializeRequest(body)) {
          const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            onsessioninitialized: (sid) => void sessions.set(sid, transport),
            onsessionclosed: (sid) => void sessions.delete(sid),
          })
          await sessionServer(() => lastAuthorization).connect(transport)
          return transport.handleRequest(req, res, body)
        }
        res.writeHead(400).end()
      })()
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    seen,
    tools,
    close: async () => {
      for (const transport of sessions.values()) await transport.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
