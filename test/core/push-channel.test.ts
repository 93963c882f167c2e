// The push channel main → renderer: the batcher's rate limit (at most one message per 250 ms, in
// order), the shell's IPC end against a stand-in webContents, and the bridge's server-sent events
// (session token required) carrying a real core's webhook events.
import { describe, expect, it } from 'vitest'
import type { PushBatch } from '../../src-main/contract/events.ts'
import { startBridgeServer } from '../../src-main/bridge/server.ts'
import { createEventBus } from '../../src-main/core/events/bus.ts'
import { createPushBatcher, type BatcherTimers } from '../../src-main/core/events/batcher.ts'
import { silentLogger } from '../../src-main/core/host.ts'
import { connectPush } from '../../src-main/push.ts'
import { createTempCore } from '../support/temp-core.ts'

/** A manual clock: time moves only when the test says. Timers fire `early` ms before due, as Node's may. */
function manualTimers(early = 0) {
  let now = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let nextId = 1
  const api: BatcherTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++
      timers.push({ at: now + Math.max(0, ms - early), fn, id })
      return id
    },
    clearTimeout: (id) => (timers = timers.filter((t) => t.id !== id)),
  }
  const advance = (ms: number) => {
    const until = now + ms
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      timers = timers.filter((t) => t !== due)
      now = due.at
      due.fn()
    }
    now = until
  }
  return { api, advance }
}

const event = (eventId: number) =>
  ({ connectionId: 'c', eventId, change: 'received', decision: 'accepted' }) as const

describe('push batcher', () => {
  it('sends at most one message every 250 ms, each with every event since the last, in order', () => {
    const clock = manualTimers()
    const sent: { at: number; batch: PushBatch }[] = []
    let t = 0
    const batcher = createPushBatcher({
      send: (batch) => sent.push({ at: t, batch }),
      timers: { ...clock.api, now: () => (t = clock.api.now()) },
    })
    for (let i = 1; i <= 1000; i++) {
      batcher.push('webhooks.event', event(i))
      clock.advance(1)
    }
    clock.advance(1000)
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250)
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1000 / 250) + 1)
    const ids = sent.flatMap((s) => s.batch.map((item) => (item.payload as { eventId: number }).eventId))
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
  })

  it('keeps 250 ms between messages when the timers fire early', () => {
    const clock = manualTimers(0.8)
    const sentAt: number[] = []
    const batcher = createPushBatcher({ send: () => sentAt.push(clock.api.now()), timers: clock.api })
    for (let i = 1; i <= 200; i++) {
      batcher.push('webhooks.event', event(i))
      clock.advance(10)
    }
    clock.advance(1000)
    expect(sentAt.length).toBeGreaterThan(5)
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250)
  })

  it('keeps a bounded buffer and stops after close', () => {
    const clock = manualTimers()
    const sent: PushBatch[] = []
    const batcher = createPushBatcher({ send: (b) => sent.push(b), maxEvents: 10, timers: clock.api })
    batcher.push('webhooks.event', event(0))
    clock.advance(0)
    for (let i = 1; i <= 50; i++) batcher.push('webhooks.event', event(i))
    clock.advance(300)
    expect(sent[1]).toHaveLength(10)
    expect((sent[1]!.at(-1)!.payload as { eventId: number }).eventId).toBe(50)
    batcher.close()
    batcher.push('webhooks.event', event(99))
    clock.advance(1000)
    expect(sent).toHaveLength(2)
  })
})

describe('the shell’s IPC end', () => {
  it('sends batches on the push channel until the window is destroyed', async () => {
    const bus = createEventBus(silentLogger)
    const sends: unknown[][] = []
    let destroyed: (() => void) | undefined
    const contents = {
      send: (...args: unknown[]) => sends.push(args),
      isDestroyed: () => false,
      once: (_event: 'destroyed', listener: () => void) => (destroyed = listener),
    }
    connectPush(bus, contents)
    bus.emit('webhooks.event', event(1))
    bus.emit('webhooks.event', event(2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sends).toEqual([
      [
        'switchboard:push',
        [
          { name: 'webhooks.event', payload: event(1) },
          { name: 'webhooks.event', payload: event(2) },
        ],
      ],
    ])
    destroyed!()
    bus.emit('webhooks.event', event(3))
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sends).toHaveLength(1)
  })
})

describe('the bridge’s server-sent events', () => {
  it(
    'streams batched events to the page that has the session token, and to no one else',
    { timeout: 60_000 },
    async () => {
      const temp = createTempCore()
      const bridge = await startBridgeServer({
        dispatch: temp.core.dispatch,
        rendererDir: temp.dataDir,
        events: temp.core.events,
      })
      const controller = new AbortController()
      try {
        const refused = await fetch(`${bridge.origin}/__switchboard/events?token=wrong`)
        expect(refused.status).toBe(403)
        const foreign = await fetch(`${bridge.origin}/__switchboard/events?token=${bridge.token}`, {
          headers: { origin: 'http://evil.example' },
        })
        expect(foreign.status).toBe(403)

        const response = await fetch(
          `${bridge.origin}/__switchboard/events?token=${encodeURIComponent(bridge.token)}`,
          {
            signal: controller.signal,
          },
        )
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toBe('text/event-stream')
        const reader = response.body!.getReader()
        const messages: { at: number; batch: PushBatch }[] = []
        let text = ''
        const reading = (async () => {
          for (;;) {
            const { value, done } = await reader.read()
            if (done) return
            text += new TextDecoder().decode(value)
            let end: number
            while ((end = text.indexOf('\n\n')) >= 0) {
              const block = text.slice(0, end)
              text = text.slice(end + 2)
              const data = block.split('\n').find((line) => line.startsWith('data: '))
              if (block.includes('event: push') && data)
                messages.push({ at: performance.now(), batch: JSON.parse(data.slice(6)) as PushBatch })
            }
          }
        })()
        // 40 events over ~1 s: the page must get them all, in at most ~5 messages.
        for (let i = 1; i <= 40; i++) {
          temp.core.events.emit('webhooks.event', event(i))
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        const start = Date.now()
        while (messages.flatMap((m) => m.batch).length < 40 && Date.now() - start < 20_000)
          await new Promise((resolve) => setTimeout(resolve, 50))
        const ids = messages.flatMap((m) =>
          m.batch.map((item) => (item.payload as { eventId: number }).eventId),
        )
        expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
        const gaps = messages.slice(1).map((m, i) => m.at - messages[i]!.at)
        // The batcher never sends closer than 250 ms apart, but these are arrival times: on a busy
        // machine one message can arrive late and the next on time. Unbatched sends (the breach this
        // catches) would arrive 25 ms apart; the count below bounds the rate over the whole run.
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(125)
        expect(messages.length).toBeLessThanOrEqual(
          Math.ceil((messages.at(-1)!.at - messages[0]!.at) / 250) + 1,
        )
        controller.abort()
        await reading.catch(() => {})
      } finally {
        controller.abort()
        await bridge.close()
        temp.dispose()
      }
    },
  )
})
