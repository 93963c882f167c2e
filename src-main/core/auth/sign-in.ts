// Sign-in with the authorization code flow, as RFC 8252 (native apps) and RFC 9700 (security BCP) ask:
// the provider's page opens in the system browser; PKCE S256, a fresh one-time state on every attempt
// and a nonce for OpenID providers; the response comes back to a one-shot loopback listener (or, for
// providers that refuse loopback redirects, as a URL the person pastes); state and iss (RFC 9207) are
// checked before the code is exchanged; the tokens go to the vault and nowhere else.
import { randomUUID } from 'node:crypto'
import * as oauth from 'oauth4webapi'
import type { AuthStatus, SignInStarted } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import { secureEndpoint } from './endpoints.ts'
import { defaultSignInTimeoutMs, listenForCallback, type LoopbackListener } from './loopback.ts'
import type { OAuthContext, OAuthContexts } from './oauth-client.ts'
import { describeOAuthError, isIssuerMismatch } from './oauth-errors.ts'
import { accountOf, grantedScopes, missingScopes, tokenSetOf } from './token-response.ts'
import type { TokenStore } from './token-store.ts'
import { protocolParameters } from './protocol-parameters.ts'

export interface SignInDeps {
  contexts: OAuthContexts
  tokens: TokenStore
  connections: Connections
  writer: Writer
  clock: Clock
  logger: Logger
  /** The host's way to open the system browser. */
  openUrl(url: string): Promise<void>
  status(connectionId: string): AuthStatus
}

export interface StartSignInOptions {
  /** false leaves opening the page to the caller (the CLI's --no-open); default true. */
  open?: boolean
  /** Overrides the host's openUrl for this attempt. */
  openUrl?: (url: string) => Promise<void>
  /** How long to wait for the browser; default 5 minutes. */
  timeoutMs?: number
}

export interface SignInAttempt extends SignInStarted {
  /** Settles when the attempt ends: the new status, or why it failed (timeout, cancel, refusal…). */
  done: Promise<AuthStatus>
}

interface Attempt {
  started: SignInStarted
  context: OAuthContext
  state: string
  nonce: string | null
  codeVerifier: string | null
  listener: LoopbackListener | null
  timer: NodeJS.Timeout | null
  /** Set once a response is being exchanged: from then on, only its outcome ends the attempt. */
  exchanging: boolean
  finished: boolean
  done: Promise<AuthStatus>
  resolve(status: AuthStatus): void
  reject(error: AppError): void
}

const fail = (code: 'CHECK_FAILED' | 'FORBIDDEN' | 'UNAVAILABLE', message: string, reason: string) =>
  new AppError(code, `Sign-in failed: ${message}`, { reason })

/** Why an authorization response was refused, for people (and a reason code for programs). */
function responseError(error: unknown, attempt: Attempt, url: URL): AppError {
  if (error instanceof oauth.AuthorizationResponseError) {
    const what = describeOAuthError(error).message
    return error.error === 'access_denied'
      ? fail('FORBIDDEN', `${what}: access was not granted.`, 'access_denied')
      : fail('CHECK_FAILED', `${what}.`, error.error)
  }
  if (isIssuerMismatch(error)) {
    const sent = url.searchParams.get('iss')
    return fail(
      'CHECK_FAILED',
      sent === null
        ? `issuer mismatch: the response does not name its issuer, and ${attempt.context.as.issuer} always does.`
        : `issuer mismatch: the response comes from ${sent}, not ${attempt.context.as.issuer} (a mix-up attack?).`,
      'issuer_mismatch',
    )
  }
  if (error instanceof oauth.OperationProcessingError && /"state"/.test(error.message)) {
    return fail(
      'CHECK_FAILED',
      'state mismatch: the response does not belong to this sign-in attempt.',
      'state_mismatch',
    )
  }
  return fail('CHECK_FAILED', `${describeOAuthError(error).message}.`, 'invalid_response')
}

/** Why the code exchange failed. */
function exchangeError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const { message, oauthError } = describeOAuthError(error)
  if (oauthError === 'invalid_grant') {
    return fail(
      'CHECK_FAILED',
      `${message}: the authorization code was refused (used before, expired, or not issued for this attempt). Sign in again.`,
      'invalid_grant',
    )
  }
  if (error instanceof TypeError || error instanceof DOMException)
    return fail('UNAVAILABLE', `${message}.`, 'network')
  return fail('CHECK_FAILED', `${message}.`, oauthError ?? 'invalid_response')
}

