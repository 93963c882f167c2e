// The outbox worker: claims due deliveries in small batches, POSTs each event's raw body to its
// connection's target, and records the outcome — delivered on 2xx, otherwise retried with backoff
// until maxAttempts, then dead-lettered. At-least-once: a crash between sending and recording
// sends the event again when its claim expires. Memory stays bounded by the batch and concurrency,
// however many events wait in the table.
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  timeout,
  type CircuitBreakerPolicy,
} from 'cockatiel'
import type { Clock, Logger } from '../host.ts'
import { retryDelay, type BackoffSettings, defaultBackoff } from './backoff.ts'
import type { DueDelivery, WebhookStore } from './store.ts'

export interface DispatcherOptions {
  store: WebhookStore
  clock: Clock
  logger: Logger
  /** Told about every change of a delivery's state (for the push channel). */
  onChange?: (change: {
    eventId: number
    connectionId: string
    state: 'delivered' | 'pending' | 'dead'
  }) => void
  concurrency?: number
  timeoutMs?: number
  backoff?: BackoffSettings
  /** How long a claim lasts: a crashed process's rows are sent again after it. */
  leaseMs?: number
  /** The longest sleep between looks at the table (new rows also wake it through notify()). */
  idleMs?: number
  fetch?: typeof fetch
}

// Headers that describe one hop, or that fetch sets itself, are not forwarded.
const hopHeaders = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
])

function forwardHeaders(
  headers: Record<string, string | string[]>,
  delivery: DueDelivery,
  extra: { eventType: string | null; providerEventId: string | null },
): Headers {
  const out = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    if (hopHeaders.has(name.toLowerCase())) continue
    for (const item of typeof value === 'string' ? [value] : value) out.append(name, item)
  }
  out.set('x-switchboard-event', String(delivery.eventId))
  out.set('x-switchboard-connection', delivery.connectionId)
  out.set('x-switchboard-attempt', String(delivery.attempts + 1))
  if (extra.eventType) out.set('x-switchboard-event-type', extra.eventType)
  if (extra.providerEventId) out.set('x-switchboard-provider-event-id', extra.providerEventId)
  return out
}

export function createDispatcher(options: DispatcherOptions) {
  const { store, clock, logger } = options
  const concurrency = options.concurrency ?? 4
  const timeoutMs = options.timeoutMs ?? 10_000
  const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 3)
  const idleMs = options.idleMs ?? 1_000
  const backoff = options.backoff ?? defaultBackoff
  const doFetch = options.fetch ?? fetch
  const deliveryTimeout = timeout(timeoutMs, TimeoutStrategy.Aggressive)
  // One breaker per target: a target that keeps failing is left alone for a while, and those
  // skipped tries do not count against the events' attempts.
  const breakers = new Map<string, CircuitBreakerPolicy>()
  const breakerFor = (target: string) => {
    let breaker = breakers.get(target)
    if (!breaker) {
      breaker = circuitBreaker(handleAll, { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(5) })
      breakers.set(target, breaker)
    }
    return breaker
  }

  const inFlight = new Set<number>()
  let peakInFlight = 0
  let running = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let wake: (() => void) | null = null
  let loop: Promise<void> | null = null

  const deliver = async (delivery: DueDelivery): Promise<void> => {
    const raw = store.raw(delivery.eventId)
    if (!raw) return
    const attemptAt = clock.now()
    try {
      const status = await breakerFor(delivery.targetUrl).execute(() =>
        deliveryTimeout.execute(async ({ signal }) => {
          const response = await doFetch(delivery.targetUrl, {
            method: 'POST',
            headers: forwardHeaders(raw.headers, delivery, raw),
            body: new Uint8Array(raw.body),
            signal,
            redirect: 'manual',
          })
          await response.body?.cancel().catch(() => {})
          if (response.status < 200 || response.status > 299) throw new DeliveryError(response.status)
          return response.status
        }),
      )
      store.delivered(delivery.eventId, status, clock.now())
      options.onChange?.({
        eventId: delivery.eventId,
        connectionId: delivery.connectionId,
        state: 'delivered',
      })
    } catch (error) {
      const skipped = error instanceof BrokenCircuitError
      const attempts = delivery.attempts + (skipped ? 0 : 1)
      const dead = !skipped && attempts >= delivery.maxAttempts
      const status = error instanceof DeliveryError ? error.status : null
      const message = skipped
        ? 'The target failed several times in a row; waiting before trying it again.'
        : error instanceof DeliveryError
          ? `The target answered ${error.status}.`
          : error instanceof TaskCancelledError
            ? `The target did not answer within ${timeoutMs / 1000} s.`
            : `The target could not be reached (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}).`
      const retryAt = attemptAt.getTime() + (skipped ? 5_000 : retryDelay(attempts, backoff))
      store.failed(
        delivery.eventId,
        { status, error: message, dead, retryAt, counted: !skipped },
        clock.now(),
      )
      if (dead) logger.warn('webhook delivery dead-lettered', { event: delivery.eventId, attempts })
      options.onChange?.({
        eventId: delivery.eventId,
        connectionId: delivery.connectionId,
        state: dead ? 'dead' : 'pending',
      })
    }
  }

  const nextDue = (): number | null => {
    try {
      return store.nextDueAt()
    } catch {
      return null
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, ms)
    }).finally(() => {
      if (timer) clearTimeout(timer)
      timer = null
      wake = null
    })

  const run = async () => {
    const active = new Set<Promise<void>>()
    while (running) {
      const free = concurrency - inFlight.size
      let batch: DueDelivery[] = []
      try {
        batch = free > 0 ? store.claimDue(clock.now().getTime(), free, leaseMs, inFlight) : []
      } catch (error) {
        // A busy or closing database: try again at the next tick rather than end the loop.
        if (!running) break
        logger.warn('webhook outbox not readable', { error: String(error) })
      }
      for (const delivery of batch) {
        inFlight.add(delivery.eventId)
        peakInFlight = Math.max(peakInFlight, inFlight.size)
        const work = deliver(delivery)
          .catch((error: unknown) =>
            logger.error('webhook delivery failed unexpectedly', { error: String(error) }),
          )
          .finally(() => {
            inFlight.delete(delivery.eventId)
            active.delete(work)
            wake?.()
          })
        active.add(work)
      }
      if (!running) break
      if (batch.length > 0 && inFlight.size < concurrency) continue
      const next = nextDue()
      const wait = next === null ? idleMs : Math.min(idleMs, Math.max(0, next - clock.now().getTime()))
      await sleep(inFlight.size >= concurrency ? idleMs : Math.max(wait, 5))
    }
    await Promise.allSettled(active)
  }

  return {
    start(): void {
      if (running) return
      running = true
      loop = run()
    },
    /** New rows (ingest, replay, a new target): look now instead of at the next tick. */
    notify(): void {
      wake?.()
    },
    async stop(): Promise<void> {
      running = false
      wake?.()
      await loop
      loop = null
    },
    stats: () => ({ inFlight: inFlight.size, peakInFlight, concurrency }),
  }
}

class DeliveryError extends Error {
  readonly status: number
  constructor(status: number) {
    super(`target answered ${status}`)
    this.status = status
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
