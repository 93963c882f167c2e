// The one-shot loopback listener of RFC 8252 §7.3: http://127.0.0.1:<ephemeral port>/callback, bound to
// 127.0.0.1 only. It accepts exactly one request: the first to /callback. With the expected state it is
// handed to the caller, who answers it with the outcome page once the code is exchanged; with any other
// state the attempt fails (a response meant for another attempt, or forged). Either way the port closes.
// Other paths get a 404 and change nothing. Timeout and cancel close it too.
import { timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../errors.ts'
import { parseRequestTarget } from '../net/request-target.ts'
import { callbackPage, pageHeaders, type PageOutcome } from './callback-page.ts'

export const defaultSignInTimeoutMs = 5 * 60 * 1000
/** How long the browser tab may wait for the outcome page before it gets a neutral one. */
const respondWithinMs = 60_000

export interface CallbackRequest {
  /** The full callback URL (the authorization response parameters are in its query). */
  url: URL
  /** Answers the browser with the outcome page; the listener is fully closed afterwards. */
  respond(outcome: PageOutcome): void
}

export interface LoopbackListener {
  readonly port: number
  readonly redirectUri: string
  /** The accepted callback; rejects on state mismatch, timeout and cancel. */
  readonly callback: Promise<CallbackRequest>
  /** Stops waiting: the callback rejects with `reason` and the port closes. */
  cancel(reason: Error): void
  /** Resolves when the server has closed (the port stops accepting at once). */
  readonly closed: Promise<void>
}

export interface LoopbackOptions {
  expectedState: string
  timeoutMs?: number
  path?: string
}

const sameState = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function send(res: ServerResponse, status: number, outcome: PageOutcome) {
  if (res.headersSent) return
  res.writeHead(status, pageHeaders)
  res.end(callbackPage(outcome))
}

export async function listenForCallback(options: LoopbackOptions): Promise<LoopbackListener> {
  const path = options.path ?? '/callback'
  const timeoutMs = options.timeoutMs ?? defaultSignInTimeoutMs
  // Imported here, not at the top: importing node:http as an ES module builds its export facade,
  // which loads undici (its lazy WebSocket exports) — a third of a CLI command's start-up, for the
  // few commands that sign in.
  const { createServer } = await import('node:http')
  const server = createServer()
  server.keepAliveTimeout = 1_000

  let settled = false
  let resolveCallback: (request: CallbackRequest) => void = () => {}
  let rejectCallback: (error: Error) => void = () => {}
  const callback = new Promise<CallbackRequest>((resolve, reject) => {
    resolveCallback = resolve
    rejectCallback = reject
  })
  // The caller may stop listening before anyone awaits this; its rejection is reported through it.
  callback.catch(() => {})
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()))

  const shutdown = () => {
    if (server.listening) server.close()
    server.closeIdleConnections()
  }

  const fail = (error: Error) => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    rejectCallback(error)
    shutdown()
    server.closeAllConnections()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const redirectUri = `http://127.0.0.1:${port}${path}`

  const timer = setTimeout(
    () =>
      fail(
        new AppError(
          'UNAVAILABLE',
          `Sign-in timed out: the browser did not come back within ${Math.round(timeoutMs / 1000)} seconds.`,
          { reason: 'timeout' },
        ),
      ),
    timeoutMs,
  )
  timer.unref()

  server.on('request', (req, res) => {
    if (settled)
      return send(res, 410, { ok: false, title: 'Sign-in over', message: 'This sign-in has ended.' })
    // A malformed request (from any local process) is answered and ignored: it neither crashes the
    // process nor ends the sign-in.
    const url = parseRequestTarget(req.url, redirectUri)
    if (!url) return send(res, 400, { ok: false, title: 'Bad request', message: 'That is not a URL.' })
    if (req.method !== 'GET' || url.pathname !== path) {
      return send(res, 404, { ok: false, title: 'Not found', message: 'Nothing is here.' })
    }
    const state = url.searchParams.get('state')
    if (state === null || !sameState(state, options.expectedState)) {
      const message =
        'state mismatch: the browser returned a response that does not belong to this sign-in attempt.'
      send(res, 400, { ok: false, message: `Sign-in failed: ${message}` })
      return fail(new AppError('CHECK_FAILED', `Sign-in failed: ${message}`, { reason: 'state_mismatch' }))
    }
    settled = true
    clearTimeout(timer)
    shutdown()
    let answered = false
    const respond = (outcome: PageOutcome) => {
      if (answered) return
      answered = true
      clearTimeout(guard)
      send(res, outcome.ok ? 200 : 400, outcome)
      res.once('close', () => server.closeAllConnections())
    }
    const guard = setTimeout(
      () => respond({ ok: false, title: 'Still working', message: 'Switchboard is finishing the sign-in.' }),
      respondWithinMs,
    )
    guard.unref()
    resolveCallback({ url, respond })
  })

  return {
    port,
    redirectUri,
    callback,
    cancel: fail,
    closed,
  }
}
