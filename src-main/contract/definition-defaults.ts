// What a definition leaves out, derived from what it has: the one place these defaults are decided.
// A document in the reference structure has no category, docsUrl, api, secretSchema or per-method
// binding; the core (secret validation, credentials, the catalog) and the renderer (forms, summaries)
// ask here instead of reading those fields, so the defaults are never written into a stored document
// and cannot drift between their users.
//
// Dependency-free (type imports only): the renderer imports it as it is.
import type { IntegrationDefinition, MethodDefinition } from './definition-format.ts'

/** A JSON Schema object as the forms and validators see it. */
export interface ObjectSchema {
  type: 'object'
  properties: Record<string, Record<string, unknown>>
  required?: string[]
  [keyword: string]: unknown
}

export const defaultCategory = 'other'

export const categoryOf = (definition: Pick<IntegrationDefinition, 'category'>): string =>
  definition.category ?? defaultCategory

/** The config field a definition without `api` takes its base URL from. */
export const baseUrlConfigField = 'baseUrl'
/** The config field naming a remote MCP server, for a definition run by the mcp connector. */
export const mcpUrlConfigField = 'mcpUrl'

const secretRefs = (template: string) =>
  [...template.matchAll(/\{\{\s*secret\.([\w-]+)\s*\}\}/g)].map((match) => match[1] ?? '')

/** The secret field holding an API key. */
export const apiKeyFieldOf = (config: { secretField?: string }): string => config.secretField ?? 'apiKey'

const field = (title: string, description: string) => ({ type: 'string', title, description })

/**
 * The secret fields: the definition's own secretSchema, else what its authType needs — apikey: the key
 * field named by apiKeyConfig (placement and name in its description); oauth2: none (the tokens are
 * sign-in's); custom: the fields its scheme names; none: none.
 */
export function secretSchemaOf(definition: IntegrationDefinition): ObjectSchema {
  if (definition.secretSchema) return definition.secretSchema as ObjectSchema
  const properties: ObjectSchema['properties'] = {}
  const required: string[] = []
  const add = (name: string, title: string, description: string) => {
    properties[name] ??= field(title, description)
    if (!required.includes(name)) required.push(name)
  }
  const key = definition.apiKeyConfig
  if (definition.authType === 'apikey' && key) {
    const where = key.in === 'header' ? `the ${key.name} header` : `the ${key.name} query parameter`
    add(
      apiKeyFieldOf(key),
      'API key',
      `Sent in ${where}${key.prefix ? `, after "${key.prefix.trim()}"` : ''}.`,
    )
  }
  const custom = definition.customAuth
  if (definition.authType === 'custom' && custom?.scheme === 'basic') {
    const configFields = (definition.configSchema as { properties?: Record<string, unknown> }).properties
    if (!configFields || !(custom.usernameField in configFields))
      add(custom.usernameField, 'User name', 'The user name of HTTP basic authentication.')
    add(custom.passwordField, 'Password', 'The password of HTTP basic authentication.')
  }
  if (definition.authType === 'custom' && custom?.scheme === 'headers') {
    for (const [header, template] of Object.entries(custom.headers))
      for (const name of secretRefs(template)) add(name, name, `Sent in the ${header} header.`)
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  }
}

/** The secret fields with their titles and descriptions, in schema order. */
export function secretFieldsOf(
  definition: IntegrationDefinition,
): { name: string; title: string; description: string | null; required: boolean }[] {
  const schema = secretSchemaOf(definition)
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    title: typeof property.title === 'string' ? property.title : name,
    description: typeof property.description === 'string' ? property.description : null,
    required: schema.required?.includes(name) ?? false,
  }))
}

export const requiredSecretsOf = (definition: IntegrationDefinition): string[] =>
  secretSchemaOf(definition).required ?? []

/**
 * Why a method cannot be called as it is defined (null when it can), in one sentence for people.
 * With a connection's config, what that config supplies counts too (its baseUrl or mcpUrl).
 */
export function endpointNeed(
  definition: Pick<IntegrationDefinition, 'api' | 'mcpUrl' | 'connector'>,
  method?: Pick<MethodDefinition, 'http'>,
  config: Record<string, unknown> = {},
): string | null {
  const inConfig = (field: string) => typeof config[field] === 'string' && /^https?:\/\//.test(config[field])
  const connector = definition.connector ?? 'http'
  // A remote MCP server's tools go where its URL says, from the definition or the connection.
  if (connector === 'mcp')
    return definition.mcpUrl || inConfig(mcpUrlConfigField)
      ? null
      : 'Needs an endpoint: the MCP server’s URL (mcpUrl), in the definition or the connection’s config.'
  // A code connector knows where its calls go.
  if (connector !== 'http') return null
  if (definition.api || definition.mcpUrl) return null
  if (method && !method.http)
    return 'Needs an endpoint: a connector for this method, or an HTTP binding with a baseUrl in the connection’s config.'
  if (inConfig(baseUrlConfigField)) return null
  return 'Needs an endpoint: a baseUrl in the connection’s config, or a connector.'
}

/** Whether any method of the definition needs an endpoint before it can be called. */
export const needsEndpoint = (definition: IntegrationDefinition): boolean =>
  definition.methods.some((method) => endpointNeed(definition, method) !== null)

/**
 * The base URL a connection's requests go to: a `baseUrl` in its config wins (that is how a definition
 * without `api` gets one), else the definition's URL for the environment (sandbox falls back to
 * production); null when there is none.
 */
export function baseUrlOf(
  definition: Pick<IntegrationDefinition, 'api' | 'mcpUrl'>,
  environment: 'sandbox' | 'production',
  config: Record<string, unknown> = {},
): string | null {
  const fromConfig = config[baseUrlConfigField]
  if (typeof fromConfig === 'string' && /^https?:\/\//.test(fromConfig)) return fromConfig
  // An MCP server's endpoint is its base URL: the connection's own, else the definition's.
  const mcpFromConfig = config[mcpUrlConfigField]
  if (typeof mcpFromConfig === 'string' && /^https?:\/\//.test(mcpFromConfig)) return mcpFromConfig
  const urls = definition.api?.baseUrl
  if (!urls) return definition.mcpUrl ?? null
  return (environment === 'sandbox' ? urls.sandbox : undefined) ?? urls.production
}
