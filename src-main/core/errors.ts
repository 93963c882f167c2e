import type { ErrorBody, ErrorCode, ErrorDetails, ValidationIssue } from '../contract/errors.ts'

/** An expected failure with a code from the contract; its message is safe to show to people. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  static invalid(message: string, issues: ValidationIssue[]): AppError {
    return new AppError('INVALID_ARGUMENT', message, { issues })
  }

  toBody(): ErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

/**
 * The body sent across a boundary for any thrown value. Unexpected errors become INTERNAL with a
 * fixed message: their text and stack may hold paths or secrets, so they go to the log only.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody()
  return { code: 'INTERNAL', message: 'Something went wrong inside Switchboard; the log has the details.' }
}
