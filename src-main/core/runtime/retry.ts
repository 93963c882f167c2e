// Retries where they are safe, with cockatiel: exponential backoff with jitter (cockatiel's
// decorrelated-jitter generator) on 429, 502, 503, 504 and connection resets; a Retry-After the
// provider sends is honoured instead of the backoff, and one longer than maxRetryAfterMs ends the
// retries (the answer is returned as it is). The runtime only builds a policy for read methods and
// methods marked idempotent; everything else is sent once.
import {
  ExponentialBackoff,
  handleWhen,
  retry,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel'
import type { ProviderResponse } from '../connectors/contract.ts'
import { CallFailure } from './errors.ts'

export const retriableStatuses = new Set([429, 502, 503, 504])

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number
  initialDelayMs: number
  maxDelayMs: number
  /** A Retry-After above this is not waited for. */
  maxRetryAfterMs: number
  now?: () => number
}

export const defaultRetry: RetryOptions = {
  maxRetries: 2,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or bad. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

const isResponse = (value: unknown): value is ProviderResponse =>
  typeof value === 'object' && value !== null && 'status' in value && 'headers' in value

/** Backoff that takes the provider's Retry-After when there is one, else cockatiel's exponential one. */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  private readonly fallback: IBackoffFactory<unknown>
  private readonly now: () => number
  constructor(fallback: IBackoffFactory<unknown>, now: () => number) {
    this.fallback = fallback
    this.now = now
  }
  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const exponential = this.fallback.next(context)
    const result = context.result
    const hinted =
      'value' in result && isResponse(result.value)
        ? retryAfterMs(result.value.headers.get('retry-after'), this.now())
        : null
    return {
      duration: hinted ?? exponential.duration,
      next: (ctx) => new RetryAfterBackoff(exponential, this.now).next(ctx),
    }
  }
}

export function retryPolicy(options: RetryOptions) {
  const now = options.now ?? Date.now
  const handler = handleWhen(
    (error) => error instanceof CallFailure && error.code === 'NETWORK' && error.details?.retriable === true,
  ).orWhenResult(
    (value) =>
      isResponse(value) &&
      retriableStatuses.has(value.status) &&
      (retryAfterMs(value.headers.get('retry-after'), now()) ?? 0) <= options.maxRetryAfterMs,
  )
  return retry(handler, {
    maxAttempts: options.maxRetries,
    backoff: new RetryAfterBackoff(
      new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
      now,
    ),
  })
}
