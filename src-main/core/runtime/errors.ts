// The runtime's one typed error family. Connectors and the runtime throw CallFailure; the runtime turns
// it into the CallResult's `error`. Messages are for people and never carry a secret: a connector's
// own errors are masked by the runtime before they are recorded or returned.
import type { CallError, CallErrorCode } from '../../contract/types.ts'

export class CallFailure extends Error {
  readonly code: CallErrorCode
  readonly details: CallError['details']

  constructor(code: CallErrorCode, message: string, details?: CallError['details']) {
    super(message)
    this.name = 'CallFailure'
    this.code = code
    this.details = details
  }

  toCallError(): CallError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export const callErrorCodes: readonly CallErrorCode[] = [
  'INPUT_INVALID',
  'ENDPOINT_MISSING',
  'AUTH_REQUIRED',
  'NETWORK',
  'TIMEOUT',
  'PROVIDER',
  'OUTPUT_MISMATCH',
  'CANCELLED',
]

export const isCallFailure = (error: unknown): error is CallFailure => error instanceof CallFailure
