// How the CLI says what happened to a connection's tokens at the provider.
import type { DisconnectResult } from '../contract/types.ts'

export function describeRevocation(result: DisconnectResult): string {
  if (!result.revocationSupported)
    return `tokens deleted (${result.error ?? 'the provider offers no revocation'})`
  return result.revoked
    ? 'tokens revoked at the provider and deleted'
    : `tokens deleted here, but revocation failed: ${result.error ?? 'unknown reason'}`
}
