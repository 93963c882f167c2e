// Sign-in: one security scheme of the document becomes the definition's authType and its settings.
// The scheme chosen is the first the document asks for (top-level security, then the schemes its
// operations use most, then the order they are declared in) that Switchboard can run:
//   oauth2 authorization code → oauth2; oauth2 client credentials → oauth2 (client_credentials);
//   apiKey in a header or query → apikey; apiKey in a cookie → custom Cookie header;
//   http bearer → apikey in Authorization with the prefix "Bearer "; http basic → custom basic.
// OpenID Connect (no token URL without discovery), implicit and password flows, mutual TLS and other
// http schemes are not supported; a document with only those imports as authType "none", with a warning.
import type { ApiKeyConfig, AuthType, CustomAuth, OAuth2Config } from '../../../contract/definition-format.ts'
import type { ValidationIssue } from '../../../contract/errors.ts'
import type { OperationRef } from './methods.ts'
import { isHttpUrl, isObj, list, obj, str, text, type Dialect, type Obj, type SchemaObject } from './util.ts'

export interface AuthSettings {
  authType: AuthType
  oauth2Config?: OAuth2Config
  apiKeyConfig?: ApiKeyConfig
  customAuth?: CustomAuth
  secretSchema: SchemaObject
  /** The oauth2 scheme's name: the scopes operations require of it become the methods' scopes. */
  oauthScheme?: string
}

interface Secret {
  name: string
  title: string
  required: boolean
  description?: string | undefined
}

type Mapped = Omit<AuthSettings, 'secretSchema'> & { secrets: Secret[] }

/** The names of the schemes in a list of security requirements. */
const requirementNames = (security: unknown): string[] =>
  list(security).flatMap((requirement) => (isObj(requirement) ? Object.keys(requirement) : []))

/** The scopes a list of security requirements asks of one scheme. */
export function requiredScopes(security: unknown, scheme: string): string[] {
  const scopes = list(security).flatMap((requirement) => list(obj(requirement)?.[scheme]))
  return [...new Set(scopes.filter((scope): scope is string => typeof scope === 'string'))]
}

export function authOf(
  doc: Obj,
  dialect: Dialect,
  operations: OperationRef[],
  baseUrl: string | undefined,
  warnings: ValidationIssue[],
): AuthSettings {
  const schemesAt = dialect === 'swagger2' ? 'securityDefinitions' : 'components.securitySchemes'
  const schemes =
    (dialect === 'swagger2' ? obj(doc.securityDefinitions) : obj(obj(doc.components)?.securitySchemes)) ?? {}
  const uses = new Map<string, number>()
  for (const { operation } of operations) {
    for (const name of requirementNames(operation.security)) uses.set(name, (uses.get(name) ?? 0) + 1)
  }
  const candidates = [
    ...new Set([
      ...requirementNames(doc.security),
      ...[...uses].sort((a, b) => b[1] - a[1]).map(([name]) => name),
      ...Object.keys(schemes),
    ]),
  ]
  const skipped: string[] = []
  for (const name of candidates) {
    const scheme = obj(schemes[name])
    if (!scheme) continue
    const mapped = mapScheme(name, scheme, dialect, baseUrl, requiredScopesOf(doc, operations, name))
    if (typeof mapped === 'string') {
      skipped.push(`"${name}" (${mapped})`)
      continue
    }
    const { secrets, ...settings } = mapped
    return { ...settings, secretSchema: secretSchema(secrets) }
  }
  if (skipped.length) {
    warnings.push({
      path: schemesAt,
      message: `has no scheme Switchboard can sign in with: ${skipped.join(', ')}; imported without authentication`,
    })
  }
  return { authType: 'none', secretSchema: secretSchema([]) }
}

function requiredScopesOf(doc: Obj, operations: OperationRef[], scheme: string): string[] {
  const all = [doc.security, ...operations.map(({ operation }) => operation.security)]
  return [...new Set(all.flatMap((security) => requiredScopes(security, scheme)))]
}

