// MCP tool names for the methods of a client's connections. Assistants accept 1–64 characters of
// [a-z0-9_-] (some reject dots and upper case), so a name is built, never taken as is:
//
//   <integration>_<env>_<method>      e.g. stripe_prod_customers_list, xero_sbx_invoices_get
//
//   integration  the definition's integrationId, slugged
//   env          prod (production) or sbx (sandbox)
//   method       the method id, slugged (dots and anything outside [a-z0-9_-] become "_")
//
// Slugging lower-cases, maps every other character to "_" and collapses runs of "_". A name is
// stable: it depends only on its own connection and method, except in two cases, where the name gets
// a suffix "-" + the first 8 hex digits of sha256(connectionId NUL methodId):
//   - it is longer than 64 characters (it is cut to 55 first), or
//   - another tool of the same list has the same name (two connections of one integration and
//     environment, or method ids that slug alike): then every tool of that name gets its suffix, so
//     which one came first never matters.
// A name that still collides after that (never seen in practice) takes a longer hash until none do.
// Pure functions: no I/O, no state.
import { createHash } from 'node:crypto'

export const maxToolNameLength = 64
const hashLength = 8
export const toolNamePattern = /^[a-z0-9_-]{1,64}$/

export interface ToolKey {
  connectionId: string
  integrationId: string
  environment: 'sandbox' | 'production'
  methodId: string
}

export function slugPart(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
  return slug || 'x'
}

export const envTag = (environment: ToolKey['environment']): string =>
  environment === 'production' ? 'prod' : 'sbx'

/** The name before any suffix (may be longer than 64). */
export function baseToolName(key: ToolKey): string {
  return `${slugPart(key.integrationId)}_${envTag(key.environment)}_${slugPart(key.methodId)}`
}

function hashOf(key: ToolKey, length: number): string {
  return createHash('sha256')
    .update(`${key.connectionId}\u0000${key.methodId}`)
    .digest('hex')
    .slice(0, length)
}

function suffixed(base: string, key: ToolKey, length: number): string {
  return `${base.slice(0, maxToolNameLength - 1 - length).replace(/[_-]+$/, '')}-${hashOf(key, length)}`
}

/** Names for a list of tools, in the list's order: each matches toolNamePattern, none repeats. */
export function toolNames(keys: readonly ToolKey[]): string[] {
  const bases = keys.map(baseToolName)
  const count = new Map<string, number>()
  for (const base of bases) count.set(base, (count.get(base) ?? 0) + 1)
  let length = hashLength
  let names = bases.map((base, i) =>
    base.length > maxToolNameLength || (count.get(base) ?? 0) > 1 ? suffixed(base, keys[i]!, length) : base,
  )
  while (new Set(names).size !== names.length && length < 32) {
    length += 4
    const seen = new Map<string, number>()
    for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1)
    names = names.map((name, i) => ((seen.get(name) ?? 0) > 1 ? suffixed(bases[i]!, keys[i]!, length) : name))
  }
  return names
}

/**
 * Glob matching for --methods: `*` any run of characters, `?` one character, everything else itself.
 * Linear-time (no regular expression built from user text).
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0
  let t = 0
  let star = -1
  let mark = 0
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g++
      t++
    } else if (g < glob.length && glob[g] === '*') {
      star = g++
      mark = t
    } else if (star !== -1) {
      g = star + 1
      t = ++mark
    } else return false
  }
  while (g < glob.length && glob[g] === '*') g++
  return g === glob.length
}
