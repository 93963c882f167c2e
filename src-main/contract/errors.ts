// The one list of error codes that may cross a boundary (IPC, the HTTP bridge, CLI output).
// Each code carries the CLI exit status it maps to, so the CLI never guesses.

export const errorCodes = {
  INVALID_ARGUMENT: { exit: 1, summary: 'The arguments of a call failed validation' },
  UNKNOWN_CALL: { exit: 2, summary: 'No such call in the API contract' },
  FORBIDDEN: { exit: 1, summary: 'The caller is not allowed to make this call' },
  NOT_FOUND: { exit: 1, summary: 'The thing named does not exist' },
  CONFLICT: { exit: 1, summary: 'The change conflicts with what is stored' },
  LOCKED: { exit: 1, summary: 'Secrets cannot be decrypted with the keys at hand' },
  UNAVAILABLE: { exit: 1, summary: 'A resource the call needs is not available' },
  CHECK_FAILED: { exit: 1, summary: 'A health or integrity check failed' },
  BUSY: {
    exit: 1,
    summary: 'Another Switchboard process kept the data folder busy; nothing was changed, try again',
  },
  SIGN_IN_NEEDED: { exit: 1, summary: 'The connection must be signed in (again) before it can be used' },
  // The runtime's typed family (a method call's own failures).
  INPUT_INVALID: { exit: 1, summary: 'The input of a method failed its inputSchema; nothing was sent' },
  ENDPOINT_MISSING: { exit: 1, summary: 'The method has no binding or base URL to call' },
  AUTH_REQUIRED: { exit: 1, summary: 'The connection has no usable credentials for this call' },
  NETWORK: { exit: 1, summary: 'The provider could not be reached, or the connection broke' },
  TIMEOUT: { exit: 1, summary: 'The provider did not answer in time' },
  PROVIDER: { exit: 1, summary: 'The provider answered with an error' },
  OUTPUT_MISMATCH: { exit: 1, summary: "The provider's answer does not match the method's outputSchema" },
  CANCELLED: { exit: 1, summary: 'The call was cancelled' },
  INTERNAL: { exit: 1, summary: 'An unexpected error; details are in the log' },
} as const

export type ErrorCode = keyof typeof errorCodes

/** One failed rule, named by the path of the value it concerns ("limit", "config.region"). */
export interface ValidationIssue {
  path: string
  message: string
}

export interface ErrorDetails {
  issues?: ValidationIssue[]
  [key: string]: unknown
}

/** The only error shape that crosses a boundary: never a stack trace, never a secret. */
export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: ErrorDetails
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorBody }

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value)
}
