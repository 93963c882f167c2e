// Fetches a definition (or OpenAPI document) from a URL: https only (plain http only for loopback
// hosts, so local test servers work), a time limit, a size limit enforced while reading, and a clear
// refusal of web pages.
//
// Redirects are followed by hand (`redirect: 'manual'`), each hop checked BEFORE it is requested: a
// server must not steer the import to another host on this computer or the local network (blind
// SSRF). A hop to a private, loopback or link-local address is allowed only on the host the user
// typed. Error messages never carry the response body.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { AppError } from '../errors.ts'
import { isPrivateAddress } from '../net/private-address.ts'
import { maxDefinitionFileBytes } from './parse.ts'

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])
const maxRedirects = 5

export function checkFetchableUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw AppError.invalid(`"${raw}" is not a URL.`, [{ path: 'url', message: 'is not a valid URL' }])
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))
  if (!allowed) {
    throw AppError.invalid(`Only https URLs can be imported (got ${url.protocol}//${url.host}).`, [
      { path: 'url', message: 'must use https' },
    ])
  }
  return url
}

/** The addresses a host name stands for (an IP literal stands for itself). */
async function addressesOf(url: URL): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) return [host]
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address)
  } catch {
    return []
  }
}

/** Refuses a redirect hop to a private address unless it is the host the user typed. */
async function checkHop(url: URL, typed: URL, fail: (message: string) => AppError): Promise<void> {
  if (url.hostname === typed.hostname) return
  const addresses = await addressesOf(url)
  if (addresses.some(isPrivateAddress)) {
    throw fail(
      `it redirects to ${url.host}, an address on this computer or the local network; ` +
        'import from that URL directly if you mean it',
    )
  }
}

export async function fetchDefinitionText(raw: string, timeoutMs = 15_000): Promise<Buffer> {
  const typed = checkFetchableUrl(raw)
  const fail = (message: string) => new AppError('UNAVAILABLE', `Could not import ${typed.href}: ${message}`)
  const signal = AbortSignal.timeout(timeoutMs)
  const timedOut = (error: unknown) =>
    error instanceof Error && (error.name === 'TimeoutError' || signal.aborted)
      ? fail(`no answer within ${timeoutMs / 1000} s`)
      : null
  let url = typed
  let response: Response
  for (let hop = 0; ; hop++) {
    try {
      response = await fetch(url, { signal, redirect: 'manual', headers: { accept: 'application/json' } })
    } catch (error) {
      throw timedOut(error) ?? fail(`the request failed (${(error as Error).message})`)
    }
    const location = response.headers.get('location')
    if (response.status < 300 || response.status > 399 || location === null) break
    await response.body?.cancel()
    if (hop >= maxRedirects) throw fail(`more than ${maxRedirects} redirects`)
    let next: URL
    try {
      next = checkFetchableUrl(new URL(location, url).href)
    } catch (error) {
      throw fail(
        `it redirects to a URL that cannot be imported (${error instanceof AppError ? error.message : 'not a URL'})`,
      )
    }
    await checkHop(next, typed, fail)
    url = next
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw fail(`the server answered ${response.status} ${response.statusText}`)
  }
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel()
    throw fail('the server returned a web page (HTML), not a JSON document')
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxDefinitionFileBytes) {
    await response.body?.cancel()
    throw fail(`the document is ${declared} bytes; the limit is ${maxDefinitionFileBytes}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length
      if (size > maxDefinitionFileBytes)
        throw fail(`the document is larger than ${maxDefinitionFileBytes} bytes`)
      chunks.push(Buffer.from(chunk))
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw timedOut(error) ?? fail('reading the document failed')
  }
  return Buffer.concat(chunks)
}