export function createSignIn(deps: SignInDeps) {
  const { contexts, tokens, connections, writer, clock, logger } = deps
  const attempts = new Map<string, Attempt>()

  const byConnection = (connectionId: string): Attempt | undefined =>
    [...attempts.values()].find((attempt) => attempt.started.connectionId === connectionId)

  const finish = (attempt: Attempt, outcome: { ok: true } | { ok: false; error: AppError }) => {
    if (attempt.finished) return
    attempt.finished = true
    attempts.delete(attempt.started.attemptId)
    if (attempt.timer) clearTimeout(attempt.timer)
    if (outcome.ok) {
      attempt.resolve(deps.status(attempt.started.connectionId))
      return
    }
    attempt.listener?.cancel(outcome.error)
    const reason = typeof outcome.error.details?.reason === 'string' ? outcome.error.details.reason : 'error'
    logger.warn('oauth sign-in failed', { connection: attempt.started.connectionId, reason })
    try {
      writer.record({
        action: 'auth.sign-in-failed',
        connection: attempt.started.connectionId,
        details: { reason },
      })
    } catch (error) {
      // The attempt still ends with its own error (a locked vault or a busy database must not hang it).
      logger.error('could not record the failed sign-in', {
        error: error instanceof Error ? error.message : String(error),
      })
    } finally {
      attempt.reject(outcome.error)
    }
  }

  /** Checks the authorization response, exchanges its code and stores the tokens. */
  const exchange = async (attempt: Attempt, url: URL): Promise<void> => {
    const { context } = attempt
    const { as, client, connectionId } = context
    let parameters: URLSearchParams
    try {
      parameters = oauth.validateAuthResponse(as, client, url, attempt.state)
    } catch (error) {
      throw responseError(error, attempt, url)
    }
    let result: oauth.TokenEndpointResponse
    try {
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        context.clientAuth,
        parameters,
        attempt.started.redirectUri,
        attempt.codeVerifier ?? oauth.nopkce,
        context.tokenRequestOptions(),
      )
      result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        ...context.processOptions,
        expectedNonce: attempt.nonce ?? oauth.expectNoNonce,
        requireIdToken: attempt.nonce !== null,
      })
    } catch (error) {
      throw exchangeError(error)
    }
    const granted = grantedScopes(result, context.requestedScopes, context.scopeSeparator)
    writer.write((tx, audit) => {
      tokens.save(tx, connectionId, {
        set: tokenSetOf(result, clock.now()),
        grantType: 'authorization_code',
        requestedScopes: context.requestedScopes,
        grantedScopes: granted,
        account: accountOf(oauth.getValidatedIdTokenClaims(result)),
        newSignIn: true,
      })
      connections.status.credentialsSaved(connectionId, tx)
      return audit.record({
        action: 'auth.signed-in',
        connection: connectionId,
        details: {
          grant: 'authorization_code',
          app: context.app.source,
          scopes: granted,
          missingScopes: missingScopes(context.requestedScopes, granted),
          refreshToken: Boolean(result.refresh_token),
        },
      })
    })
  }

  /** Runs the exchange for an attempt, once, and settles it with the outcome. */
  const complete = async (attempt: Attempt, url: URL): Promise<AuthStatus> => {
    if (attempt.exchanging) throw new AppError('CONFLICT', 'This sign-in is already being completed.')
    attempt.exchanging = true
    if (attempt.timer) clearTimeout(attempt.timer)
    try {
      await exchange(attempt, url)
      finish(attempt, { ok: true })
    } catch (error) {
      finish(attempt, {
        ok: false,
        error:
          error instanceof AppError
            ? error
            : fail('CHECK_FAILED', describeOAuthError(error).message, 'error'),
      })
    }
    return attempt.done
  }

  const start = async (connectionId: string, options: StartSignInOptions = {}): Promise<SignInAttempt> => {
    const context = await contexts(connectionId)
    if ((context.config.grantType ?? 'authorization_code') !== 'authorization_code') {
      throw AppError.invalid(
        `${context.definition.name} uses the client credentials grant: it signs in without a browser.`,
        [{ path: 'connectionId', message: 'uses client_credentials' }],
      )
    }
    const authorizationEndpoint = secureEndpoint(
      context.as.authorization_endpoint,
      'authorization endpoint',
      'oauth2Config.authorizationUrl',
    )

    const timeoutMs = options.timeoutMs ?? defaultSignInTimeoutMs
    const state = oauth.generateRandomState()
    // PKCE always, unless the definition turns it off for a provider that breaks on it; a client
    // without a secret has nothing else protecting its code, so it always uses PKCE.
    const usePkce = context.config.pkce !== false || !context.app.clientSecret
    const codeVerifier = usePkce ? oauth.generateRandomCodeVerifier() : null
    const nonce = context.requestedScopes.includes('openid') ? oauth.generateRandomNonce() : null
    const codeChallenge = codeVerifier ? await oauth.calculatePKCECodeChallenge(codeVerifier) : null
    const listener = context.app.redirectUri
      ? null
      : await listenForCallback({ expectedState: state, timeoutMs })
    const redirectUri = listener?.redirectUri ?? context.app.redirectUri ?? ''

    const url = new URL(authorizationEndpoint)
    for (const [name, value] of Object.entries(context.config.additionalParameters ?? {})) {
      if (protocolParameters.has(name))
        logger.warn('ignored a protocol parameter in additionalParameters', { name })
      else url.searchParams.set(name, value)
    }
    url.searchParams.set('client_id', context.client.client_id)
    url.searchParams.set('response_type', 'code')
    url.searchParams.set('redirect_uri', redirectUri)
    if (context.requestedScopes.length)
      url.searchParams.set('scope', context.requestedScopes.join(context.scopeSeparator))
    url.searchParams.set('state', state)
    if (codeChallenge) {
      url.searchParams.set('code_challenge', codeChallenge)
      url.searchParams.set('code_challenge_method', 'S256')
    }
    if (nonce) url.searchParams.set('nonce', nonce)

    let resolve: (status: AuthStatus) => void = () => {}
    let reject: (error: AppError) => void = () => {}
    const done = new Promise<AuthStatus>((res, rej) => {
      resolve = res
      reject = rej
    })
    // Nobody may be waiting when an attempt fails (a UI that went away): never an unhandled rejection.
    done.catch(() => {})
    const attempt: Attempt = {
      started: {
        attemptId: randomUUID(),
        connectionId,
        authorizationUrl: url.href,
        redirectUri,
        mode: listener ? 'loopback' : 'paste',
        expiresAt: new Date(clock.now().getTime() + timeoutMs).toISOString(),
      },
      context,
      state,
      nonce,
      codeVerifier,
      listener,
      timer: null,
      exchanging: false,
      finished: false,
      done,
      resolve,
      reject,
    }
    // One attempt per connection: a new one replaces (and closes) any still waiting.
    const previous = byConnection(connectionId)
    if (previous) cancel(previous.started.attemptId, 'A newer sign-in for this connection replaced this one.')
    attempts.set(attempt.started.attemptId, attempt)

    if (listener) {
      listener.callback.then(
        async (request) => {
          await complete(attempt, request.url).then(
            () => request.respond({ ok: true }),
            (error: unknown) =>
              request.respond({
                ok: false,
                message: error instanceof AppError ? error.message : 'Sign-in failed.',
              }),
          )
        },
        (error: unknown) => {
          // Once a pasted URL is being exchanged, the listener's closing is not the attempt's end.
          if (!attempt.exchanging)
            finish(attempt, {
              ok: false,
              error: error instanceof AppError ? error : fail('UNAVAILABLE', String(error), 'error'),
            })
        },
      )
    } else {
      attempt.timer = setTimeout(
        () =>
          finish(attempt, {
            ok: false,
            error: new AppError(
              'UNAVAILABLE',
              `Sign-in timed out: no redirect URL was pasted within ${Math.round(timeoutMs / 1000)} seconds.`,
              { reason: 'timeout' },
            ),
          }),
        timeoutMs,
      )
      attempt.timer.unref()
    }

    if (options.open !== false) {
      try {
        await (options.openUrl ?? deps.openUrl)(url.href)
      } catch (error) {
        // Not fatal: the caller shows the URL to open by hand.
        logger.warn('could not open the system browser', { error: describeOAuthError(error).message })
      }
    }
    return { ...attempt.started, done }
  }

  /**
   * Completes an attempt with the URL the browser ended on (pasted by the person): for providers that
   * refuse loopback redirects, or when the browser could not reach the listener.
   */
  const completeFromPastedUrl = async (attemptId: string, pastedUrl: string): Promise<AuthStatus> => {
    const attempt = attempts.get(attemptId)
    if (!attempt)
      throw new AppError(
        'NOT_FOUND',
        'No sign-in is waiting with this id: it finished, timed out or was cancelled.',
      )
    let url: URL
    try {
      url = new URL(pastedUrl.trim())
    } catch {
      throw AppError.invalid('That is not a URL: paste the whole address the browser ended on.', [
        { path: 'url', message: 'must be a URL' },
      ])
    }
    const expected = new URL(attempt.started.redirectUri)
    if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
      throw AppError.invalid(
        `That URL is not the redirect of this sign-in: it should start with ${expected.href}.`,
        [{ path: 'url', message: `must start with ${expected.href}` }],
      )
    }
    const done = complete(attempt, url)
    attempt.listener?.cancel(new AppError('CONFLICT', 'Completed from a pasted URL.'))
    return done
  }

  /** Cancels a waiting attempt; false when there is none, or its code is already being exchanged. */
  const cancel = (attemptId: string, message = 'Sign-in was cancelled.'): boolean => {
    const attempt = attempts.get(attemptId)
    if (!attempt || attempt.exchanging) return false
    finish(attempt, { ok: false, error: new AppError('UNAVAILABLE', message, { reason: 'cancelled' }) })
    return true
  }

  const wait = (attemptId: string): Promise<AuthStatus> => {
    const attempt = attempts.get(attemptId)
    if (!attempt)
      throw new AppError(
        'NOT_FOUND',
        'No sign-in is waiting with this id: it finished, timed out or was cancelled.',
      )
    return attempt.done
  }

  return {
    start,
    completeFromPastedUrl,
    cancel,
    wait,
    pending: (connectionId: string): SignInStarted | null => byConnection(connectionId)?.started ?? null,
    /** Cancels every waiting attempt (the core is closing). */
    cancelAll: () => {
      for (const id of [...attempts.keys()]) cancel(id, 'Switchboard is closing.')
    },
  }
}

export type SignIn = ReturnType<typeof createSignIn>
