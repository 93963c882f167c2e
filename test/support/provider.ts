// A programmable provider on 127.0.0.1 for runtime tests: each request is recorded (method, URL,
// headers, body) and answered by the handler the test gives for its path, so tests check what really
// arrived over HTTP.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Seen {
  method: string
  url: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void

export interface Provider {
  url: string
  seen: Seen[]
  route(method: string, path: string, handler: Handler): void
  /** Sockets still open (a cancelled call must leave none in use). */
  openSockets(): number
  close(): Promise<void>
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
  }

export async function startProvider(): Promise<Provider> {
  const routes = new Map<string, Handler>()
  const seen: Seen[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const entry: Seen = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      seen.push(entry)
      const handler = routes.get(`${entry.method} ${url.pathname}`)
      if (!handler)
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such route"}')
      else handler(req, res, entry)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
