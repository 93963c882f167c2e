// The HTTP client the runtime hands a connector for one call. Each request: https (plain http only to
// this computer), the connection's credentials from the auth layer (one refresh and resend on a 401),
// the call's timeout and cancellation, the response body read up to a cap, retries where safe
// (retry.ts), and a masked record of the last request and response for the CallResult.
import type { RecordedRequest, RecordedResponse } from '../../contract/types.ts'
import { isSecureEndpoint } from '../auth/endpoints.ts'
import { AppError } from '../errors.ts'
import type { ConnectorHttp, ProviderRequest, ProviderResponse } from '../connectors/contract.ts'
import { CallFailure } from './errors.ts'
import { appliedCredentials, maskedHeaders, maskedUrl, scrub, scrubValue, type Applied } from './mask.ts'
import { retryPolicy, type RetryOptions } from './retry.ts'

export const defaultBodyCap = 10 * 1024 * 1024

export interface CallTrace {
  attempts: number
  requestBytes: number
  responseBytes: number
  request: RecordedRequest | null
  response: RecordedResponse | null
}

export interface ProviderHttpOptions {
  connectionId: string
  /** null for authType none: nothing is applied. */
  authorize: ((request: { url: URL; headers: Headers }) => Promise<{ accessToken: string | null }>) | null
  afterRejection: (rejected: string) => Promise<{ accessToken: string }>
  /** Secret values to mask wherever they appear; the runtime adds access tokens as they are used. */
  secrets: string[]
  signal: AbortSignal
  /** Why the signal fired, when it did. */
  abortReason(): 'timeout' | 'cancelled' | null
  timeoutMs: number
  retry: RetryOptions | null
  bodyCap?: number
  fetch?: typeof fetch
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
])

function causeCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}

export function createTrace(): CallTrace {
  return { attempts: 0, requestBytes: 0, responseBytes: 0, request: null, response: null }
}

export function createProviderHttp(options: ProviderHttpOptions, trace: CallTrace): ConnectorHttp {
  const send = options.fetch ?? fetch
  const cap = options.bodyCap ?? defaultBodyCap

  const failAborted = (): CallFailure =>
    options.abortReason() === 'timeout'
      ? new CallFailure('TIMEOUT', `The provider did not answer within ${options.timeoutMs} ms.`, {
          timeoutMs: options.timeoutMs,
        })
      : new CallFailure('CANCELLED', 'The call was cancelled.')

  const toFailure = (error: unknown, url: URL): CallFailure => {
    if (error instanceof CallFailure) return error
    if (options.signal.aborted) return failAborted()
    const code = causeCode(error)
    return new CallFailure(
      'NETWORK',
      `Could not reach ${url.origin}${code ? ` (${code})` : ''}: the connection failed or was reset.`,
      { cause: code, retriable: code === null || networkCodes.has(code) },
    )
  }

  const record = (request: ProviderRequest, url: URL, headers: Headers, applied: Applied) => {
    const body = request.body ?? null
    trace.request = {
      method: request.method,
      url: maskedUrl(url, applied, options.secrets),
      headers: maskedHeaders(headers, applied, options.secrets),
      body: body === null ? null : scrub(body, options.secrets),
      contentType: headers.get('content-type'),
    }
    trace.requestBytes += body === null ? 0 : Buffer.byteLength(body)
  }

  const readBody = async (
    response: Response,
  ): Promise<{ text: string; size: number; truncated: boolean }> => {
    if (!response.body) return { text: '', size: 0, truncated: false }
    const reader = response.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    let truncated = false
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (size + value.byteLength > cap) {
        chunks.push(value.subarray(0, cap - size))
        size = cap
        truncated = true
        await reader.cancel()
        break
      }
      chunks.push(value)
      size += value.byteLength
    }
    return { text: Buffer.concat(chunks).toString('utf8'), size, truncated }
  }

  const recordResponse = (response: Response, body: { text: string; size: number; truncated: boolean }) => {
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = name === 'set-cookie' ? '****' : scrub(value, options.secrets)
    })
    let parsed: unknown = null
    let notice: string | null = body.truncated
      ? `The body was over ${Math.round(cap / (1024 * 1024))} MB and was cut off there.`
      : null
    if (body.text !== '') {
      try {
        parsed = body.truncated ? body.text.slice(0, 64 * 1024) : JSON.parse(body.text)
      } catch {
        parsed = body.text.length > 1024 * 1024 ? body.text.slice(0, 1024 * 1024) : body.text
        notice ??= 'The body is not JSON; shown as text.'
      }
    }
    trace.responseBytes += body.size
    trace.response = {
      status: response.status,
      statusText: response.statusText,
      headers,
      body: scrubValue(parsed, options.secrets),
      size: body.size,
      truncated: body.truncated,
      notice,
    }
  }

  const once = async (request: ProviderRequest, signal: AbortSignal): Promise<ProviderResponse> => {
    trace.attempts += 1
    const url = new URL(request.url)
    const headers = new Headers(request.headers)
    let accessToken: string | null = null
    if (options.authorize) {
      const before = { url: new URL(url), headers: new Headers(headers) }
      try {
        accessToken = (await options.authorize({ url, headers })).accessToken
      } catch (error) {
        if (error instanceof AppError) {
          throw new CallFailure('AUTH_REQUIRED', error.message, {
            reason: error.code,
            ...(error.details?.issues ? { issues: error.details.issues } : {}),
          })
        }
        throw error
      }
      if (accessToken) options.secrets.push(accessToken)
      record(request, url, headers, appliedCredentials(before, { url, headers }))
    } else record(request, url, headers, { headers: new Set(), query: new Set() })

    const init = { method: request.method, headers, body: request.body ?? null, signal }
    try {
      let response = await send(url, init)
      if (response.status === 401 && accessToken) {
        await response.body?.cancel()
        const renewed = await options.afterRejection(accessToken)
        options.secrets.push(renewed.accessToken)
        headers.set('authorization', `Bearer ${renewed.accessToken}`)
        trace.attempts += 1
        response = await send(url, { ...init, headers })
      }
      const body = await readBody(response)
      recordResponse(response, body)
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        text: body.text,
        size: body.size,
        truncated: body.truncated,
      }
    } catch (error) {
      if (error instanceof AppError)
        throw new CallFailure('AUTH_REQUIRED', error.message, { reason: error.code })
      throw toFailure(error, url)
    }
  }

  const policy = options.retry ? retryPolicy(options.retry) : null

  return {
    send: async (request) => {
      if (!isSecureEndpoint(request.url)) {
        throw new CallFailure(
          'ENDPOINT_MISSING',
          `Refusing to call ${request.url.origin}: Switchboard talks to providers over https only (plain http only to this computer).`,
          { url: request.url.origin },
        )
      }
      if (options.signal.aborted) throw failAborted()
      if (!policy) return once(request, options.signal)
      try {
        return await policy.execute(({ signal }) => once(request, signal), options.signal)
      } catch (error) {
        throw toFailure(error, request.url)
      }
    },
  }
}
