// How long a failed delivery waits before the next try. The outbox keeps only the attempt count,
// so the delay is derived from it: cockatiel's exponential backoff with decorrelated jitter,
// stepped forward once per earlier attempt.
import { ExponentialBackoff } from 'cockatiel'

export interface BackoffSettings {
  initialDelayMs: number
  maxDelayMs: number
}

export const defaultBackoff: BackoffSettings = { initialDelayMs: 1_000, maxDelayMs: 15 * 60_000 }

export function retryDelay(attempts: number, settings: BackoffSettings = defaultBackoff): number {
  let step = new ExponentialBackoff({
    initialDelay: settings.initialDelayMs,
    maxDelay: settings.maxDelayMs,
  }).next()
  for (let i = 1; i < attempts; i++) step = step.next(undefined)
  return Math.round(step.duration)
}
