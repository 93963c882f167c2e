// `npm run bench`: runs every bench/cases/*.bench.ts with tinybench, prints a table and writes
// bench/results.json. Pass a substring to run only matching cases: npm run bench -- startup
// A case may name a baseline case of the same run; its median is then reported as a ratio to the
// baseline's (machines differ; ratios measured in one run travel), and its peak memory in MiB.
import { readdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Bench } from 'tinybench'
import type { BenchCase } from './case.ts'

const filter = process.argv[2] ?? ''
const casesDir = join(import.meta.dirname, 'cases')
const rows: Record<string, unknown>[] = []

const medians = new Map<string, number>()
const ok = (value: number, target: number | undefined) => (target === undefined ? null : value <= target)

const format = (ms: number) => (ms < 0.01 ? `${(ms * 1000).toFixed(3)} µs` : `${ms.toFixed(3)} ms`)

for (const file of readdirSync(casesDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  const module = (await import(pathToFileURL(join(casesDir, file)).href)) as { cases: BenchCase[] }
  const selected = module.cases.filter((c) => c.name.includes(filter))
  const baselines = new Set(selected.flatMap((c) => (c.baseline ? [c.baseline] : [])))
  for (const benchCase of module.cases.filter((c) => selected.includes(c) || baselines.has(c.name))) {
    const bench = new Bench({
      name: benchCase.name,
      iterations: benchCase.iterations ?? 20,
      time: benchCase.timeMs ?? 500,
      ...(benchCase.warmupIterations !== undefined
        ? { warmup: benchCase.warmupIterations > 0, warmupIterations: benchCase.warmupIterations }
        : {}),
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
    medians.set(benchCase.name, latency.p50)
    const baselineMs = benchCase.baseline ? medians.get(benchCase.baseline) : undefined
    const ratio = baselineMs ? latency.p50 / baselineMs : undefined
    const peakMiB = benchCase.peakMiB ? await benchCase.peakMiB() : undefined
    const metrics = benchCase.metrics?.()
    for (const [label, m] of Object.entries(metrics ?? {})) {
      const within =
        m.target === undefined ? null : m.higherIsBetter ? m.value >= m.target : m.value <= m.target
      console.log(
        `${benchCase.name} · ${label}: ${m.value.toFixed(2)} ${m.unit}` +
          (m.target === undefined
            ? ''
            : ` (${m.higherIsBetter ? '≥' : '≤'} ${m.target}: ${within ? 'yes' : 'NO'})`),
      )
    }
    rows.push({
      case: benchCase.name,
      file,
      samples: latency.samplesCount,
      medianMs: latency.p50,
      p99Ms: latency.p99,
      meanMs: latency.mean,
      targetMs: benchCase.targetMs ?? null,
      withinTarget: benchCase.targetMs === undefined ? null : latency.p50 <= benchCase.targetMs,
      ...(benchCase.baseline
        ? {
            baseline: benchCase.baseline,
            ratio: ratio ?? null,
            targetRatio: benchCase.targetRatio ?? null,
            withinTargetRatio: ratio === undefined ? null : ok(ratio, benchCase.targetRatio),
          }
        : {}),
      ...(metrics ? { metrics } : {}),
      ...(peakMiB !== undefined
        ? {
            peakMiB,
            targetPeakMiB: benchCase.targetPeakMiB ?? null,
            withinTargetPeak: ok(peakMiB, benchCase.targetPeakMiB),
          }
        : {}),
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
    ratio:
      typeof row.ratio === 'number'
        ? `${row.ratio.toFixed(2)}×${typeof row.targetRatio === 'number' ? ` (≤ ${row.targetRatio}×)` : ''}`
        : '',
    peak:
      typeof row.peakMiB === 'number'
        ? `${row.peakMiB.toFixed(0)} MiB${typeof row.targetPeakMiB === 'number' ? ` (≤ ${row.targetPeakMiB})` : ''}`
        : '',
    ok: [row.withinTarget, row.withinTargetRatio, row.withinTargetPeak].some((v) => v === false)
      ? 'NO'
      : [row.withinTarget, row.withinTargetRatio, row.withinTargetPeak].some((v) => v === true)
        ? 'yes'
        : '',
  })),
)
const machine = { node: process.versions.node, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' }
writeFileSync(
  join(import.meta.dirname, 'results.json'),
  JSON.stringify({ at: new Date().toISOString(), machine, results: rows }, null, 2) + '\n',
)
console.log('Wrote bench/results.json (timings are reported, never enforced).')
