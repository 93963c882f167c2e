// Streamable HTTP on 127.0.0.1 for assistants that connect to a URL. A long-lived local listener, so
// (ARCHITECTURE: "local listeners without authentication have been exploited") every request must
// carry the bearer token printed at start-up, and a Host and Origin of this listener: a web page the
// browser loads from elsewhere (DNS rebinding) is refused before the MCP transport sees anything.
// The SDK's own DNS-rebinding check is also on, with the same lists. One session (Server + transport)
// per client that initializes; `mcp-session-id` picks it afterwards.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'

export const mcpPath = '/mcp'
const maxBody = 4 * 1024 * 1024

export interface HttpMcp {
  url: string
  port: number
  token: string
  sessions(): number
  close(): Promise<void>
}

const refuse = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }))

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBody) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined)
      } catch {
        reject(new Error('not JSON'))
      }
    })
    req.on('error', reject)
  })
}

export async function startHttpMcp(options: {
  port?: number
  token?: string
  newSession(): Server
  onError?(error: unknown): void
}): Promise<HttpMcp> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: Server }>()
  let allowedHosts: string[] = []
  let allowedOrigins: string[] = []

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'This Host is not allowed.')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.includes(origin))
      return refuse(res, 403, 'This Origin is not allowed.')
    if (!tokenMatches(req.headers.authorization, token))
      return refuse(res, 401, 'A bearer token is required.', { 'www-authenticate': 'Bearer' })
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== mcpPath)
      return refuse(res, 404, `The MCP endpoint is ${mcpPath}.`)

    const sessionId = req.headers['mcp-session-id']
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined
    if (req.method !== 'POST') {
      if (!existing) return refuse(res, 400, 'Unknown or missing mcp-session-id.')
      return existing.transport.handleRequest(req, res)
    }
    let body: unknown
    try {
      body = await readBody(req)
    } catch (error) {
      return refuse(
        res,
        error instanceof Error && error.message === 'not JSON' ? 400 : 413,
        'Bad request body.',
      )
    }
    if (existing) return existing.transport.handleRequest(req, res, body)
    if (sessionId !== undefined || !isInitializeRequest(body))
      return refuse(res, 400, 'Unknown or missing mcp-session-id.')
    const server = options.newSession()
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server })
      },
      onsessionclosed: (id) => {
        sessions.delete(id)
      },
      enableDnsRebindingProtection: true,
      allowedHosts,
      allowedOrigins,
    })
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId)
    }
    await server.connect(transport)
    await transport.handleRequest(req, res, body)
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error)
      if (!res.headersSent) refuse(res, 500, 'The MCP server failed on this request.')
    })
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  allowedOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`]

  return {
    url: `http://127.0.0.1:${port}${mcpPath}`,
    port,
    token,
    sessions: () => sessions.size,
    close: async () => {
      for (const { server } of sessions.values()) await server.close().catch(() => {})
      sessions.clear()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
