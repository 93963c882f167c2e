// Parameters of the authorization request that the OAuth protocol (and so Switchboard) owns. A
// definition's oauth2Config.additionalParameters may carry them (the reference format's examples put
// grant_type there); they are never sent from there: sign-in ignores them, and an import says so.
export const protocolParameters: ReadonlySet<string> = new Set([
  'client_id',
  'client_secret',
  'response_type',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code',
  'code_challenge',
  'code_challenge_method',
  'code_verifier',
  'grant_type',
  'response_mode',
  'request',
  'request_uri',
])

/** Why a protocol parameter is not taken from a definition, in words. */
export function protocolParameterNote(name: string): string {
  if (name === 'grant_type')
    return 'is set by Switchboard (oauth2Config.grantType, authorization_code unless it says otherwise); ignored here'
  if (name === 'scope') return 'is built from oauth2Config.scopes; ignored here'
  return 'is set by Switchboard at sign-in; ignored here'
}
