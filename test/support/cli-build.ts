// Vitest global set-up of the core project: the CLI tests run the built bundle (test/support/cli.ts),
// so rebuild it when any source is newer than it. `npm test` has just built it and this is a no-op;
// a developer running one CLI test after an edit gets the edit, not yesterday's bundle.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { cliEntry, projectRoot } from './cli.ts'

function newestChange(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)))
  return newest
}

export default function buildCliWhenStale(): void {
  let built = 0
  try {
    built = statSync(cliEntry).mtimeMs
  } catch {
    // not built yet
  }
  const sources = ['src-main', 'package.json', 'package-lock.json', join('scripts', 'build-cli.mjs')]
  if (built > Math.max(...sources.map((p) => newestChange(join(projectRoot, p))))) return
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-cli.mjs')], {
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('building the CLI bundle failed (scripts/build-cli.mjs)')
}
