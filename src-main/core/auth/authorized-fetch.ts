// fetch with the connection's credentials applied by the auth layer. For OAuth, a 401 gets one refresh
// (shared with every concurrent caller that saw the same token refused) and one retry, never more.
import type { Credentials } from './credentials.ts'
import type { TokenAccess } from './refresh.ts'
import { bearerHeader } from './credentials.ts'

export interface AuthorizedFetchDeps {
  credentials: Credentials
  tokens: TokenAccess
  fetch?: typeof fetch
}

/**
 * Sends the request with the connection's credentials. A body that can be read only once (a stream)
 * cannot be retried after a 401; the first response is returned then.
 */
export function createAuthorizedFetch({ credentials, tokens, fetch: send = fetch }: AuthorizedFetchDeps) {
  return async (connectionId: string, input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input)
    const headers = new Headers(init.headers)
    const { accessToken } = await credentials.authorize(connectionId, { url, headers })
    const response = await send(url, { ...init, headers })
    const replayable = !(init.body instanceof ReadableStream)
    if (response.status !== 401 || accessToken === null || !replayable) return response
    await response.body?.cancel()
    const renewed = await tokens.afterRejection(connectionId, accessToken)
    headers.set('authorization', bearerHeader(renewed))
    return send(url, { ...init, headers })
  }
}

export type AuthorizedFetch = ReturnType<typeof createAuthorizedFetch>
