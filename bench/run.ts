// `npm run bench`: runs every bench/cases/*.bench.ts with tinybench, prints a table and writes
// bench/results.json. Pass a substring to run only matching cases: npm run bench -- startup
import { readdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Bench } from 'tinybench'
import type { BenchCase } from './case.ts'

const filter = process.argv[2] ?? ''
const casesDir = join(import.meta.dirname, 'cases')
const rows: Record<string, unknown>[] = []

const format = (ms: number) => (ms < 0.01 ? `${(ms * 1000).toFixed(3)} µs` : `${ms.toFixed(3)} ms`)

for (const file of readdirSync(casesDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  const module = (await import(pathToFileURL(join(casesDir, file)).href)) as { cases: BenchCase[] }
  for (const benchCase of module.cases.filter((c) => c.name.includes(filter))) {
    const bench = new Bench({
      name: benchCase.name,
      iterations: benchCase.iterations ?? 20,
      time: benchCase.timeMs ?? 500,
    })
    bench.add(benchCase.name, benchCase.fn, {
      beforeAll: benchCase.beforeAll,
      beforeEach: benchCase.beforeEach,
      afterEach: benchCase.afterEach,
      afterAll: benchCase.afterAll,
    })
    await bench.run()
    const result = bench.tasks[0]?.result
    if (!result || !('latency' in result)) {
      const error = result && 'error' in result ? result.error.message : 'no result'
      rows.push({ case: benchCase.name, file, error })
      console.error(`${benchCase.name}: ${error}`)
      continue
    }
    const { latency } = result
    rows.push({
      case: benchCase.name,
      file,
      samples: latency.samplesCount,
      medianMs: latency.p50,
      p99Ms: latency.p99,
      meanMs: latency.mean,
      targetMs: benchCase.targetMs ?? null,
      withinTarget: benchCase.targetMs === undefined ? null : latency.p50 <= benchCase.targetMs,
    })
  }
}

console.table(
  rows.map((row) => ({
    case: row.case,
    samples: row.samples,
    median: typeof row.medianMs === 'number' ? format(row.medianMs) : row.error,
    p99: typeof row.p99Ms === 'number' ? format(row.p99Ms) : '',
    target: typeof row.targetMs === 'number' ? `≤ ${format(row.targetMs)}` : '',
    ok: typeof row.withinTarget === 'boolean' ? (row.withinTarget ? 'yes' : 'NO') : '',
  })),
)
const machine = { node: process.versions.node, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' }
writeFileSync(
  join(import.meta.dirname, 'results.json'),
  JSON.stringify({ at: new Date().toISOString(), machine, results: rows }, null, 2) + '\n',
)
console.log('Wrote bench/results.json (timings are reported, never enforced).')
