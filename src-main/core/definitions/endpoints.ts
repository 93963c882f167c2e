// Where a definition sends credentials and requests: its OAuth endpoints (the refresh token and the
// client secret go to tokenUrl; discovery goes to the issuer), its API base URLs (the API key or the
// access token goes there, health checks too), each transport's base URLs and a remote MCP server's
// URL (the mcp connector sends the mcpAccessToken there). Comparing two versions
// by origin is what an upgrade or a shadowing import must show before it is applied: a new host
// there receives the secrets at the next refresh or call.
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { EndpointChange } from '../../contract/types.ts'

/**
 * scheme://host[:port] of a URL, lower-cased; base URLs may be templated (`https://{{config.shop}}.x.com`),
 * so this reads the text rather than parsing it. Null when there is no URL.
 */
export function originOfTemplate(url: string | undefined): string | null {
  if (!url) return null
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url.trim())
  return match?.[1] ? match[1].toLowerCase() : url.trim().toLowerCase()
}

/** Every endpoint of a definition, by its path in the document. */
export function endpointsOf(definition: IntegrationDefinition): Map<string, string> {
  const endpoints = new Map<string, string>()
  const add = (path: string, url: string | undefined) => {
    if (url) endpoints.set(path, url)
  }
  const oauth = definition.oauth2Config
  add('oauth2Config.authorizationUrl', oauth?.authorizationUrl)
  add('oauth2Config.tokenUrl', oauth?.tokenUrl)
  add('oauth2Config.revocationUrl', oauth?.revocationUrl)
  add('oauth2Config.issuer', oauth?.issuer)
  add('api.baseUrl.production', definition.api?.baseUrl.production)
  add('api.baseUrl.sandbox', definition.api?.baseUrl.sandbox)
  definition.transports?.forEach((transport, index) => {
    add(`transports[${index}].baseUrl.production`, transport.baseUrl?.production)
    add(`transports[${index}].baseUrl.sandbox`, transport.baseUrl?.sandbox)
  })
  add('mcpUrl', definition.mcpUrl)
  return endpoints
}

/** Each endpoint whose origin differs between two versions (added and removed ones too). */
export function endpointChanges(
  before: IntegrationDefinition,
  after: IntegrationDefinition,
): EndpointChange[] {
  const old = endpointsOf(before)
  const next = endpointsOf(after)
  const changes: EndpointChange[] = []
  for (const path of new Set([...old.keys(), ...next.keys()])) {
    const from = old.get(path) ?? null
    const to = next.get(path) ?? null
    const fromOrigin = originOfTemplate(from ?? undefined)
    const toOrigin = originOfTemplate(to ?? undefined)
    if (fromOrigin !== toOrigin) changes.push({ path, from, to, fromOrigin, toOrigin })
  }
  return changes
}

/** One line per change, for messages and warnings. */
export function describeEndpointChange(change: EndpointChange): string {
  if (!change.fromOrigin) return `${change.path} is new: ${change.toOrigin}`
  if (!change.toOrigin) return `${change.path} (${change.fromOrigin}) is gone`
  return `${change.path} moves from ${change.fromOrigin} to ${change.toOrigin}`
}
