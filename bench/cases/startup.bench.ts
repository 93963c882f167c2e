// Start-up of the core, which every host pays: a first start (create the database, apply the
// migrations) and a warm start on an existing data folder; plus one round trip through dispatch.
// The CLI as a whole process: cli.bench.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchCase } from '../case.ts'
import { createCore, type Core } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'

const host = (dataDir: string) => ({
  dataDir,
  appVersion: 'bench',
  hostKind: 'cli' as const,
  keyProtector: passphraseProtector({}),
  openUrl: async () => {},
})

let dir = ''
let core: Core | undefined
const freshDir = () => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
}
const cleanUp = () => {
  core?.close()
  core = undefined
  rmSync(dir, { recursive: true, force: true })
}

export const cases: BenchCase[] = [
  {
    name: 'core: first start (create + migrate)',
    iterations: 30,
    timeMs: 0,
    beforeEach: freshDir,
    fn: () => (core = createCore(host(dir))),
    afterEach: cleanUp,
  },
  {
    name: 'core: warm start (existing data folder)',
    iterations: 50,
    timeMs: 0,
    beforeAll: () => {
      freshDir()
      createCore(host(dir)).close()
    },
    fn: () => createCore(host(dir)).close(),
    afterAll: cleanUp,
  },
  {
    name: 'dispatch: app.info round trip',
    beforeAll: () => {
      freshDir()
      core = createCore(host(dir))
    },
    fn: async () => {
      await core?.dispatch('app.info', {})
    },
    afterAll: cleanUp,
  },
]
