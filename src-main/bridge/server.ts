// The HTTP bridge: serves the built renderer and the contract's calls over loopback, so the very same
// renderer runs in a plain browser (Playwright's Chromium in E2E tests) against a real core. It plays
// the preload's part: /__switchboard/bridge.js installs `window.switchboard`, built by the preload's
// own buildBridgeApi, with fetch as the transport.
//
// Only the page opened with the session token gets the script that knows the token, and every call
// must carry it and come from the bridge's own origin, so other local pages cannot drive the core.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildBridgeApi } from '../contract/bridge-api.ts'
import { buildPushSubscriber } from '../contract/push-subscriber.ts'
import { callNames } from '../contract/api.ts'
import type { Outcome } from '../contract/errors.ts'
import { pushEventNames } from '../contract/events.ts'
import type { Dispatch } from '../core/api/dispatch.ts'
import type { EventBus } from '../core/events/bus.ts'
import { createPushBatcher } from '../core/events/batcher.ts'
import { contentTypeOf, resolveRendererFile } from '../hosting/renderer-files.ts'
import { contentSecurityPolicy } from '../hosting/csp.ts'
import { decodeComponent, parseRequestTarget } from '../core/net/request-target.ts'

export interface BridgeServer {
  /** Open this URL in a browser: the app, with the session token. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

export interface BridgeOptions {
  dispatch: Dispatch
  rendererDir: string
  port?: number
  /** The core's push events, streamed to the page as server-sent events (batched like IPC). */
  events?: EventBus
}

const rpcPrefix = '/__switchboard/rpc/'
const scriptPath = '/__switchboard/bridge.js'
const eventsPath = '/__switchboard/events'
const maxBodyBytes = 4 * 1024 * 1024

function bridgeScript(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  const transport = async (name, args) => {
    const response = await fetch(${JSON.stringify(rpcPrefix)} + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-switchboard-token': token },
      body: JSON.stringify(args),
    });
    return response.json();
  };
  // The push channel: one EventSource (same origin, the token in its URL since EventSource sends no
  // headers), opened on the first subscribe; each message is one batch.
  const attach = (onBatch) => {
    const source = new EventSource(${JSON.stringify(eventsPath)} + '?token=' + encodeURIComponent(token));
    source.addEventListener('push', (message) => onBatch(JSON.parse(message.data)));
  };
  const subscribe = (${buildPushSubscriber.toString()})(${JSON.stringify(pushEventNames)}, attach);
  window.switchboard = Object.freeze({
    ...(${buildBridgeApi.toString()})(${JSON.stringify(callNames)}, transport),
    subscribe,
  });
})();\n`
}

function sameToken(given: string | null, token: string): boolean {
  if (!given || given.length !== token.length) return false
  return timingSafeEqual(Buffer.from(given), Buffer.from(token))
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  response.end(body)
}

function sendOutcome(response: ServerResponse, status: number, outcome: Outcome<unknown>): void {
  send(response, status, 'application/json', JSON.stringify(outcome))
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = randomBytes(24).toString('base64url')
  let origin = ''

  const handleRpc = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    const forbidden = (message: string) =>
      sendOutcome(response, 403, { ok: false, error: { code: 'FORBIDDEN', message } })
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST only')
    if (request.headers.origin !== origin)
      return forbidden('Calls are accepted only from the Switchboard page.')
    if (!sameToken(String(request.headers['x-switchboard-token'] ?? ''), token))
      return forbidden('Missing or wrong session token.')
    const body = await readBody(request)
    if (body === null) {
      return sendOutcome(response, 413, {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: 'The request is too large.' },
      })
    }
    let args: unknown
    try {
      args = body ? JSON.parse(body) : {}
    } catch {
      return sendOutcome(response, 400, {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: 'The arguments are not valid JSON.' },
      })
    }
    sendOutcome(response, 200, await options.dispatch(name, args))
  }

  const handleEvents = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'GET only')
    if (request.headers.origin !== undefined && request.headers.origin !== origin)
      return send(response, 403, 'text/plain', 'Forbidden')
    if (!sameToken(url.searchParams.get('token'), token))
      return send(response, 403, 'text/plain', 'Forbidden')
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    })
    response.write(': switchboard push channel\n\n')
    const batcher = createPushBatcher({
      send: (batch) => response.write(`event: push\ndata: ${JSON.stringify(batch)}\n\n`),
    })
    const unsubscribe = options.events?.subscribe((name, payload) => batcher.push(name, payload))
    // A comment now and then keeps idle proxies and the browser from dropping the stream.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000)
    keepAlive.unref()
    request.on('close', () => {
      clearInterval(keepAlive)
      unsubscribe?.()
      batcher.close()
    })
  }

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain', 'GET only')
    const authorized = sameToken(url.searchParams.get('token'), token)
    if (url.pathname === scriptPath) {
      return authorized
        ? send(response, 200, contentTypeOf('x.js'), bridgeScript(token))
        : send(response, 403, 'text/plain', 'Forbidden')
    }
    const file = resolveRendererFile(options.rendererDir, url.pathname)
    if (!file) return send(response, 404, 'text/plain', 'Not found')
    let body = await readFile(file)
    if (file.endsWith('index.html')) {
      if (!authorized)
        return send(
          response,
          403,
          'text/plain',
          'Open the URL the bridge printed (it carries the session token).',
        )
      // The bridge script must run before the app's module script, as a preload would.
      const tag = `<script src="${scriptPath}?token=${encodeURIComponent(token)}"></script>`
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    ${tag}`))
    }
    send(response, 200, contentTypeOf(file), body)
  }

  const server = createServer((request, response) => {
    // Any page or local process can reach this port: nothing it sends may throw out of the listener.
    const url = parseRequestTarget(request.url, origin || 'http://127.0.0.1')
    if (url?.pathname === eventsPath) return handleEvents(request, response, url)
    const name = url?.pathname.startsWith(rpcPrefix)
      ? decodeComponent(url.pathname.slice(rpcPrefix.length))
      : undefined
    if (!url || name === null) return send(response, 400, 'text/plain', 'Bad request')
    const work =
      name !== undefined ? handleRpc(request, response, name) : handleStatic(request, response, url)
    work.catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error')
      else response.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
