// Masking for what the runtime records and returns: the credentials the auth layer put on a request
// (found by comparing the request before and after authorizing), every secret value of the connection
// wherever it appears (URL, headers, body, the provider's answer, error text), and input fields that
// the method's inputSchema marks secret.
export const mask = '****'

/** Headers whose values are credentials whoever set them. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key'])

export function maskHeaderValue(value: string): string {
  const scheme = /^(Bearer|Basic|Token|Bot|Digest|OAuth)\s+/i.exec(value)
  return scheme ? `${scheme[1]} ${mask}` : mask
}

/** Replaces every occurrence of each secret in a text (longest first, so no part of one survives). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue
    out = out.split(secret).join(mask)
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(mask)
  }
  return out
}

export function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value
  if (typeof value === 'string') return scrub(value, secrets)
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secrets)]))
  }
  return value
}

export interface Applied {
  headers: Set<string>
  query: Set<string>
}

/** Which headers and query parameters authorizing changed: those are credentials. */
export function appliedCredentials(
  before: { url: URL; headers: Headers },
  after: { url: URL; headers: Headers },
): Applied {
  const headers = new Set<string>()
  after.headers.forEach((value, name) => {
    if (before.headers.get(name) !== value) headers.add(name)
  })
  const query = new Set<string>()
  for (const name of new Set(after.url.searchParams.keys())) {
    const was = JSON.stringify(before.url.searchParams.getAll(name))
    if (JSON.stringify(after.url.searchParams.getAll(name)) !== was) query.add(name)
  }
  return { headers, query }
}

export function maskedUrl(url: URL, applied: Applied, secrets: readonly string[]): string {
  const copy = new URL(url)
  for (const name of applied.query) if (copy.searchParams.has(name)) copy.searchParams.set(name, mask)
  if (copy.password) copy.password = mask
  return scrub(copy.toString(), secrets)
}

export function maskedHeaders(
  headers: Headers,
  applied: Applied,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] =
      applied.headers.has(name) || credentialHeaders.has(name)
        ? maskHeaderValue(value)
        : scrub(value, secrets)
  })
  return out
}

type SchemaNode = { properties?: Record<string, SchemaNode>; format?: unknown; writeOnly?: unknown }
const secretName = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i

/** The input's secret fields (format password, writeOnly, or a secret-sounding name), top level and nested. */
export function secretInputFields(schema: unknown, input: unknown, prefix = ''): string[] {
  const node = (schema ?? {}) as SchemaNode
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return []
  const fields: string[] = []
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const property = node.properties?.[key]
    const path = prefix ? `${prefix}.${key}` : key
    if (property?.format === 'password' || property?.writeOnly === true || secretName.test(key))
      fields.push(path)
    else if (typeof value === 'object' && value !== null)
      fields.push(...secretInputFields(property, value, path))
  }
  return fields
}

/** A copy of the input with its secret fields replaced by the mask. */
export function redactInput(schema: unknown, input: unknown): unknown {
  const fields = secretInputFields(schema, input)
  if (fields.length === 0) return input
  const copy = structuredClone(input) as Record<string, unknown>
  for (const path of fields) {
    const parts = path.split('.')
    let target: Record<string, unknown> = copy
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>
    target[parts[parts.length - 1] as string] = mask
  }
  return copy
}

/** The string values of the input's secret fields: masked wherever the request carries them. */
export function secretInputValues(schema: unknown, input: unknown): string[] {
  const values: string[] = []
  for (const path of secretInputFields(schema, input)) {
    let value: unknown = input
    for (const part of path.split('.')) value = (value as Record<string, unknown>)[part]
    if (typeof value === 'string') values.push(value)
    else if (typeof value === 'number') values.push(String(value))
  }
  return values
}