/** The settings for one scheme, or why it cannot be used. */
function mapScheme(
  name: string,
  scheme: Obj,
  dialect: Dialect,
  baseUrl: string | undefined,
  scopes: string[],
): Mapped | string {
  const type = str(scheme.type)
  const description = text(scheme.description)
  const key = (title: string): Secret[] => [{ name: 'apiKey', title, required: true, description }]
  if (type === 'apiKey') {
    const where = str(scheme.in)
    const header = text(scheme.name)
    if (!header) return 'no parameter name'
    if (where === 'header' || where === 'query') {
      return { authType: 'apikey', apiKeyConfig: { in: where, name: header }, secrets: key('API key') }
    }
    if (where === 'cookie') {
      return {
        authType: 'custom',
        customAuth: { scheme: 'headers', headers: { Cookie: `${header}={{secret.apiKey}}` } },
        secrets: key('API key'),
      }
    }
    return `an API key in "${where}"`
  }
  if (type === 'basic' || (type === 'http' && str(scheme.scheme)?.toLowerCase() === 'basic')) {
    return {
      authType: 'custom',
      customAuth: { scheme: 'basic', usernameField: 'username', passwordField: 'password' },
      secrets: [
        { name: 'username', title: 'User name', required: true },
        { name: 'password', title: 'Password', required: true, description },
      ],
    }
  }
  if (type === 'http') {
    const kind = str(scheme.scheme)?.toLowerCase()
    if (kind !== 'bearer') return `http ${kind ?? 'without a scheme'}`
    return {
      authType: 'apikey',
      apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ' },
      secrets: key('Bearer token'),
    }
  }
  if (type === 'oauth2') {
    const flow = oauthFlow(scheme, dialect)
    if (!flow) return 'no authorization code or client credentials flow'
    const tokenUrl = absolute(flow.tokenUrl, baseUrl)
    if (!tokenUrl) return 'no absolute token URL'
    let authorizationUrl: string | undefined
    if (flow.grant === 'authorization_code') {
      authorizationUrl = absolute(flow.authorizationUrl, baseUrl)
      if (!authorizationUrl) return 'no absolute authorization URL'
    }
    const oauth2Config: OAuth2Config = authorizationUrl
      ? { authorizationUrl, tokenUrl, scopes }
      : { tokenUrl, grantType: 'client_credentials', scopes }
    return {
      authType: 'oauth2',
      oauth2Config,
      oauthScheme: name,
      secrets: [
        { name: 'clientId', title: 'Client ID', required: true },
        // A public client with PKCE has no secret; client credentials always need one.
        { name: 'clientSecret', title: 'Client secret', required: flow.grant === 'client_credentials' },
      ],
    }
  }
  return type ?? 'no type'
}

interface Flow {
  grant: 'authorization_code' | 'client_credentials'
  authorizationUrl?: string
  tokenUrl?: string
}

function oauthFlow(scheme: Obj, dialect: Dialect): Flow | undefined {
  if (dialect === 'swagger2') {
    const flow = str(scheme.flow)
    const urls = { authorizationUrl: str(scheme.authorizationUrl), tokenUrl: str(scheme.tokenUrl) }
    if (flow === 'accessCode') return { grant: 'authorization_code', ...urls }
    if (flow === 'application') return { grant: 'client_credentials', ...urls }
    return undefined
  }
  const flows = obj(scheme.flows) ?? {}
  const code = obj(flows.authorizationCode)
  if (code)
    return {
      grant: 'authorization_code',
      authorizationUrl: str(code.authorizationUrl),
      tokenUrl: str(code.tokenUrl),
    }
  const client = obj(flows.clientCredentials)
  if (client) return { grant: 'client_credentials', tokenUrl: str(client.tokenUrl) }
  return undefined
}

/** OpenAPI 3 allows OAuth URLs relative to the server. */
function absolute(url: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!url) return undefined
  if (isHttpUrl(url)) return url
  if (!baseUrl) return undefined
  try {
    const resolved = new URL(url, `${baseUrl}/`).href
    return isHttpUrl(resolved) ? resolved : undefined
  } catch {
    return undefined
  }
}

function secretSchema(fields: Secret[]): SchemaObject {
  const property = ({ title, description }: Secret) => ({
    type: 'string',
    title,
    ...(description ? { description } : {}),
    minLength: 1,
  })
  const schema: SchemaObject = {
    type: 'object',
    properties: Object.fromEntries(fields.map((field) => [field.name, property(field)])),
  }
  const required = fields.filter((field) => field.required).map((field) => field.name)
  if (required.length) schema.required = required
  schema.additionalProperties = false
  return schema
}
