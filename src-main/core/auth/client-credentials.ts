// The client credentials grant (RFC 6749 §4.4), for definitions whose grantType says so: the app itself
// is the one signing in, with its client secret, no browser and no refresh token. Run at "sign-in" and
// again whenever the token expires.
import * as oauth from 'oauth4webapi'
import type { AuthStatus } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import type { OAuthContexts } from './oauth-client.ts'
import { describeOAuthError } from './oauth-errors.ts'
import { grantedScopes, missingScopes, tokenSetOf } from './token-response.ts'
import type { TokenStore } from './token-store.ts'

export interface ClientCredentialsDeps {
  contexts: OAuthContexts
  tokens: TokenStore
  connections: Connections
  writer: Writer
  clock: Clock
  logger: Logger
  status(connectionId: string): AuthStatus
}

export function createClientCredentials(deps: ClientCredentialsDeps) {
  const { contexts, tokens, connections, writer, clock, logger } = deps

  /** Gets a token with the app's own credentials and stores it; a first call counts as the sign-in. */
  return async (connectionId: string): Promise<AuthStatus> => {
    const context = await contexts(connectionId)
    if (context.config.grantType !== 'client_credentials') {
      throw AppError.invalid(`${context.definition.name} signs in in the browser (authorization code).`, [
        { path: 'connectionId', message: 'does not use client_credentials' },
      ])
    }
    if (!context.app.clientSecret) {
      throw AppError.invalid('The client credentials grant needs the OAuth app’s client secret.', [
        { path: 'clientSecret', message: 'is not set' },
      ])
    }
    const parameters = new URLSearchParams()
    if (context.requestedScopes.length)
      parameters.set('scope', context.requestedScopes.join(context.scopeSeparator))
    let result: oauth.TokenEndpointResponse
    try {
      const response = await oauth.clientCredentialsGrantRequest(
        context.as,
        context.client,
        context.clientAuth,
        parameters,
        context.tokenRequestOptions(),
      )
      result = await oauth.processClientCredentialsResponse(
        context.as,
        context.client,
        response,
        context.processOptions,
      )
    } catch (error) {
      const { message, oauthError } = describeOAuthError(error)
      writer.record({
        action: 'auth.sign-in-failed',
        connection: connectionId,
        details: { reason: oauthError ?? 'error', grant: 'client_credentials' },
      })
      logger.warn('oauth client credentials grant failed', { connection: connectionId, error: message })
      const refused = oauthError === 'invalid_client' || oauthError === 'unauthorized_client'
      throw new AppError(refused ? 'CHECK_FAILED' : 'UNAVAILABLE', `Could not get a token: ${message}.`, {
        reason: oauthError ?? 'error',
      })
    }
    const granted = grantedScopes(result, context.requestedScopes, context.scopeSeparator)
    writer.write((tx, audit) => {
      const previous = tokens.meta(connectionId)
      tokens.save(tx, connectionId, {
        set: tokenSetOf(result, clock.now()),
        grantType: 'client_credentials',
        requestedScopes: context.requestedScopes,
        grantedScopes: granted,
        account: null,
        newSignIn: !previous || previous.grantType !== 'client_credentials',
      })
      connections.status.credentialsSaved(connectionId, tx)
      return audit.record({
        // The first token is the sign-in; later ones renew it (there is no refresh token here).
        action: previous ? 'auth.refreshed' : 'auth.signed-in',
        connection: connectionId,
        details: {
          grant: 'client_credentials',
          app: context.app.source,
          scopes: granted,
          missingScopes: missingScopes(context.requestedScopes, granted),
        },
      })
    })
    return deps.status(connectionId)
  }
}
