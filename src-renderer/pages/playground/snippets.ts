// The request the core recorded (secrets already masked) as code to copy: curl, JavaScript fetch and
// Python requests, written by @readme/httpsnippet (a maintained HTTPSnippet) from a HAR request.
import { HTTPSnippet, type HarRequest } from '@readme/httpsnippet'

/** A request as sent, as the Playground shows it: headers in order, the body as the text sent. */
export interface SentRequest {
  method: string
  url: string
  headers: { name: string; value: string }[]
  body: string | null
}

export const snippetTargets = [
  { id: 'curl', label: 'curl', target: 'shell', client: 'curl', language: 'shell' },
  { id: 'fetch', label: 'fetch', target: 'javascript', client: 'fetch', language: 'javascript' },
  { id: 'python', label: 'Python', target: 'python', client: 'requests', language: 'python' },
] as const

export type SnippetId = (typeof snippetTargets)[number]['id']

const contentType = (request: SentRequest) =>
  request.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? ''

/** The request as a HAR request object: the query is left in the URL, where the core put it. */
export function toHar(request: SentRequest): HarRequest {
  const url = new URL(request.url)
  const mimeType = contentType(request).split(';')[0]?.trim() ?? ''
  const har: HarRequest = {
    method: request.method.toUpperCase(),
    url: `${url.origin}${url.pathname}`,
    httpVersion: 'HTTP/1.1',
    headers: request.headers.map(({ name, value }) => ({ name, value })),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    cookies: [],
    headersSize: -1,
    bodySize: request.body === null ? 0 : request.body.length,
    postData: { mimeType: mimeType || 'text/plain', text: request.body ?? '' },
  }
  if (request.body === null) delete (har as Partial<HarRequest>).postData
  else if (mimeType === 'application/x-www-form-urlencoded')
    har.postData = {
      mimeType,
      params: [...new URLSearchParams(request.body)].map(([name, value]) => ({ name, value })),
    } as HarRequest['postData']
  return har
}

/** One snippet's code. A request httpsnippet cannot write says so instead of throwing. */
export function snippet(request: SentRequest, id: SnippetId): string {
  const target = snippetTargets.find((t) => t.id === id) ?? snippetTargets[0]
  const [code] = new HTTPSnippet(toHar(request)).convert(target.target, target.client, { indent: '  ' })
  return typeof code === 'string' ? code.trimEnd() : `# ${target.label} cannot express this request`
}
