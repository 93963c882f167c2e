// Token endpoint responses: the provider quirks Switchboard tolerates, all through oauth4webapi's
// documented options, and the conversion of a processed response into the token set that is stored.
//
// Quirks (oauth4webapi itself already accepts expires_in sent as a string):
//  - a non-standard token_type for what is a bearer token (Slack's "bot" and "user"):
//    the recognizedTokenTypes option;
//  - an error reported in a 200 body ({"ok": false, "error": "invalid_code"}, Slack again) and a
//    missing token_type (LinkedIn and others; RFC 6749 requires it, RFC 6750 tokens are bearer):
//    the customFetch option re-presents such a response as the conform one it means, so oauth4webapi
//    then processes it with its normal rules (a 400 with the error, a bearer token).
import type * as oauth from 'oauth4webapi'
import type { Logger } from '../host.ts'
import type { TokenSet } from './token-store.ts'

/** token_type values some providers use for plain bearer tokens. */
const bearerAliases = ['bot', 'user', 'app'] as const

export const recognizedTokenTypes: oauth.RecognizedTokenTypes = Object.fromEntries(
  bearerAliases.map((name) => [name, () => {}]),
)

const isJson = (response: Response) => /[/+]json\b/i.test(response.headers.get('content-type') ?? '')

function jsonResponse(body: unknown, status: number, from: Response): Response {
  const headers = new Headers(from.headers)
  headers.delete('content-length')
  headers.delete('content-encoding')
  headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Bad Request',
    headers,
  })
}

/** A fetch for token endpoint requests that conforms the quirky responses described above. */
export function conformingFetch(logger: Logger) {
  return async (
    url: string,
    options: oauth.CustomFetchOptions<'POST', URLSearchParams>,
  ): Promise<Response> => {
    const response = await fetch(url, options)
    if (response.status !== 200 || !isJson(response)) return response
    let body: unknown
    try {
      body = await response.clone().json()
    } catch {
      return response
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return response
    const json = body as Record<string, unknown>
    if (typeof json.error === 'string' && json.error && typeof json.access_token !== 'string') {
      logger.debug('oauth token endpoint reported an error with HTTP 200', { endpoint: new URL(url).origin })
      return jsonResponse(
        {
          error: json.error,
          ...(typeof json.error_description === 'string'
            ? { error_description: json.error_description }
            : {}),
        },
        400,
        response,
      )
    }
    if (typeof json.access_token === 'string' && json.token_type === undefined) {
      logger.debug('oauth token endpoint sent no token_type; taking it as bearer', {
        endpoint: new URL(url).origin,
      })
      return jsonResponse({ ...json, token_type: 'bearer' }, 200, response)
    }
    return response
  }
}

/** Splits a scope string on the definition's separator and on whitespace (providers mix them). */
export function splitScopes(value: string, separator = ' '): string[] {
  const parts = separator.trim()
    ? value.split(separator).flatMap((part) => part.split(/\s+/))
    : value.split(/\s+/)
  return [...new Set(parts.map((scope) => scope.trim()).filter(Boolean))]
}

/**
 * Granted scopes: what the response's `scope` lists; when it lists none, the requested ones (RFC 6749
 * §5.1: scope may be left out when it is what was requested).
 */
export function grantedScopes(
  response: oauth.TokenEndpointResponse,
  requested: string[],
  separator?: string,
): string[] {
  const granted = typeof response.scope === 'string' ? splitScopes(response.scope, separator) : requested
  // OpenID Connect §11: a refresh token is what offline_access grants, and providers rarely echo the
  // scope itself — so it counts as granted when one came, rather than showing as missing.
  if (response.refresh_token && requested.includes('offline_access') && !granted.includes('offline_access')) {
    return [...granted, 'offline_access']
  }
  return granted
}

export const missingScopes = (requested: string[], granted: string[]): string[] =>
  requested.filter((scope) => !granted.includes(scope))

/** The token set to store; a refresh without a new refresh (or ID) token keeps the previous one. */
export function tokenSetOf(response: oauth.TokenEndpointResponse, now: Date, previous?: TokenSet): TokenSet {
  const refresh = response.refresh_token ?? previous?.refresh_token
  const idToken = response.id_token ?? previous?.id_token
  return {
    access_token: response.access_token,
    token_type: response.token_type,
    ...(refresh ? { refresh_token: refresh } : {}),
    ...(idToken ? { id_token: idToken } : {}),
    ...(typeof response.expires_in === 'number'
      ? { expires_at: new Date(now.getTime() + response.expires_in * 1000).toISOString() }
      : {}),
  }
}

/** Who signed in, from validated ID token claims: e-mail, else user name, else subject. */
export function accountOf(claims: oauth.IDToken | undefined): string | null {
  if (!claims) return null
  for (const value of [claims.email, claims.preferred_username, claims.sub]) {
    if (typeof value === 'string' && value) return value
  }
  return null
}
