// The shell's end of the push channel: the core's events, batched (at most one message every
// 250 ms), sent to one window's renderer on the push channel. Takes the parts it needs, so tests
// drive it with stand-ins and no Electron.
import { pushChannel } from './contract/events.ts'
import type { EventBus } from './core/events/bus.ts'
import { createPushBatcher } from './core/events/batcher.ts'

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): unknown
}

export function connectPush(events: EventBus, contents: WebContentsLike): () => void {
  const batcher = createPushBatcher({
    send: (batch) => {
      if (!contents.isDestroyed()) contents.send(pushChannel, batch)
    },
  })
  const unsubscribe = events.subscribe((name, payload) => batcher.push(name, payload))
  const stop = () => {
    unsubscribe()
    batcher.close()
  }
  contents.once('destroyed', stop)
  return stop
}
