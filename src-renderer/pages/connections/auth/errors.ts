// Sign-in failures for people: a title by the core's reason code (details.reason), its message below.
import { ApiError } from '../../../api/client.ts'

const titles: Record<string, string> = {
  access_denied: 'Access was not granted',
  state_mismatch: 'The answer did not belong to this sign-in',
  issuer_mismatch: 'The answer came from another server',
  timeout: 'The sign-in timed out',
  cancelled: 'The sign-in was cancelled',
  invalid_grant: 'The provider refused the sign-in',
  network: 'Could not reach the provider',
}

export function reasonOf(error: unknown): string | null {
  const reason = error instanceof ApiError ? error.details?.reason : undefined
  return typeof reason === 'string' ? reason : null
}

export const signInErrorTitle = (error: unknown) => titles[reasonOf(error) ?? ''] ?? 'Sign-in failed'
