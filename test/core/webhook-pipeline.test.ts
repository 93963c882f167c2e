// The inbound pipeline end to end, on real parts: a core on a temporary SQLite file, a Stripe
// connection whose signing secret is in the vault, its receiver on 127.0.0.1, requests signed by
// stripe-node, and a loopback HTTP target that records what it is sent.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushEventName, PushEvents } from '../../src-main/contract/events.ts'
import { createCore } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { createWebhooks } from '../../src-main/core/webhooks/index.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const signingSecret = 'whsec_pipeline_test_secret'
const stripe = new Stripe('sk_test_unused')
const passphrase = 'correct horse battery'

interface Target {
  url: string
  received: { headers: Record<string, string | string[] | undefined>; body: string }[]
  /** Status to answer with, per request (default 200). */
  status: () => number
  close(): Promise<void>
}

async function startTarget(status: () => number = () => 200): Promise<Target> {
  const received: Target['received'] = []
  const target: Partial<Target> = { received, status }
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(target.status!()).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  target.close = () =>
    new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())))
  return target as Target
}

const event = (id: string, type = 'charge.succeeded') =>
  JSON.stringify({ id, object: 'event', type, data: { object: { id: `ch_${id}` } } })

const post = (url: string, body: string, secret = signingSecret) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
    },
    body,
  })

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let temp: TempCore
const pushed: { name: PushEventName; payload: PushEvents[PushEventName] }[] = []

beforeAll(async () => {
  temp = createTempCore()
  await temp.core.vault.setup(passphrase)
  temp.core.clients.create({ name: 'Acme' })
  temp.core.connections.create({
    clientId: 'acme',
    integrationId: 'stripe',
    environment: 'sandbox',
    id: 'stripe-acme',
    secrets: { apiKey: 'sk_test_PipelineKey0000000004242', webhookSecret: signingSecret },
  })
  temp.core.events.subscribe((name, payload) => pushed.push({ name, payload }))
}, 60_000)
afterAll(async () => {
  await temp.core.webhooks.close()
  temp.dispose()
})

