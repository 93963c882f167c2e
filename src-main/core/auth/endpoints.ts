// Which URLs Switchboard will talk OAuth to, and send credentials to: https, or plain http only to this
// computer (127.0.0.1, [::1], localhost) so that local and test providers work. oauth4webapi refuses
// http by itself; its escape hatch (allowInsecureRequests) is passed for loopback URLs and nowhere else.
import * as oauth from 'oauth4webapi'
import { AppError } from '../errors.ts'
import { hasOnlyUriCharacters } from '../net/uri-chars.ts'

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost'])

export const isLoopback = (url: URL): boolean => loopbackHosts.has(url.hostname)

export const isSecureEndpoint = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))

/**
 * The URL of an endpoint, or an error naming it: `what` says which endpoint ("token endpoint"), `path`
 * where it was configured ("oauth2Config.tokenUrl").
 */
export function secureEndpoint(value: string | undefined, what: string, path: string): URL {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw AppError.invalid(`The ${what} is missing or not a URL.`, [
      { path, message: 'must be an absolute URL' },
    ])
  }
  // Discovery documents come from the provider's server: an endpoint with characters outside RFC 3986
  // ("|", quotes, spaces) is refused before it can reach a browser opener or a request.
  if (!hasOnlyUriCharacters(value ?? '')) {
    throw AppError.invalid(
      `The ${what} contains characters a URL may not contain (RFC 3986); Switchboard will not use it.`,
      [{ path, message: 'must contain only URL characters (RFC 3986)' }],
    )
  }
  if (!isSecureEndpoint(url)) {
    throw AppError.invalid(
      `The ${what} ${url.origin} does not use https. Switchboard talks to providers over https only ` +
        '(plain http only to this computer: 127.0.0.1, [::1] or localhost).',
      [{ path, message: 'must use https' }],
    )
  }
  return url
}

/** oauth4webapi's request options for one endpoint: insecure requests allowed only for loopback http. */
export function transportOptions(url: URL): { [oauth.allowInsecureRequests]?: boolean } {
  return url.protocol === 'http:' && isLoopback(url) ? { [oauth.allowInsecureRequests]: true } : {}
}
