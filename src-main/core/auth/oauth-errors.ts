// oauth4webapi's precise errors, turned into sentences for people. Only the error's own message and
// the provider's error code and description are used: never its `cause`, which can hold a response
// body with tokens in it.
import * as oauth from 'oauth4webapi'
import { AppError } from '../errors.ts'

export interface OAuthFailure {
  /** A sentence safe to show and log. */
  message: string
  /** The provider's OAuth error code (invalid_grant, access_denied, …), when it sent one. */
  oauthError: string | null
}

const withDescription = (error: string, description: string | undefined) =>
  description ? `${error} (${description})` : error

export function describeOAuthError(error: unknown): OAuthFailure {
  if (error instanceof AppError) return { message: error.message, oauthError: null }
  if (error instanceof oauth.AuthorizationResponseError) {
    return {
      message: `the provider answered ${withDescription(error.error, error.error_description)}`,
      oauthError: error.error,
    }
  }
  if (error instanceof oauth.ResponseBodyError) {
    return {
      message: `the provider answered ${withDescription(error.error, error.error_description)} (HTTP ${error.status})`,
      oauthError: error.error,
    }
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]
    const code = challenge?.parameters.error
    return {
      message: `the provider refused the request (HTTP ${error.response.status}${code ? `, ${code}` : ''})`,
      oauthError: code ?? null,
    }
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError) {
    return { message: `the provider's response was refused: ${error.message}`, oauthError: null }
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = (error as { cause?: { code?: unknown } }).cause
    return {
      message: `the provider could not be reached${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`,
      oauthError: null,
    }
  }
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { message: 'the provider did not answer in time', oauthError: null }
  }
  return { message: error instanceof Error ? error.message : String(error), oauthError: null }
}

/** Whether oauth4webapi refused an authorization response because its `iss` was not the issuer's. */
export function isIssuerMismatch(error: unknown): boolean {
  return (
    error instanceof oauth.OperationProcessingError &&
    error.code === oauth.INVALID_RESPONSE &&
    /"iss"/.test(error.message)
  )
}
