// Batches push events for one receiver of the channel (a window, an SSE client): at most one
// message every intervalMs, the first as soon as allowed. The buffer is bounded: past maxEvents
// the oldest are dropped: listeners treat a batch as "something changed" and refetch what they show.
import { pushIntervalMs, type PushBatch, type PushEventName, type PushEvents } from '../../contract/events.ts'

export interface BatcherTimers {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: BatcherTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createPushBatcher(options: {
  send(batch: PushBatch): void
  intervalMs?: number
  maxEvents?: number
  timers?: BatcherTimers
}) {
  const interval = options.intervalMs ?? pushIntervalMs
  const max = options.maxEvents ?? 1000
  const timers = options.timers ?? realTimers
  let buffer: PushBatch = []
  let lastSent = -Infinity
  let handle: unknown = null
  let closed = false

  const flush = () => {
    handle = null
    if (closed || buffer.length === 0) return
    // Node's timers may fire up to a millisecond early (the loop's clock is truncated to whole ms).
    const early = lastSent + interval - timers.now()
    if (early > 0) {
      handle = timers.setTimeout(flush, Math.ceil(early))
      return
    }
    const batch = buffer
    buffer = []
    lastSent = timers.now()
    options.send(batch)
  }

  return {
    push<N extends PushEventName>(name: N, payload: PushEvents[N]): void {
      if (closed) return
      buffer.push({ name, payload } as PushBatch[number])
      if (buffer.length > max) buffer.splice(0, buffer.length - max)
      if (handle !== null) return
      const wait = Math.max(0, lastSent + interval - timers.now())
      handle = timers.setTimeout(flush, wait)
    },
    close(): void {
      closed = true
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
      buffer = []
    },
  }
}

export type PushBatcher = ReturnType<typeof createPushBatcher>
