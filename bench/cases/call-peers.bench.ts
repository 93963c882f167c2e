// One call from the command line (issue 10), side by side with the peers, in one run, against the same
// loopback server, each as a whole process: `switchboard call` (the bundled bin, the vault opened
// with SWITCHBOARD_PASSPHRASE, the call validated, authorized, recorded), Bruno's CLI (`bru run` of a
// one-request collection) and newman (a one-request Postman collection). Each sample runs the three
// one after the other, so all see the same machine load. Target: ours faster than both, at the median.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchCase } from '../case.ts'
import { loopbackConnection } from '../support/loopback-connection.ts'
import { startLoopbackProvider, type LoopbackProvider } from '../support/loopback-provider.ts'

const root = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const cli = join(root, 'out', 'cli', 'switchboard.js')
const bru = require.resolve('@usebruno/cli/bin/bru.js')
const newman = require.resolve('newman/bin/newman.js')
const apiKey = 'sk_bench_0123456789abcdef'
const passphrase = 'bench passphrase 42'

let work = ''
let server: LoopbackProvider | undefined
let connectionId = ''
const times = { ours: [] as number[], bruno: [] as number[], newman: [] as number[] }

async function setUp(): Promise<void> {
  work = mkdtempSync(join(tmpdir(), 'switchboard-bench-call-'))
  server = await startLoopbackProvider()
  const providerUrl = server.url
  const dataDir = join(work, 'data')
  const { core, connectionId: id } = await loopbackConnection({
    dataDir,
    baseUrl: providerUrl,
    apiKey,
    passphrase,
  })
  connectionId = id
  core.close()

  const url = `${providerUrl}/kind0/items/a1`
  const collection = join(work, 'bruno')
  mkdirSync(collection)
  writeFileSync(
    join(collection, 'bruno.json'),
    JSON.stringify({ version: '1', name: 'bench', type: 'collection' }),
  )
  writeFileSync(
    join(collection, 'get-item.bru'),
    [
      'meta {\n  name: get item\n  type: http\n  seq: 1\n}\n',
      `get {\n  url: ${url}\n  body: none\n  auth: bearer\n}\n`,
      `auth:bearer {\n  token: ${apiKey}\n}\n`,
    ].join('\n'),
  )
  writeFileSync(
    join(work, 'postman.json'),
    JSON.stringify({
      info: {
        name: 'bench',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [
        {
          name: 'get item',
          request: {
            method: 'GET',
            url,
            header: [{ key: 'Accept', value: 'application/json' }],
            auth: { type: 'bearer', bearer: [{ key: 'token', value: apiKey, type: 'string' }] },
          },
        },
      ],
    }),
  )
}

/** Runs one whole process; its wall time in ms. Fails loudly when the process does. */
function timed(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? work,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    maxBuffer: 16 * 1024 * 1024,
  })
  const ms = performance.now() - started
  if (result.status !== 0)
    throw new Error(
      `${args.join(' ')} failed: ${(result.stderr.toString() || result.stdout.toString()).slice(0, 800)}`,
    )
  return ms
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

export const cases: BenchCase[] = [
  {
    name: 'call: switchboard call vs bru run and newman (whole processes, one loopback server)',
    iterations: 10,
    timeMs: 0,
    warmupIterations: 1,
    beforeAll: setUp,
    fn: () => {
      times.ours.push(
        timed(
          [
            cli,
            '--data-dir',
            join(work, 'data'),
            'call',
            connectionId,
            'items.get0',
            '--input',
            '{"itemId":"a1"}',
          ],
          { env: { SWITCHBOARD_PASSPHRASE: passphrase } },
        ),
      )
      times.bruno.push(timed([bru, 'run', 'get-item.bru'], { cwd: join(work, 'bruno') }))
      times.newman.push(timed([newman, 'run', join(work, 'postman.json'), '--reporters', 'cli']))
    },
    metrics: () => {
      const ours = median(times.ours)
      return {
        'switchboard call median': { value: ours, unit: 'ms' },
        'bru run median': { value: median(times.bruno), unit: 'ms' },
        'newman run median': { value: median(times.newman), unit: 'ms' },
        'ours / bru run': { value: ours / median(times.bruno), unit: '×', target: 1 },
        'ours / newman': { value: ours / median(times.newman), unit: '×', target: 1 },
      }
    },
    afterAll: async () => {
      server?.close()
      rmSync(work, { recursive: true, force: true })
    },
  },
]