describe('receiver → verify → ingest → policy → outbox → dispatch', () => {
  it(
    'stores, acknowledges and forwards a signed event once, however often it is sent',
    { timeout: 60_000 },
    async () => {
      const target = await startTarget()
      try {
        temp.core.webhooks.updateSettings('stripe-acme', { targetUrl: target.url })
        const endpoint = await temp.core.webhooks.startReceiver('stripe-acme')
        expect(endpoint.receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
        const url = endpoint.receiver.url!
        const body = event('evt_once')
        expect((await post(url, body)).status).toBe(200)
        const again = await post(url, body)
        expect(again.status).toBe(200)
        expect(await again.text()).toBe('duplicate\n')
        await until(() => target.received.length === 1, 'the delivery')
        expect(target.received[0]!.body).toBe(body)
        expect(target.received[0]!.headers['x-switchboard-event-type']).toBe('charge.succeeded')
        expect(target.received[0]!.headers['stripe-signature']).toBeDefined()
        const page = temp.core.webhooks.list({ connectionId: 'stripe-acme' })
        expect(page.events).toHaveLength(1)
        await until(
          () => temp.core.webhooks.get(page.events[0]!.id).dispatch.state === 'delivered',
          'delivered state',
        )
        expect(temp.core.webhooks.get(page.events[0]!.id)).toMatchObject({
          providerEventId: 'evt_once',
          verdict: 'valid',
          decision: 'accepted',
          duplicates: 1,
          body,
        })
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(target.received).toHaveLength(1)
        expect(
          pushed.some(
            (p) =>
              p.name === 'webhooks.event' &&
              (p.payload as PushEvents['webhooks.event']).change === 'received',
          ),
        ).toBe(true)
      } finally {
        await target.close()
      }
    },
  )

  it(
    'stores a forged request with its verdict, answers 401 and never forwards it',
    { timeout: 60_000 },
    async () => {
      const { receiver } = temp.core.webhooks.endpoint('stripe-acme')
      const body = event('evt_forged')
      const response = await post(receiver.url!, body, 'whsec_attacker')
      expect(response.status).toBe(401)
      expect(await response.text()).toContain('mismatch')
      const stored = temp.core.webhooks.list({ connectionId: 'stripe-acme' }).events[0]!
      expect(stored).toMatchObject({
        verdict: 'invalid',
        verdictReason: 'mismatch',
        decision: 'rejected',
        providerEventId: null,
      })
      expect(stored.dispatch.state).toBe('none')
      expect(() => temp.core.webhooks.replay(stored.id)).toThrow(/signature/)
      // The forgery did not take the real event's id: the real one is still accepted.
      expect((await post(receiver.url!, body)).status).toBe(200)
      expect(temp.core.webhooks.list({ connectionId: 'stripe-acme' }).events[0]).toMatchObject({
        providerEventId: 'evt_forged',
        decision: 'accepted',
      })
    },
  )

  it(
    'applies the policy: ignored types are stored and acknowledged, not forwarded',
    { timeout: 60_000 },
    async () => {
      temp.core.webhooks.updateSettings('stripe-acme', {
        acceptTypes: ['charge.*'],
        ignoreTypes: ['charge.refunded'],
        targetUrl: null,
      })
      const { receiver } = temp.core.webhooks.endpoint('stripe-acme')
      for (const [id, type] of [
        ['evt_p1', 'customer.created'],
        ['evt_p2', 'charge.refunded'],
        ['evt_p3', 'charge.captured'],
      ]) {
        expect((await post(receiver.url!, event(id!, type))).status).toBe(200)
      }
      const [p3, p2, p1] = temp.core.webhooks.list({ connectionId: 'stripe-acme', limit: 3 }).events
      expect([p1!.decision, p2!.decision, p3!.decision]).toEqual(['ignored', 'ignored', 'accepted'])
      // No target: the accepted event waits in the outbox.
      expect(p3!.dispatch.state).toBe('waiting')
      temp.core.webhooks.updateSettings('stripe-acme', { acceptTypes: null, ignoreTypes: [] })
    },
  )

  it('keeps what it acknowledged across a restart and forwards it then', { timeout: 120_000 }, async () => {
    const { receiver } = temp.core.webhooks.endpoint('stripe-acme')
    expect((await post(receiver.url!, event('evt_restart'))).status).toBe(200)
    const id = temp.core.webhooks.list({ connectionId: 'stripe-acme', limit: 1 }).events[0]!.id
    await temp.core.webhooks.close()
    temp.core.close()
    const target = await startTarget()
    const reopened = createCore({
      dataDir: temp.dataDir,
      appVersion: '0.0.0-test',
      hostKind: 'app',
      keyProtector: passphraseProtector({}),
      openUrl: async () => {},
    })
    try {
      await reopened.vault.unlock(passphrase)
      reopened.webhooks.updateSettings('stripe-acme', { targetUrl: target.url })
      await until(() => target.received.some((r) => r.body.includes('evt_restart')), 'delivery after restart')
      expect(reopened.webhooks.get(id).dispatch.state).not.toBe('none')
    } finally {
      await reopened.webhooks.close()
      reopened.close()
      await target.close()
      // The rest of the file goes on with a fresh core on the same folder.
      temp.core = createCore({
        dataDir: temp.dataDir,
        appVersion: '0.0.0-test',
        hostKind: 'app',
        keyProtector: passphraseProtector({}),
        openUrl: async () => {},
      })
      await temp.core.vault.unlock(passphrase)
    }
  })
})

describe('delivery failures', () => {
  it(
    'retries with backoff, dead-letters after maxAttempts, and replays on request',
    { timeout: 90_000 },
    async () => {
      let answer = 500
      const target = await startTarget(() => answer)
      const core = temp.core
      // The same service over the same database, with quick retries so the test does not wait minutes.
      const webhooks = createWebhooks({
        db: core.db,
        connections: core.connections,
        definitions: core.definitions,
        writer: core.writer,
        clock: { now: () => new Date() },
        logger: core.logger,
        events: core.events,
        dispatch: { backoff: { initialDelayMs: 20, maxDelayMs: 50 }, idleMs: 50 },
      })
      try {
        webhooks.updateSettings('stripe-acme', { targetUrl: target.url, maxAttempts: 3 })
        const { receiver } = await webhooks.startReceiver('stripe-acme')
        expect((await post(receiver.url!, event('evt_dead'))).status).toBe(200)
        const id = webhooks.list({ connectionId: 'stripe-acme', limit: 1 }).events[0]!.id
        await until(() => webhooks.get(id).dispatch.state === 'dead', 'dead letter')
        expect(webhooks.get(id).dispatch).toMatchObject({
          attempts: 3,
          lastStatus: 500,
          lastError: 'The target answered 500.',
        })
        expect(target.received.filter((r) => r.body.includes('evt_dead'))).toHaveLength(3)
        answer = 204
        expect(webhooks.replay(id).dispatch.state).toBe('pending')
        await until(() => webhooks.get(id).dispatch.state === 'delivered', 'delivery after replay')
        expect(webhooks.get(id).dispatch).toMatchObject({ attempts: 1, lastStatus: 204 })
      } finally {
        await webhooks.close()
        await target.close()
      }
    },
  )
})

describe('a flood of events', () => {
  it(
    'acknowledges every one, loses none, and keeps deliveries in flight bounded',
    { timeout: 240_000 },
    async () => {
      const target = await startTarget()
      const core = temp.core
      const concurrency = 4
      const webhooks = createWebhooks({
        db: core.db,
        connections: core.connections,
        definitions: core.definitions,
        writer: core.writer,
        clock: { now: () => new Date() },
        logger: core.logger,
        events: core.events,
        dispatch: { concurrency, idleMs: 50 },
      })
      try {
        webhooks.updateSettings('stripe-acme', { targetUrl: target.url, maxAttempts: 8 })
        const { receiver } = await webhooks.startReceiver('stripe-acme')
        const count = 2000
        const senders = 16
        const heapBefore = process.memoryUsage().heapUsed
        let next = 0
        const acknowledged: string[] = []
        await Promise.all(
          Array.from({ length: senders }, async () => {
            while (next < count) {
              const id = `evt_flood_${next++}`
              const response = await post(receiver.url!, event(id))
              await response.text()
              if (response.status === 200) acknowledged.push(id)
            }
          }),
        )
        expect(acknowledged).toHaveLength(count)
        const flooded = () =>
          new Set(
            target.received
              .map((r) => (JSON.parse(r.body) as { id: string }).id)
              .filter((id) => id.startsWith('evt_flood_')),
          )
        await until(() => flooded().size >= count, 'every delivery', 200_000)
        const delivered = flooded()
        expect(delivered.size).toBe(count)
        expect(webhooks.dispatcherStats().peakInFlight).toBeLessThanOrEqual(concurrency)
        // Generous: what the flood leaves on the heap is far below what keeping 2,000 events would need.
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
      } finally {
        await webhooks.close()
        await target.close()
      }
    },
  )
})
