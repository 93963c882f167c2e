// Inbound webhooks (issue 13): Stripe-signed events posted to a connection's receiver on 127.0.0.1,
// through verify → ingest (stored once, with its verdict) → outbox, and dispatched to a loopback
// target. The burst case sends 1,000 events, 16 at a time, and waits until the target has them all;
// the paced case sends 200 one after another (each after the previous was acknowledged), so its
// latency is the pipeline's own rather than the backlog's. Reported: events per second acknowledged by
// the receiver (verify → ingest → outbox, all in this one Node process), and the p50/p99 latency
// from sending an event to the target receiving it.
import { createHmac } from 'node:crypto'
import { copyFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { BenchCase } from '../case.ts'
import { createTempCore, tempDir, type TempCore } from '../../test/support/temp-core.ts'

const secret = 'whsec_bench_signing_secret'

let temp: TempCore | undefined
let target: Server | undefined
let definitionsDir = ''
let receiverUrl = ''
let round = 0
const sentAt = new Map<string, number>()
const latencies: number[] = []
let waiting: { remaining: Set<string>; done(): void } | null = null
let ingestSeconds = 0

const signed = (body: string) => {
  const t = Math.floor(Date.now() / 1000)
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${v1}`
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

function pipelineCase(name: string, eventCount: number, inFlight: number): BenchCase {
  return {
    name,
    iterations: 3,
    timeMs: 0,
    warmupIterations: 1,
    beforeAll: async () => {
      definitionsDir = tempDir('switchboard-bench-defs-')
      copyFileSync(
        join(import.meta.dirname, '../../definitions/stripe.json'),
        join(definitionsDir, 'stripe.json'),
      )
      temp = createTempCore({ definitionsDir })
      const core = temp.core
      await core.vault.setup('bench passphrase 42')
      core.clients.create({ name: 'Acme' })
      core.connections.create({
        id: 'stripe-acme',
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'sandbox',
        secrets: { apiKey: 'sk_test_bench00000000000000004242', webhookSecret: secret },
      })
      target = createServer((request, response) => {
        const chunks: Buffer[] = []
        request.on('data', (chunk: Buffer) => chunks.push(chunk))
        request.on('end', () => {
          response.writeHead(200).end()
          const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id
          const sent = sentAt.get(id)
          if (sent !== undefined && waiting?.remaining.delete(id)) {
            latencies.push(performance.now() - sent)
            if (waiting.remaining.size === 0) waiting.done()
          }
        })
      })
      await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve))
      core.webhooks.updateSettings('stripe-acme', {
        targetUrl: `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`,
      })
      const endpoint = await core.webhooks.startReceiver('stripe-acme')
      receiverUrl = endpoint.receiver.url!
    },
    beforeEach: () => {
      round++
      latencies.length = 0
    },
    fn: async () => {
      const ids = Array.from({ length: eventCount }, (_, i) => `evt_bench_${round}_${i}`)
      const delivered = new Promise<void>((done) => (waiting = { remaining: new Set(ids), done }))
      const started = performance.now()
      let next = 0
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++]!
          const body = JSON.stringify({
            id,
            object: 'event',
            type: 'charge.succeeded',
            data: { object: { id: `ch_${id}` } },
          })
          sentAt.set(id, performance.now())
          const response = await fetch(receiverUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signed(body) },
            body,
          })
          await response.text()
          if (response.status !== 200) throw new Error(`receiver answered ${response.status} for ${id}`)
        }
      }
      await Promise.all(Array.from({ length: inFlight }, worker))
      ingestSeconds = (performance.now() - started) / 1000
      await delivered
    },
    metrics: () => ({
      'ingested events per second (verify → ingest → outbox)': {
        value: eventCount / ingestSeconds,
        unit: 'events/s',
      },
      'receipt → dispatch p50': { value: percentile(latencies, 50), unit: 'ms' },
      'receipt → dispatch p99': { value: percentile(latencies, 99), unit: 'ms' },
    }),
    afterAll: async () => {
      await temp?.core.webhooks.close()
      temp?.dispose()
      await new Promise<void>((resolve) => target?.close(() => resolve()))
      rmSync(definitionsDir, { recursive: true, force: true })
    },
  }
}

export const cases: BenchCase[] = [
  pipelineCase(
    'webhooks: burst of 1,000 Stripe events (16 in flight), receiver → verify → ingest → outbox → loopback target',
    1000,
    16,
  ),
  pipelineCase('webhooks: 200 Stripe events one at a time, receipt → dispatch', 200, 1),
]
