// Reading a provider's answer for the http connector: an error status becomes a PROVIDER failure
// carrying the provider's own status and body (what people need to fix it); a body that should be JSON
// but is not, or that was cut off at the cap, becomes a clear typed failure instead of a parse crash.
import jsonata from 'jsonata'
import { CallFailure } from '../../runtime/errors.ts'
import type { ProviderResponse } from '../contract.ts'

/** At most this much of a provider's error body travels in an error's details. */
const errorBodyLimit = 64 * 1024

export function bodyForDetails(response: ProviderResponse): unknown {
  const text = response.text.length > errorBodyLimit ? response.text.slice(0, errorBodyLimit) : response.text
  try {
    return text === '' ? null : JSON.parse(text)
  } catch {
    return text
  }
}

/** Throws PROVIDER for a 4xx/5xx answer, with the provider's status and body. */
export function requireSuccess(response: ProviderResponse): void {
  if (response.status < 400) return
  const body = bodyForDetails(response)
  const said = providerMessage(body)
  throw new CallFailure(
    'PROVIDER',
    `The provider answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: ${said}` : '.'}`,
    { status: response.status, body },
  )
}

/** The provider's own message, from the usual places in an error body. */
function providerMessage(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().slice(0, 300) || null
  if (typeof body !== 'object' || body === null) return null
  const record = body as Record<string, unknown>
  const nested =
    typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {}
  for (const value of [
    record.message,
    nested.message,
    record.error_description,
    record.error,
    record.detail,
    record.title,
  ]) {
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300)
  }
  return null
}

/** The body as JSON; an empty body is null. HTML (or anything else) where JSON was promised fails. */
export function jsonBody(response: ProviderResponse): unknown {
  if (response.truncated) {
    throw new CallFailure(
      'PROVIDER',
      `The provider sent more than the ${Math.round(response.size / (1024 * 1024))} MB Switchboard reads; the answer was cut off and cannot be used.`,
      { reason: 'response-too-large', status: response.status, bytesRead: response.size },
    )
  }
  if (response.text.trim() === '') return null
  try {
    return JSON.parse(response.text)
  } catch {
    const contentType = response.headers.get('content-type') ?? 'no content type'
    throw new CallFailure(
      'PROVIDER',
      `The provider answered ${response.status} with ${contentType} that is not JSON, where the method expects JSON.`,
      { reason: 'not-json', status: response.status, contentType, body: bodyForDetails(response) },
    )
  }
}

const compiled = new Map<string, ReturnType<typeof jsonata>>()

/** Evaluates a JSONata expression of a definition (compiled once per expression). */
export async function evaluate(expression: string, data: unknown, what: string): Promise<unknown> {
  let expr = compiled.get(expression)
  try {
    if (!expr) {
      expr = jsonata(expression)
      compiled.set(expression, expr)
    }
    return await expr.evaluate(data)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CallFailure(
      'OUTPUT_MISMATCH',
      `The ${what} could not be applied to the provider's answer: ${reason}`,
      {
        reason: 'mapping-failed',
      },
    )
  }
}
