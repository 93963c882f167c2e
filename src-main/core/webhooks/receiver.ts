// A connection's local receiver: an HTTP server on 127.0.0.1 only (reaching it from the internet is
// the user's own tunnel). Each POST is read up to a size limit, handed to the pipeline (verify →
// ingest → policy → outbox) and answered only once it is stored: a 2xx means the event is kept.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../host.ts'

export interface ReceivedRequest {
  method: string
  path: string
  headers: Record<string, string | string[]>
  body: Buffer
}

export interface ReceiverReply {
  status: number
  body: string
  contentType?: string
}

export interface ReceiverOptions {
  port?: number | null
  /** Largest body accepted; bigger requests get 413 and are not stored. */
  maxBodyBytes?: number
  /** Requests handled at once; more wait in the kernel's backlog, so memory stays bounded. */
  maxConnections?: number
  handle(request: ReceivedRequest): ReceiverReply
  logger: Logger
}

export interface Receiver {
  url: string
  port: number
  close(): Promise<void>
}

export const defaultMaxBodyBytes = 4 * 1024 * 1024

function headersOf(request: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (!value) continue
    out[name] = value.length === 1 ? value[0]! : value
  }
  return out
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes
  const server: Server = createServer((request, response) => {
    const reply = ({ status, body, contentType }: ReceiverReply) => {
      response.writeHead(status, {
        'Content-Type': contentType ?? 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      response.end(body)
    }
    if (request.method !== 'POST') {
      request.resume()
      return reply({ status: 405, body: 'Switchboard webhook receiver: POST events here.\n' })
    }
    readBody(request, limit)
      .then((body) => {
        if (body === null) {
          reply({ status: 413, body: `The body is larger than ${limit} bytes.\n` })
          request.destroy()
          return
        }
        const url = new URL(request.url ?? '/', 'http://127.0.0.1')
        reply(options.handle({ method: 'POST', path: url.pathname, headers: headersOf(request), body }))
      })
      .catch((error: unknown) => {
        // Not stored, so not acknowledged: the provider will send it again.
        options.logger.error('webhook receiver failed', {
          error: error instanceof Error ? error.message : String(error),
        })
        if (!response.headersSent) reply({ status: 503, body: 'Not stored; try again.\n' })
        else response.destroy()
      })
  })
  server.maxConnections = options.maxConnections ?? 64
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 2_000).unref()
      }),
  }
}
