// The core's typed event bus: services emit the contract's push events here; each host subscribes
// and carries them to its renderers (batched, see batcher.ts). Listeners must not throw into the
// service that emitted, so errors are logged and swallowed.
import type { PushEventName, PushEvents } from '../../contract/events.ts'
import type { Logger } from '../host.ts'

export type PushListener = <N extends PushEventName>(name: N, payload: PushEvents[N]) => void

export function createEventBus(logger: Logger) {
  const listeners = new Set<PushListener>()
  return {
    emit<N extends PushEventName>(name: N, payload: PushEvents[N]): void {
      for (const listener of listeners) {
        try {
          listener(name, payload)
        } catch (error) {
          logger.error('push listener failed', { event: name, error: String(error) })
        }
      }
    },
    /** Every event, in order; returns the unsubscribe function. */
    subscribe(listener: PushListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type EventBus = ReturnType<typeof createEventBus>
