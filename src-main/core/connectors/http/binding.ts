// The declarative HTTP binding: a method's input becomes one request. {name} path segments are filled
// (URL-encoded) from the input field of that name; fields listed in `query`, `headers` and `body` go
// there; `bodyField` sends one field as the whole body, JSON or form-encoded. When a binding lists no
// query (for GET and DELETE) or no body (for POST, PUT, PATCH), the fields not used elsewhere go there,
// so a hand-written binding need not repeat every field.
import { baseUrlOf as definitionBaseUrl, endpointNeed } from '../../../contract/definition-defaults.ts'
import type { HttpBinding, IntegrationDefinition } from '../../../contract/definition-format.ts'
import { CallFailure } from '../../runtime/errors.ts'
import type { ProviderRequest } from '../contract.ts'

type Input = Record<string, unknown>

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)

/** Fills {{config.x}} placeholders (base URLs, the definition's headers); a missing one is an error. */
export function fillConfig(template: string, config: Record<string, unknown>, where: string): string {
  return template.replace(/\{\{\s*config\.([A-Za-z0-9_.-]+)\s*\}\}/g, (_m, field: string) => {
    const value = config[field]
    if (value === undefined || value === null || value === '') {
      throw new CallFailure(
        'ENDPOINT_MISSING',
        `The connection's config.${field} is not set, and ${where} needs it. Fill it in the connection's settings.`,
        { issues: [{ path: `config.${field}`, message: 'is required to build the request' }] },
      )
    }
    return String(value)
  })
}

/**
 * The base URL of a connection's requests: a baseUrl in its config, else the definition's for the
 * environment (sandbox falls back to production); ENDPOINT_MISSING when there is neither (the
 * reference format leaves `api` out). The rule lives in contract/definition-defaults.ts.
 */
export function baseUrlOf(
  definition: IntegrationDefinition,
  environment: 'sandbox' | 'production',
  config: Record<string, unknown>,
): string {
  const base = definitionBaseUrl(definition, environment, config)
  if (!base)
    throw new CallFailure(
      'ENDPOINT_MISSING',
      `${definition.name} gives no base URL. ${endpointNeed(definition) ?? ''}`.trim(),
    )
  return fillConfig(base, config, 'the base URL')
}

function joinUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl
  return new URL(base + path)
}

export function buildRequest(
  binding: HttpBinding,
  rawInput: unknown,
  baseUrl: string,
  definition: IntegrationDefinition,
  config: Record<string, unknown>,
): ProviderRequest {
  const input: Input =
    typeof rawInput === 'object' && rawInput !== null && !Array.isArray(rawInput) ? (rawInput as Input) : {}
  const used = new Set<string>()
  const path = binding.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = input[name]
    if (value === undefined || value === null || value === '') {
      throw new CallFailure('INPUT_INVALID', `The input has no ${name}, which the request path needs.`, {
        issues: [{ path: name, message: 'is required (it is part of the request path)' }],
      })
    }
    used.add(name)
    return encodeURIComponent(asText(value))
  })
  const url = joinUrl(baseUrl, path)
  const headers = new Headers()
  for (const [name, template] of Object.entries(definition.api?.headers ?? {})) {
    // A header naming a config field filled after sign-in (Xero's tenant) is left off until it is
    // filled, so that the method listing the choices can run.
    const pending = [...template.matchAll(/\{\{\s*config\.([A-Za-z0-9_.-]+)\s*\}\}/g)].some(
      ([, field]) =>
        field !== undefined &&
        definition.configChoices?.[field] !== undefined &&
        (config[field] ?? '') === '',
    )
    if (!pending) headers.set(name, fillConfig(template, config, `the ${name} header`))
  }
  for (const [header, field] of Object.entries(binding.headers ?? {})) {
    used.add(field)
    const value = input[field]
    if (value !== undefined && value !== null) headers.set(header, asText(value))
  }
  const hasBody = binding.method === 'POST' || binding.method === 'PUT' || binding.method === 'PATCH'
  const bodyFields = binding.body ?? []
  const queryFields =
    binding.query ??
    (!hasBody ? Object.keys(input).filter((k) => !used.has(k) && !bodyFields.includes(k)) : [])
  for (const field of queryFields) {
    used.add(field)
    const value = input[field]
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(field, asText(item))
    else url.searchParams.set(field, asText(value))
  }

  let body: unknown = undefined
  if (binding.bodyField !== undefined) {
    body = input[binding.bodyField]
  } else if (bodyFields.length > 0 || hasBody) {
    const fields = binding.body ?? Object.keys(input).filter((k) => !used.has(k))
    const object: Input = {}
    for (const field of fields) if (input[field] !== undefined) object[field] = input[field]
    if (Object.keys(object).length > 0 || hasBody) body = object
  }
  let text: string | null = null
  if (body !== undefined) {
    if ((binding.bodyEncoding ?? 'json') === 'form') {
      const form = new URLSearchParams()
      const entries = typeof body === 'object' && body !== null ? Object.entries(body as Input) : []
      for (const [key, value] of entries) {
        if (value === undefined || value === null) continue
        if (Array.isArray(value)) for (const item of value) form.append(key, asText(item))
        else form.set(key, asText(value))
      }
      text = form.toString()
      headers.set('content-type', 'application/x-www-form-urlencoded')
    } else {
      text = JSON.stringify(body)
      headers.set('content-type', 'application/json')
    }
  }
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  return { method: binding.method, url, headers, body: text }
}
