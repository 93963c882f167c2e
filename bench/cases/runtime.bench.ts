// The runtime's own cost (issue 10): a small method called through runtime.invoke — input validated,
// the API key applied, output validated, masked, and recorded with its history row and audit events
// in one transaction — against the same request sent with bare fetch to the same loopback server, in
// the same run. Target: ≤ 1.15× at the median. Each sample is one bare fetch then one call, timed
// apart, so both see the same warmed-up server, JIT and machine load (run one after the other, the
// later case ran against a faster-warmed fetch and the ratio drifted by 2× between runs). The mean is
// reported too: a read's record commits in batches (db/write.ts writeSoon), whose cost the median
// skips and the mean carries.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchCase } from '../case.ts'
import type { Core } from '../../src-main/core/index.ts'
import { loopbackConnection } from '../support/loopback-connection.ts'
import { json, startProvider, type Provider } from '../../test/support/provider.ts'

const apiKey = 'sk_bench_0123456789abcdef'
let dataDir = ''
let core: Core | undefined
let provider: Provider | undefined
let connectionId = ''
const fetchMs: number[] = []
const invokeMs: number[] = []

async function setUp(): Promise<void> {
  if (core) return
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-runtime-'))
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  ;({ core, connectionId } = await loopbackConnection({
    dataDir,
    baseUrl: provider.url,
    apiKey,
    passphrase: 'bench passphrase 42',
  }))
  await core.connectorsLoaded
  const first = await core.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
  if (first.status !== 'success') throw new Error(`the bench call failed: ${first.error?.message}`)
}

async function tearDown(): Promise<void> {
  core?.close()
  await provider?.close()
  rmSync(dataDir, { recursive: true, force: true })
  core = undefined
  provider = undefined
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length

export const cases: BenchCase[] = [
  {
    name: 'runtime: runtime.invoke beside bare fetch, interleaved',
    iterations: 2000,
    timeMs: 0,
    warmupIterations: 100,
    beforeAll: async () => {
      await setUp()
      fetchMs.length = 0
      invokeMs.length = 0
    },
    // tinybench's warm-up runs this too; the first 100 pairs are dropped in metrics().
    fn: async () => {
      let start = performance.now()
      const response = await fetch(`${provider!.url}/kind0/items/a1`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
      })
      await response.json()
      fetchMs.push(performance.now() - start)
      start = performance.now()
      const result = await core!.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
      invokeMs.push(performance.now() - start)
      if (result.status !== 'success') throw new Error(result.error?.message ?? result.status)
    },
    metrics: () => {
      const f = fetchMs.slice(100)
      const i = invokeMs.slice(100)
      return {
        'bare fetch median': { value: median(f), unit: 'ms' },
        'runtime.invoke median': { value: median(i), unit: 'ms' },
        'median ratio': { value: median(i) / median(f), unit: '×', target: 1.15 },
        'mean ratio (with the batched commits)': { value: mean(i) / mean(f), unit: '×' },
      }
    },
    afterAll: tearDown,
  },
]
