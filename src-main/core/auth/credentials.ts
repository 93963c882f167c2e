// The one place credentials are put on an outgoing request, for every authType: an API key in a header
// or the query (name and prefix from the definition), HTTP basic or templated headers for custom
// schemes, a bearer token for OAuth. Connectors get authorized requests, never the secrets themselves;
// and no credential is ever sent over plain http to anything but this computer.
import { apiKeyFieldOf } from '../../contract/definition-defaults.ts'
import type { ApiKeyConfig, CustomAuth, IntegrationDefinition } from '../../contract/definition-format.ts'
import type { Connections, Secrets } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import { isSecureEndpoint } from './endpoints.ts'
import type { AccessToken, TokenAccess } from './refresh.ts'

export interface OutgoingRequest {
  url: URL
  headers: Headers
}

export interface CredentialsDeps {
  connections: Connections
  definitions: DefinitionRegistry
  tokens: TokenAccess
}

const missing = (connectionId: string, field: string) =>
  AppError.invalid(`Connection ${connectionId} has no ${field}: set it first.`, [
    { path: `secrets.${field}`, message: 'is not set' },
  ])

function secretOf(secrets: Secrets, field: string, connectionId: string): string {
  const value = secrets[field]
  if (value === undefined || value === '') throw missing(connectionId, field)
  return value
}

/** Fills {{secret.x}} and {{config.x}} placeholders; an unknown one is an error, not an empty string. */
export function fillTemplate(
  template: string,
  values: { secret: Secrets; config: Record<string, unknown> },
  connectionId: string,
): string {
  return template.replace(
    /\{\{\s*(secret|config)\.([A-Za-z0-9_.-]+)\s*\}\}/g,
    (_match, kind: string, field: string) => {
      const value = kind === 'secret' ? values.secret[field] : values.config[field]
      if (value === undefined || value === null || value === '') {
        if (kind === 'secret') throw missing(connectionId, field)
        throw AppError.invalid(`Connection ${connectionId} has no config.${field}: set it first.`, [
          { path: `config.${field}`, message: 'is not set' },
        ])
      }
      return String(value)
    },
  )
}

function applyApiKey(request: OutgoingRequest, config: ApiKeyConfig, secrets: Secrets, connectionId: string) {
  const value = `${config.prefix ?? ''}${secretOf(secrets, apiKeyFieldOf(config), connectionId)}`
  if (config.in === 'query') request.url.searchParams.set(config.name, value)
  else request.headers.set(config.name, value)
}

function applyCustom(
  request: OutgoingRequest,
  auth: CustomAuth,
  secrets: Secrets,
  config: Record<string, unknown>,
  connectionId: string,
) {
  if (auth.scheme === 'basic') {
    // The user name may be a secret or a config field (Mailchimp's is any text in the config).
    const fromConfig = config[auth.usernameField]
    const username =
      secrets[auth.usernameField] ??
      (typeof fromConfig === 'string' || typeof fromConfig === 'number' ? String(fromConfig) : undefined)
    if (username === undefined) throw missing(connectionId, auth.usernameField)
    const password = secretOf(secrets, auth.passwordField, connectionId)
    request.headers.set(
      'authorization',
      `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
    )
    return
  }
  for (const [name, template] of Object.entries(auth.headers)) {
    request.headers.set(name, fillTemplate(template, { secret: secrets, config }, connectionId))
  }
}

/** The Authorization header for an OAuth token (Slack's "bot"/"user" tokens are bearer tokens too). */
export const bearerHeader = (token: AccessToken) => `Bearer ${token.accessToken}`

export function createCredentials({ connections, definitions, tokens }: CredentialsDeps) {
  const definitionOf = (connectionId: string): IntegrationDefinition => {
    const row = connections.row(connectionId)
    return definitions.get(row.integrationId, row.definitionVersion)
  }

  /**
   * Puts the connection's credentials on the request (in place) and returns it, with the access token
   * used for OAuth so that a 401 can be matched to it. Refuses plain http to anything but loopback.
   */
  const authorize = async (
    connectionId: string,
    request: OutgoingRequest,
    /** The connection's secrets when the caller has just read them (the runtime does, for masking). */
    known?: { secrets: Secrets },
  ): Promise<{ request: OutgoingRequest; accessToken: string | null }> => {
    const secretsOf = () => known?.secrets ?? connections.readSecrets(connectionId)
    const definition = definitionOf(connectionId)
    if (definition.authType === 'none') return { request, accessToken: null }
    if (!isSecureEndpoint(request.url)) {
      throw AppError.invalid(
        `Refusing to send ${connectionId}'s credentials to ${request.url.origin}: only over https (or to this computer).`,
        [{ path: 'url', message: 'must use https' }],
      )
    }
    switch (definition.authType) {
      case 'oauth2': {
        const token = await tokens.accessToken(connectionId)
        request.headers.set('authorization', bearerHeader(token))
        return { request, accessToken: token.accessToken }
      }
      case 'apikey': {
        if (!definition.apiKeyConfig)
          throw new AppError('INTERNAL', `${definition.integrationId} has no apiKeyConfig.`)
        applyApiKey(request, definition.apiKeyConfig, secretsOf(), connectionId)
        return { request, accessToken: null }
      }
      case 'custom': {
        if (!definition.customAuth)
          throw new AppError('INTERNAL', `${definition.integrationId} has no customAuth.`)
        const row = connections.row(connectionId)
        applyCustom(request, definition.customAuth, secretsOf(), row.config, connectionId)
        return { request, accessToken: null }
      }
    }
  }

  return { authorize, authType: (connectionId: string) => definitionOf(connectionId).authType }
}

export type Credentials = ReturnType<typeof createCredentials>
