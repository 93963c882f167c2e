// Pagination for the http connector: cursor, RFC 8288 Link rel="next", offset and page styles, up to a
// limit (the binding's maxItems, else defaultMaxItems, and never more than maxPages requests). The
// pages' items are gathered into the first page's body where the items expression is a plain path, so
// the response mapping sees one answer with every item.
import type { Pagination } from '../../../contract/definition-format.ts'
import { CallFailure } from '../../runtime/errors.ts'
import type { ConnectorContext, ProviderRequest } from '../contract.ts'
import { evaluate, jsonBody, requireSuccess } from './response.ts'

export const defaultMaxItems = 1000
export const maxPages = 100

const plainPath = /^(\$|[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*)$/

function setAtPath(body: unknown, path: string, items: unknown[]): unknown {
  if (path === '$') return items
  const copy = structuredClone(body) as Record<string, unknown>
  const parts = path.split('.')
  let target: Record<string, unknown> = copy
  for (const part of parts.slice(0, -1)) {
    if (typeof target[part] !== 'object' || target[part] === null) target[part] = {}
    target = target[part] as Record<string, unknown>
  }
  target[parts[parts.length - 1] as string] = items
  return copy
}

/** The rel="next" target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim())
    if (match && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? '')) return match[1] ?? null
  }
  return null
}

export async function walkPages(
  first: ProviderRequest,
  pagination: Pagination,
  ctx: ConnectorContext,
): Promise<unknown> {
  const limit = pagination.maxItems ?? defaultMaxItems
  const items: unknown[] = []
  let firstBody: unknown = undefined
  let request: ProviderRequest = first
  const query = first.url.searchParams
  if (pagination.limitParam && pagination.pageSize && !query.has(pagination.limitParam)) {
    query.set(pagination.limitParam, String(pagination.pageSize))
  }
  const pageSize =
    Number(pagination.limitParam ? query.get(pagination.limitParam) : NaN) || pagination.pageSize
  let offset = Number(pagination.offsetParam ? query.get(pagination.offsetParam) : 0) || 0
  let page =
    Number(pagination.pageParam ? query.get(pagination.pageParam) : NaN) || (pagination.firstPage ?? 1)
  if (pagination.style === 'page' && pagination.pageParam) query.set(pagination.pageParam, String(page))

  for (let n = 0; n < maxPages; n++) {
    const response = await ctx.http.send(request)
    requireSuccess(response)
    const body = jsonBody(response)
    if (firstBody === undefined) firstBody = body
    const selected = await evaluate(pagination.items, body, 'pagination items expression')
    const pageItems = selected === undefined ? [] : Array.isArray(selected) ? selected : [selected]
    items.push(...pageItems)
    if (items.length >= limit || pageItems.length === 0) break
    const url = new URL(request.url)
    if (pagination.style === 'cursor') {
      if (!pagination.cursorParam || !pagination.nextCursor) break
      const cursor = await evaluate(pagination.nextCursor, body, 'next cursor expression')
      if (cursor === undefined || cursor === null || cursor === '' || cursor === false) break
      url.searchParams.set(pagination.cursorParam, String(cursor))
    } else if (pagination.style === 'link') {
      const next = nextLink(response.headers.get('link'))
      if (!next) break
      const target = new URL(next, request.url)
      // Credentials go with every page: never to another origin than the first page's.
      if (target.origin !== first.url.origin) {
        throw new CallFailure(
          'PROVIDER',
          `The provider's next page is on another site (${target.origin}); Switchboard does not send credentials there.`,
        )
      }
      request = { ...request, url: target, headers: new Headers(request.headers) }
      continue
    } else if (pagination.style === 'offset') {
      if (!pagination.offsetParam || (pageSize && pageItems.length < pageSize)) break
      offset += pageItems.length
      url.searchParams.set(pagination.offsetParam, String(offset))
    } else {
      if (!pagination.pageParam || (pageSize && pageItems.length < pageSize)) break
      page += 1
      url.searchParams.set(pagination.pageParam, String(page))
    }
    request = { ...request, url, headers: new Headers(request.headers) }
  }
  const kept = items.slice(0, limit)
  return plainPath.test(pagination.items) ? setAtPath(firstBody, pagination.items, kept) : firstBody
}
