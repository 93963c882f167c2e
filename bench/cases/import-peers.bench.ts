// OpenAPI import side by side with the peers (issue 8 §5), in one run, on the same file (GitHub's REST
// description from @octokit/openapi), each as a whole process, measured the same way: wall time, and
// peak RSS written by a preloaded hook (bench/peers/rss-on-exit.ts).
//   ours:    `switchboard definitions import <file> --openapi` on a fresh data folder (every operation
//            a method), through the CLI entry in package.json's bin
//   Bruno:   @usebruno/converters openApiToBruno (bench/peers/bruno.ts)
//   Postman: openapi-to-postmanv2 convert (bench/peers/postman.ts)
// Target: ours at most half the faster peer's time, with a lower peak. Reported as ratios, never enforced.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchCase } from '../case.ts'

const root = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const githubPath = require.resolve('@octokit/openapi/generated/api.github.com.json')
const cli = join(
  root,
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { switchboard: string } }).bin
    .switchboard,
)
const rssHook = join(root, 'bench/peers/rss-on-exit.ts')

interface Run {
  ms: number
  rssMiB: number
}

/** Runs `node --import <rss hook> ...argsOf(scratch folder)` once; its wall time and peak RSS. */
function run(argsOf: (work: string) => string[]): Run {
  const work = mkdtempSync(join(tmpdir(), 'switchboard-bench-peer-'))
  try {
    const args = argsOf(work)
    const rssFile = join(work, 'rss')
    const started = performance.now()
    const result = spawnSync(process.execPath, ['--import', rssHook, ...args], {
      env: { ...process.env, SWITCHBOARD_BENCH_RSS_FILE: rssFile },
      maxBuffer: 64 * 1024 * 1024,
    })
    const ms = performance.now() - started
    if (result.status !== 0)
      throw new Error(`${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`)
    return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const fmt = (run: Run) => `${(run.ms / 1000).toFixed(2)} s, ${run.rssMiB.toFixed(0)} MiB`

export const cases: BenchCase[] = [
  {
    name: 'definitions: GitHub OpenAPI import vs Bruno and Postman (processes)',
    iterations: 1,
    timeMs: 0,
    fn: () => {
      const ours = run((work) => [
        cli,
        '--data-dir',
        join(work, 'data'),
        'definitions',
        'import',
        githubPath,
        '--openapi',
      ])
      const bruno = run((work) => [join(root, 'bench/peers/bruno.ts'), githubPath, join(work, 'out.json')])
      const postman = run((work) => [
        join(root, 'bench/peers/postman.ts'),
        githubPath,
        join(work, 'out.json'),
      ])
      const faster = bruno.ms <= postman.ms ? bruno : postman
      const lowerPeak = Math.min(bruno.rssMiB, postman.rssMiB)
      console.log(
        [
          `  GitHub OpenAPI import, whole processes (CLI entry ${cli.slice(root.length + 1)}):`,
          `    ours    ${fmt(ours)}`,
          `    Bruno   ${fmt(bruno)}`,
          `    Postman ${fmt(postman)}`,
          `    time ours / faster peer = ${(ours.ms / faster.ms).toFixed(2)} (target ≤ 0.50); ` +
            `ours / Bruno ${(ours.ms / bruno.ms).toFixed(2)}, ours / Postman ${(ours.ms / postman.ms).toFixed(2)}`,
          `    peak RSS ours / lower peer = ${(ours.rssMiB / lowerPeak).toFixed(2)} (target < 1.00)`,
        ].join('\n'),
      )
    },
  },
]
