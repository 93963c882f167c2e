// Where the API lives: OpenAPI 3's servers[0] (its variables become connection config fields, filled
// in by {{config.<name>}} placeholders) or Swagger 2.0's schemes + host + basePath.
import type { ValidationIssue } from '../../../contract/errors.ts'
import { isHttpUrl, isObj, list, obj, str, text, type Dialect, type Obj, type SchemaObject } from './util.ts'

export interface ServerSettings {
  baseUrl: { production: string; sandbox?: string }
  /** Properties of the connection config (server variables), and which of them are required. */
  config: Map<string, SchemaObject>
  required: string[]
  /** The production URL when it has no placeholders: the base for relative OAuth URLs and docs. */
  concrete?: string
}

/** Config field names must match the {{config.<name>}} placeholder syntax ([\w-]+). */
const fieldName = (name: string) => name.replace(/[^\w-]/g, '_') || 'server'

const trimSlash = (url: string) => url.replace(/(?<!\/)\/+$/, '')

export function serversOf(
  doc: Obj,
  dialect: Dialect,
  sourceName: string | undefined,
  warnings: ValidationIssue[],
): ServerSettings {
  const settings: ServerSettings = { baseUrl: { production: '' }, config: new Map(), required: [] }
  let url: string
  if (dialect === 'swagger2') {
    const schemes = list(doc.schemes).filter(
      (scheme): scheme is string => scheme === 'https' || scheme === 'http',
    )
    const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https')
    const host = text(doc.host)
    const basePath = text(doc.basePath) ?? ''
    url = host ? `${scheme}://${host}${basePath}` : basePath
  } else {
    const servers = list(doc.servers).filter(isObj)
    const first = servers[0]
    url = first ? template(first, settings) : ''
    // A second server described as a sandbox (or test/staging) without variables becomes the sandbox URL.
    const sandbox = servers.slice(1).find((server) => {
      const label = `${str(server.description) ?? ''} ${str(server.url) ?? ''}`
      return (
        /\b(sandbox|staging|test|testing)\b/i.test(label) &&
        !str(server.url)?.includes('{') &&
        isHttpUrl(str(server.url))
      )
    })
    const sandboxUrl = str(sandbox?.url)
    if (sandboxUrl) settings.baseUrl.sandbox = trimSlash(sandboxUrl)
  }
  if (url.startsWith('//')) url = `https:${url}`
  if (!/^https?:\/\//i.test(url)) {
    // A relative server URL is relative to where the document was served; without that, the
    // connection names the host.
    const path = url && !url.startsWith('/') ? `/${url}` : url
    if (isHttpUrl(sourceName)) url = `${new URL(sourceName).origin}${path}`
    else {
      url = `https://{{config.host}}${path}`
      settings.config.set('host', {
        type: 'string',
        title: 'Host',
        description: 'The host name of the API server, e.g. api.example.com.',
        minLength: 1,
      })
      settings.required.push('host')
      warnings.push({
        path: dialect === 'swagger2' ? 'host' : 'servers',
        message: 'names no absolute server URL; the base URL takes the host from the connection config',
      })
    }
  }
  settings.baseUrl.production = trimSlash(url)
  if (!settings.baseUrl.production.includes('{{')) settings.concrete = settings.baseUrl.production
  return settings
}

/** The server URL with each {variable} replaced by a config placeholder, the variable becoming a field. */
function template(server: Obj, settings: ServerSettings): string {
  const url = str(server.url) ?? ''
  const variables = obj(server.variables) ?? {}
  // A variable in the scheme ("{protocol}://…") cannot be a placeholder (base URLs start with
  // http(s)://), so it takes its default.
  const withScheme = url.replace(/^\{([^}]+)\}(?=:\/\/)/, (match, name: string) => {
    const value = str(obj(variables[name])?.default)
    return value === 'http' || value === 'https' ? value : 'https'
  })
  return withScheme.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const variable = obj(variables[name]) ?? {}
    const field = fieldName(name)
    if (!settings.config.has(field)) {
      const property: SchemaObject = { type: 'string', title: name }
      const description = text(variable.description)
      if (description) property.description = description
      const values = list(variable.enum).filter((value): value is string => typeof value === 'string')
      if (values.length) property.enum = [...new Set(values)]
      const fallback = str(variable.default)
      if (fallback !== undefined) property.default = fallback
      else settings.required.push(field)
      settings.config.set(field, property)
    }
    return `{{config.${field}}}`
  })
}
