// Health checks at scale (issue 13): 1,000 connections against a loopback provider that answers after
// 50 ms, checked at concurrency 8 ("check all now": connectivity, the credentials call through the
// runtime, the record in health_checks, the status update). The ideal is 1,000 × 50 ms / 8 = 6.25 s;
// the baseline case waits exactly that (the same 50 ms timers, 8 at a time, no work), so the ratio
// holds on any machine: target ≤ 1.15×. Beside it, what the renderer would receive
// from the push channel's batcher during the run: the busiest one-second window (target ≤ 4) and the
// shortest gap between two messages (target ≥ 250 ms).
import type { BenchCase } from '../case.ts'
import { createPushBatcher } from '../../src-main/core/events/batcher.ts'
import { createKeyedPool } from '../../src-main/core/health/pool.ts'
import { startLoopbackProvider, type LoopbackProvider } from '../support/loopback-provider.ts'
import { healthDefinition } from '../../test/support/health.ts'
import { coreWith } from '../../test/support/oidc-server.ts'
import type { TempCore } from '../../test/support/temp-core.ts'

const connectionCount = 1000
const answerAfterMs = 50
const concurrency = 8

let provider: LoopbackProvider | undefined
let temp: TempCore | undefined
/** When each renderer message left the batcher (performance.now()), in the current run. */
let sentAt: number[] = []
let runSeconds = 0
let lastSentAt: number[] = []
const baseline = 'health: ideal, 1,000 × 50 ms waits at concurrency 8 (baseline)'

/** The most messages sent within any one second [t, t + 1000 ms). */
function busiestSecond(times: number[]): number {
  let most = 0
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++
    most = Math.max(most, last - first + 1)
  }
  return most
}

function shortestGap(times: number[]): number {
  let gap = Infinity
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!)
  return Number.isFinite(gap) ? gap : 0
}

export const cases: BenchCase[] = [
  {
    name: baseline,
    iterations: 3,
    timeMs: 0,
    warmupIterations: 1,
    fn: async () => {
      const pool = createKeyedPool(concurrency)
      await Promise.all(
        Array.from({ length: connectionCount }, (_, i) =>
          pool.run(String(i), () => new Promise((resolve) => setTimeout(resolve, answerAfterMs))),
        ),
      )
    },
  },
  {
    name: 'health: check all now, 1,000 connections, provider answers after 50 ms, concurrency 8',
    baseline,
    targetRatio: 1.15,
    iterations: 3,
    timeMs: 0,
    warmupIterations: 1,
    beforeAll: async () => {
      // In a process of its own, as a provider is: its work does not share the checks' event loop.
      provider = await startLoopbackProvider({ body: '{"id":"acct"}', answerAfterMs })
      const url = provider.url
      temp = await coreWith([healthDefinition()])
      temp.core.health.updateSettings({ concurrency })
      for (let i = 0; i < connectionCount; i++)
        temp.core.connections.create({
          id: `c${String(i).padStart(4, '0')}`,
          clientId: 'acme',
          integrationId: 'svc',
          environment: 'production',
          config: { baseUrl: url },
          secrets: { apiKey: `key-${i}` },
        })
      // What a window would receive: every event of the bus through the push channel's batcher.
      const batcher = createPushBatcher({ send: () => void sentAt.push(performance.now()) })
      temp.core.events.subscribe((name, payload) => batcher.push(name, payload))
    },
    beforeEach: () => {
      sentAt = []
    },
    fn: async () => {
      const started = performance.now()
      const { checks } = await temp!.core.health.checkNow({})
      runSeconds = (performance.now() - started) / 1000
      const failing = checks.filter((c) => c.outcome !== 'pass')
      if (failing.length) throw new Error(`${failing.length} checks did not pass: ${failing[0]!.message}`)
    },
    afterEach: async () => {
      // The batch still waiting after the last check belongs to the run too.
      await new Promise((resolve) => setTimeout(resolve, 300))
      lastSentAt = sentAt
    },
    metrics: () => ({
      'renderer messages in the busiest second': {
        value: busiestSecond(lastSentAt),
        unit: 'messages',
        target: 4,
      },
      'shortest gap between renderer messages': {
        value: shortestGap(lastSentAt),
        unit: 'ms',
        target: 250,
        higherIsBetter: true,
      },
      'renderer messages in the run': { value: lastSentAt.length, unit: 'messages' },
      'checks per second': { value: connectionCount / runSeconds, unit: 'checks/s' },
    }),
    afterAll: async () => {
      temp?.dispose()
      provider?.close()
    },
  },
]
