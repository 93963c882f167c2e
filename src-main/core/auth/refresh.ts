// A valid access token for a connection, refreshed before it expires and once when a provider answers
// 401, single-flight per connection: concurrent callers wait for the one refresh in flight. A rotated
// refresh token replaces the old one in the same write; a response without one keeps the old. Across
// processes (the app and a CLI command refreshing one rotating refresh token at once) a lease in the
// database makes it single-flight too: the second process waits, re-reads the tokens, and uses the
// ones the first obtained instead of spending the already-rotated refresh token. When
// the provider refuses the refresh token (invalid_grant) the connection is marked "sign-in needed" and
// no further refresh is tried until someone signs in again. Client-credentials connections simply ask
// for a new token.
import * as oauth from 'oauth4webapi'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import type { Leases } from '../db/lease.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import type { OAuthContexts } from './oauth-client.ts'
import { describeOAuthError } from './oauth-errors.ts'
import { accountOf, grantedScopes, tokenSetOf } from './token-response.ts'
import type { TokenSet, TokenStore } from './token-store.ts'

/** Refresh this long before expiry (at most half the token's lifetime, for short-lived tokens). */
export const defaultRefreshMarginMs = 5 * 60 * 1000
/** How long a refresh may hold its lease (a crashed holder blocks others at most this long). */
const refreshLeaseTtlMs = 60_000
/** How long a process waits for another's refresh before giving up with BUSY. */
const refreshLeaseWaitMs = 45_000

export const signInNeededMessage =
  'sign-in needed: the provider no longer accepts the saved sign-in. Sign in again.'

export interface AccessToken {
  accessToken: string
  tokenType: string
}

export interface RefreshDeps {
  contexts: OAuthContexts
  tokens: TokenStore
  connections: Connections
  writer: Writer
  clock: Clock
  logger: Logger
  leases: Leases
  /** Gets a new client-credentials token (client-credentials.ts); no refresh token is involved. */
  clientCredentials(connectionId: string): Promise<unknown>
  refreshMarginMs?: number
}

