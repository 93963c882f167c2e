// The SDK client's fetch, routed through the runtime's HTTP client: the connection's credentials are
// applied there (the access token never reaches the connector), and the call's timeout, cancellation,
// body cap and masked record apply to every MCP request. The runtime reads a response whole, which
// suits request/response exchanges (a POST answered with JSON or a short SSE stream that ends); the
// long-lived GET stream for server-initiated messages is declined with 405, as the spec allows.
import type { ConnectorHttp, HttpVerb } from '../contract.ts'

const verbs = new Set<string>(['POST', 'DELETE', 'GET', 'PUT', 'PATCH'])

export function fetchThrough(http: ConnectorHttp): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const method = (init?.method ?? 'GET').toUpperCase()
    if (method === 'GET' || !verbs.has(method)) return new Response(null, { status: 405 })
    const body = init?.body
    const answer = await http.send({
      method: method as HttpVerb,
      url,
      headers: new Headers(init?.headers),
      body: typeof body === 'string' ? body : body == null ? null : String(body),
    })
    const noBody = answer.status === 202 || answer.status === 204 || answer.text === ''
    return new Response(noBody ? null : answer.text, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    })
  }
}
