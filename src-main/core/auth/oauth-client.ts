// Everything one OAuth exchange for a connection needs: the definition's oauth2Config, the server's
// metadata, the client (the consultant's app) and how it authenticates at the token endpoint, and the
// request options for each endpoint (loopback-only http, the quirk-tolerant fetch, extra parameters).
import * as oauth from 'oauth4webapi'
import type { IntegrationDefinition, OAuth2Config } from '../../contract/definition-format.ts'
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../host.ts'
import { secureEndpoint, transportOptions } from './endpoints.ts'
import type { OAuthApps, ResolvedOAuthApp } from './oauth-apps.ts'
import type { ServerMetadata } from './server-metadata.ts'
import { conformingFetch, recognizedTokenTypes } from './token-response.ts'

export interface OAuthContext {
  connectionId: string
  definition: IntegrationDefinition
  config: OAuth2Config
  as: oauth.AuthorizationServer
  client: oauth.Client
  clientAuth: oauth.ClientAuth
  app: ResolvedOAuthApp
  requestedScopes: string[]
  scopeSeparator: string
  /** Options for a token endpoint request (code, refresh, client credentials). */
  tokenRequestOptions(): oauth.TokenEndpointRequestOptions
  /** Options for a revocation request. */
  revocationRequestOptions(tokenTypeHint: 'access_token' | 'refresh_token'): oauth.RevocationRequestOptions
  processOptions: oauth.ProcessTokenResponseOptions
}

export interface OAuthContextDeps {
  connections: Connections
  definitions: DefinitionRegistry
  apps: OAuthApps
  servers: ServerMetadata
  logger: Logger
}

/** The connection's definition (at its pinned version) and its oauth2Config, or a clear refusal. */
export function oauthDefinitionOf(
  deps: Pick<OAuthContextDeps, 'connections' | 'definitions'>,
  connectionId: string,
): { definition: IntegrationDefinition; config: OAuth2Config } {
  const row = deps.connections.row(connectionId)
  const definition = deps.definitions.get(row.integrationId, row.definitionVersion)
  if (definition.authType !== 'oauth2' || !definition.oauth2Config) {
    throw AppError.invalid(
      `${definition.name} does not sign in with OAuth 2.0 (it uses ${definition.authType}).`,
      [{ path: 'connectionId', message: 'is not an OAuth 2.0 connection' }],
    )
  }
  return { definition, config: definition.oauth2Config }
}

function clientAuthOf(config: OAuth2Config, app: ResolvedOAuthApp): oauth.ClientAuth {
  // An app without a secret is a public client: PKCE alone protects its code (RFC 8252 §8.4).
  if (!app.clientSecret) return oauth.None()
  switch (config.clientAuthMethod ?? 'client_secret_basic') {
    case 'client_secret_post':
      return oauth.ClientSecretPost(app.clientSecret)
    case 'none':
      return oauth.None()
    default:
      return oauth.ClientSecretBasic(app.clientSecret)
  }
}

export function createOAuthContexts(deps: OAuthContextDeps) {
  const fetchConforming = conformingFetch(deps.logger)

  return async (connectionId: string): Promise<OAuthContext> => {
    const { definition, config } = oauthDefinitionOf(deps, connectionId)
    const app = deps.apps.resolve(connectionId)
    const as = await deps.servers.forConfig(config)
    const tokenEndpoint = secureEndpoint(as.token_endpoint, 'token endpoint', 'oauth2Config.tokenUrl')
    const client: oauth.Client = { client_id: app.clientId }
    return {
      connectionId,
      definition,
      config,
      as,
      client,
      clientAuth: clientAuthOf(config, app),
      app,
      requestedScopes: [...config.scopes],
      scopeSeparator: config.scopeSeparator ?? ' ',
      tokenRequestOptions: () => ({
        ...transportOptions(tokenEndpoint),
        [oauth.customFetch]: fetchConforming,
        signal: AbortSignal.timeout(30_000),
        ...(config.tokenParameters ? { additionalParameters: config.tokenParameters } : {}),
      }),
      revocationRequestOptions: (tokenTypeHint) => {
        const endpoint = secureEndpoint(
          as.revocation_endpoint,
          'revocation endpoint',
          'oauth2Config.revocationUrl',
        )
        return {
          ...transportOptions(endpoint),
          signal: AbortSignal.timeout(15_000),
          additionalParameters: { token_type_hint: tokenTypeHint },
        }
      },
      processOptions: { recognizedTokenTypes },
    }
  }
}

export type OAuthContexts = ReturnType<typeof createOAuthContexts>