export function createTokenAccess(deps: RefreshDeps) {
  const { contexts, tokens, connections, writer, clock, logger } = deps
  const marginMs = deps.refreshMarginMs ?? defaultRefreshMarginMs
  const inFlight = new Map<string, Promise<AccessToken>>()

  const signInNeeded = (connectionId: string) =>
    new AppError('SIGN_IN_NEEDED', `Connection ${connectionId}: ${signInNeededMessage}`, {
      reason: 'sign_in_needed',
    })

  const current = (connectionId: string) => {
    const stored = tokens.read(connectionId)
    if (!stored)
      throw new AppError('SIGN_IN_NEEDED', `Connection ${connectionId} is not signed in: sign in first.`, {
        reason: 'not_signed_in',
      })
    if (stored.meta.signInNeededAt) throw signInNeeded(connectionId)
    return stored
  }

  const fresh = (set: TokenSet, obtainedAt: string): boolean => {
    if (!set.expires_at) return true
    const expires = Date.parse(set.expires_at)
    const lifetime = expires - Date.parse(obtainedAt)
    const margin = Math.min(marginMs, Math.max(0, lifetime / 2))
    return expires - clock.now().getTime() > margin
  }

  /** Marks the connection as needing a new sign-in; no refresh is tried again until one happens. */
  const needSignIn = (connectionId: string, oauthError: string | null): AppError => {
    writer.write((tx, audit) => {
      tokens.markSignInNeeded(tx, connectionId)
      connections.status.signInNeeded(connectionId, signInNeededMessage, tx)
      return audit.record({
        action: 'auth.refresh-failed',
        connection: connectionId,
        details: { error: oauthError, signInNeeded: true },
      })
    })
    logger.warn('oauth refresh refused: sign-in needed', { connection: connectionId, error: oauthError })
    return signInNeeded(connectionId)
  }

  const refresh = async (connectionId: string): Promise<AccessToken> => {
    const stored = current(connectionId)
    if (stored.meta.grantType === 'client_credentials') {
      await deps.clientCredentials(connectionId)
      const renewed = current(connectionId)
      return { accessToken: renewed.set.access_token, tokenType: renewed.set.token_type }
    }
    const refreshToken = stored.set.refresh_token
    if (!refreshToken) throw needSignIn(connectionId, null)
    const context = await contexts(connectionId)
    let result: oauth.TokenEndpointResponse
    try {
      const response = await oauth.refreshTokenGrantRequest(
        context.as,
        context.client,
        context.clientAuth,
        refreshToken,
        context.tokenRequestOptions(),
      )
      result = await oauth.processRefreshTokenResponse(
        context.as,
        context.client,
        response,
        context.processOptions,
      )
    } catch (error) {
      const { message, oauthError } = describeOAuthError(error)
      if (oauthError === 'invalid_grant') throw needSignIn(connectionId, oauthError)
      writer.record({
        action: 'auth.refresh-failed',
        connection: connectionId,
        details: { error: oauthError, signInNeeded: false },
      })
      logger.warn('oauth refresh failed', { connection: connectionId, error: message })
      throw new AppError('UNAVAILABLE', `Could not refresh the sign-in of ${connectionId}: ${message}.`, {
        reason: 'refresh_failed',
      })
    }
    const set = tokenSetOf(result, clock.now(), stored.set)
    const claims = result.id_token ? oauth.getValidatedIdTokenClaims(result) : undefined
    writer.write((tx, audit) => {
      tokens.save(tx, connectionId, {
        set,
        grantType: 'authorization_code',
        requestedScopes: stored.meta.requestedScopes,
        grantedScopes: result.scope
          ? grantedScopes(result, [], context.scopeSeparator)
          : stored.meta.grantedScopes,
        account: accountOf(claims),
        newSignIn: false,
      })
      const row = connections.row(connectionId)
      if (row.status !== 'connected') connections.status.signInRenewed(connectionId, tx)
      return audit.record({
        action: 'auth.refreshed',
        connection: connectionId,
        details: { rotated: Boolean(result.refresh_token), expiresAt: set.expires_at ?? null },
      })
    })
    logger.debug('oauth token refreshed', {
      connection: connectionId,
      rotated: Boolean(result.refresh_token),
    })
    return { accessToken: set.access_token, tokenType: set.token_type }
  }

  /**
   * One refresh across processes: take the connection's lease, then re-read. If another process
   * replaced the token meanwhile (`seen` is what this one had), use its result; else refresh.
   */
  const refreshUnderLease = async (connectionId: string): Promise<AccessToken> => {
    const seen = tokens.meta(connectionId)?.version
    const lease = `auth.refresh:${connectionId}`
    if (!(await deps.leases.acquire(lease, refreshLeaseTtlMs, refreshLeaseWaitMs)))
      throw new AppError(
        'BUSY',
        `Another Switchboard process is refreshing the sign-in of ${connectionId} and has not finished; try again.`,
      )
    try {
      const stored = current(connectionId)
      if (stored.meta.version !== seen)
        return { accessToken: stored.set.access_token, tokenType: stored.set.token_type }
      return await refresh(connectionId)
    } finally {
      deps.leases.release(lease)
    }
  }

  /** Joins the refresh in flight for the connection, or starts one. */
  const refreshOnce = (connectionId: string): Promise<AccessToken> => {
    const running = inFlight.get(connectionId)
    if (running) return running
    const promise = refreshUnderLease(connectionId).finally(() => inFlight.delete(connectionId))
    inFlight.set(connectionId, promise)
    return promise
  }

  /** A valid access token: the stored one, or a refreshed one when it expires within the margin. */
  const accessToken = async (connectionId: string): Promise<AccessToken> => {
    const running = inFlight.get(connectionId)
    if (running) return running
    const stored = current(connectionId)
    if (fresh(stored.set, stored.meta.obtainedAt))
      return { accessToken: stored.set.access_token, tokenType: stored.set.token_type }
    return refreshOnce(connectionId)
  }

  /**
   * After a 401 for `rejected`: one refresh, shared by every caller that saw the same token refused.
   * A caller whose refused token was already replaced gets the new one without another refresh.
   */
  const afterRejection = async (connectionId: string, rejected: string): Promise<AccessToken> => {
    const running = inFlight.get(connectionId)
    if (running) return running
    const stored = current(connectionId)
    if (stored.set.access_token !== rejected)
      return { accessToken: stored.set.access_token, tokenType: stored.set.token_type }
    return refreshOnce(connectionId)
  }

  return { accessToken, afterRejection, refresh: refreshOnce }
}

export type TokenAccess = ReturnType<typeof createTokenAccess>
