// The authorization server's metadata for a definition: from discovery when the definition names an
// issuer (OpenID Connect Discovery, then RFC 8414), otherwise built from its oauth2Config. Every
// endpoint Switchboard will use is checked to be https (or loopback) before anything is sent to it.
import * as oauth from 'oauth4webapi'
import type { OAuth2Config } from '../../contract/definition-format.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../host.ts'
import { secureEndpoint, transportOptions } from './endpoints.ts'
import { describeOAuthError } from './oauth-errors.ts'

/** Discovered metadata is kept this long, so a burst of refreshes makes one discovery request. */
const discoveryTtlMs = 60 * 60 * 1000

function fromDefinition(config: OAuth2Config): oauth.AuthorizationServer {
  const base = config.authorizationUrl ?? config.tokenUrl
  return {
    // Without a named issuer, the origin of the endpoints stands in for it; a provider that sends
    // `iss` in its authorization responses (RFC 9207) should have its issuer named in the definition.
    issuer: config.issuer ?? new URL(base).origin,
    authorization_endpoint: config.authorizationUrl,
    token_endpoint: config.tokenUrl,
    revocation_endpoint: config.revocationUrl,
  }
}

/** Checks the endpoints Switchboard uses; throws before any request when one is not https. */
function checkEndpoints(as: oauth.AuthorizationServer): oauth.AuthorizationServer {
  secureEndpoint(as.token_endpoint, 'token endpoint', 'oauth2Config.tokenUrl')
  if (as.authorization_endpoint !== undefined)
    secureEndpoint(as.authorization_endpoint, 'authorization endpoint', 'oauth2Config.authorizationUrl')
  if (as.revocation_endpoint !== undefined)
    secureEndpoint(as.revocation_endpoint, 'revocation endpoint', 'oauth2Config.revocationUrl')
  return as
}

async function discover(issuer: URL): Promise<oauth.AuthorizationServer> {
  let lastError: unknown
  for (const algorithm of ['oidc', 'oauth2'] as const) {
    try {
      const response = await oauth.discoveryRequest(issuer, { algorithm, ...transportOptions(issuer) })
      return await oauth.processDiscoveryResponse(issuer, response)
    } catch (error) {
      lastError = error
    }
  }
  throw new AppError(
    'UNAVAILABLE',
    `Could not read the sign-in settings of ${issuer.href}: ${describeOAuthError(lastError).message}`,
  )
}

export function createServerMetadata(logger: Logger) {
  const discovered = new Map<string, { at: number; metadata: Promise<oauth.AuthorizationServer> }>()

  const discoverCached = (issuer: URL): Promise<oauth.AuthorizationServer> => {
    const cached = discovered.get(issuer.href)
    if (cached && Date.now() - cached.at < discoveryTtlMs) return cached.metadata
    const metadata = discover(issuer)
    discovered.set(issuer.href, { at: Date.now(), metadata })
    metadata.catch((error: unknown) => {
      discovered.delete(issuer.href)
      logger.warn('oauth discovery failed', { issuer: issuer.href, error: describeOAuthError(error).message })
    })
    return metadata
  }

  /** The metadata of the definition's authorization server, every endpoint checked. */
  const forConfig = async (config: OAuth2Config): Promise<oauth.AuthorizationServer> => {
    const own = fromDefinition(config)
    if (!config.issuer) return checkEndpoints(own)
    const issuer = secureEndpoint(config.issuer, 'issuer', 'oauth2Config.issuer')
    const metadata = await discoverCached(issuer)
    // What discovery says wins; the definition fills what it leaves out (often the revocation endpoint).
    return checkEndpoints({ ...own, ...metadata })
  }

  return { forConfig, forget: () => discovered.clear() }
}

export type ServerMetadata = ReturnType<typeof createServerMetadata>
