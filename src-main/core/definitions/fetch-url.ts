// Fetches a definition (or OpenAPI document) from a URL: https only (plain http only for loopback
// hosts, so local test servers work), a time limit, a size limit enforced while reading, and a clear
// refusal of web pages.
import { AppError } from '../errors.ts'
import { maxDefinitionFileBytes } from './parse.ts'

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

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

export async function fetchDefinitionText(raw: string, timeoutMs = 15_000): Promise<Buffer> {
  const url = checkFetchableUrl(raw)
  const fail = (message: string) => new AppError('UNAVAILABLE', `Could not import ${url.href}: ${message}`)
  let response: Response
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    throw fail(
      name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : `the request failed (${(error as Error).message})`,
    )
  }
  checkFetchableUrl(response.url || url.href)
  if (!response.ok) throw fail(`the server answered ${response.status} ${response.statusText}`)
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    throw fail('the server returned a web page (HTML), not a JSON document')
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxDefinitionFileBytes)
    throw fail(`the document is ${declared} bytes; the limit is ${maxDefinitionFileBytes}`)
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
    throw fail(
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : String(error),
    )
  }
  return Buffer.concat(chunks)
}
