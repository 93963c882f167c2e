// Disconnect: revoke the tokens at the provider (RFC 7009, with token_type_hint; the refresh token
// first, since revoking it ends the whole grant at most providers, then the access token) when it has a
// revocation endpoint, then delete them here whatever the outcome, and say whether revocation worked.
import * as oauth from 'oauth4webapi'
import type { DisconnectResult } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../host.ts'
import type { OAuthContexts } from './oauth-client.ts'
import { describeOAuthError } from './oauth-errors.ts'
import type { StoredTokens, TokenStore } from './token-store.ts'

export interface DisconnectDeps {
  contexts: OAuthContexts
  tokens: TokenStore
  connections: Connections
  writer: Writer
  logger: Logger
}

async function revokeAll(
  context: Awaited<ReturnType<OAuthContexts>>,
  stored: StoredTokens,
): Promise<string | null> {
  const order = [
    ['refresh_token', stored.set.refresh_token],
    ['access_token', stored.set.access_token],
  ] as const
  const failures: string[] = []
  for (const [hint, token] of order) {
    if (!token) continue
    try {
      const response = await oauth.revocationRequest(
        context.as,
        context.client,
        context.clientAuth,
        token,
        context.revocationRequestOptions(hint),
      )
      await oauth.processRevocationResponse(response)
    } catch (error) {
      failures.push(`${hint.replace('_', ' ')}: ${describeOAuthError(error).message}`)
    }
  }
  return failures.length ? `Revocation failed (${failures.join('; ')}).` : null
}

export function createDisconnect({ contexts, tokens, connections, writer, logger }: DisconnectDeps) {
  return async (connectionId: string): Promise<DisconnectResult> => {
    connections.row(connectionId)
    let stored: StoredTokens | undefined
    let error: string | null = null
    let supported = false
    try {
      stored = tokens.read(connectionId)
    } catch (cause) {
      // A locked vault (or tokens that no longer open) cannot be revoked, but can still be deleted.
      error = `The tokens could not be read to revoke them: ${cause instanceof AppError ? cause.message : 'unknown error'}`
    }
    if (stored) {
      try {
        const context = await contexts(connectionId)
        supported = context.as.revocation_endpoint !== undefined
        if (supported) error = await revokeAll(context, stored)
      } catch (cause) {
        error = `Revocation was not attempted: ${describeOAuthError(cause).message}`
      }
    }
    const revoked = supported && stored !== undefined && error === null
    writer.write((tx, audit) => {
      const deleted = tokens.remove(tx, connectionId)
      connections.status.credentialsRemoved(connectionId, error, tx)
      return audit.record({
        action: 'auth.disconnected',
        connection: connectionId,
        details: {
          deleted,
          revocationSupported: supported,
          revoked,
          ...(error ? { revocationError: error } : {}),
        },
      })
    })
    if (error) logger.warn('oauth revocation failed', { connection: connectionId, error })
    return { connectionId, revocationSupported: supported, revoked, error }
  }
}
