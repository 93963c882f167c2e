// The CLI as users run it (issue 9): the bundled bin (out/cli/switchboard.js, `npm run build`) as a
// whole process, against a bare `node -e 0` measured in the same run. Targets: `--version` ≤ 3×,
// `definitions list --json` and `connections list --json` on a warm data folder ≤ 5×, peak ≤ 150 MiB.
// Listing with SWITCHBOARD_PASSPHRASE set opens the vault (one scrypt derivation, 128 MiB by design,
// see core/vault/passphrase.ts): reported beside the others, without a target.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchCase } from '../case.ts'

const root = resolve(import.meta.dirname, '../..')
const cli = join(root, 'out', 'cli', 'switchboard.js')
const peakHook = pathToFileURL(join(root, 'bench', 'support', 'report-peak-rss.mjs')).href
const passphrase = 'bench passphrase 42'
let dataDir = ''

function run(args: string[], env: Record<string, string> = {}, input = ''): void {
  const result = spawnSync(process.execPath, args, {
    input,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  })
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr.toString()}`)
}

const switchboard = (args: string[], env: Record<string, string> = {}, input = '') => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`)
  run([cli, '--data-dir', dataDir, ...args], env, input)
}

/** One more run with the peak-RSS hook preloaded; its maxRSS in MiB. */
function peakOf(args: string[], env: Record<string, string> = {}): number {
  const file = join(dataDir, 'peak-rss')
  run(['--import', peakHook, ...args], { ...env, SWITCHBOARD_BENCH_RSS_FILE: file })
  return Number(readFileSync(file, 'utf8')) / 2 ** 20
}

const baseline = 'cli: node -e 0 (baseline)'
const processCase = (
  name: string,
  args: () => string[],
  targets: Partial<BenchCase>,
  env: Record<string, string> = {},
): BenchCase => ({
  name,
  baseline,
  targetPeakMiB: 150,
  iterations: 15,
  timeMs: 0,
  fn: () => run(args(), env),
  peakMiB: () => peakOf(args(), env),
  ...targets,
})

export const cases: BenchCase[] = [
  {
    name: baseline,
    iterations: 15,
    timeMs: 0,
    beforeAll: () => {
      dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-cli-'))
      // A warm data folder: created, migrated, catalog loaded, one client with two connections.
      switchboard(['clients', 'add', 'Acme'], { SWITCHBOARD_PASSPHRASE: passphrase })
      for (const environment of ['sandbox', 'production']) {
        switchboard(
          ['connections', 'create', '--integration', 'github', '--client', 'acme', '--env', environment],
          { SWITCHBOARD_PASSPHRASE: passphrase },
        )
      }
    },
    fn: () => run(['-e', '0']),
    peakMiB: () => peakOf(['-e', '0']),
  },
  processCase('cli: switchboard --version', () => [cli, '--version'], { targetRatio: 3 }),
  processCase(
    'cli: definitions list --json (warm)',
    () => [cli, '--data-dir', dataDir, 'definitions', 'list', '--json'],
    {
      targetRatio: 5,
    },
  ),
  processCase(
    'cli: connections list --json (warm)',
    () => [cli, '--data-dir', dataDir, 'connections', 'list', '--json'],
    {
      targetRatio: 5,
    },
  ),
  processCase(
    'cli: connections list --json, vault opened by SWITCHBOARD_PASSPHRASE',
    () => [cli, '--data-dir', dataDir, 'connections', 'list', '--json'],
    { targetPeakMiB: undefined },
    { SWITCHBOARD_PASSPHRASE: passphrase },
  ),
  {
    name: 'cli: switchboard doctor --json (warm)',
    baseline,
    iterations: 10,
    timeMs: 0,
    fn: () => run([cli, '--data-dir', dataDir, 'doctor', '--json']),
    afterAll: () => rmSync(dataDir, { recursive: true, force: true }),
  },
]
