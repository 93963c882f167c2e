// A real core on a fresh temporary data folder, for tests. Nothing is mocked: SQLite file, migrations
// and services are the ones the app runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../src-main/core/index.ts'
import type { CoreHost } from '../../src-main/core/host.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'

export interface TempCore {
  core: Core
  dataDir: string
  dispose(): void
}

export function tempDir(prefix = 'switchboard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function createTempCore(overrides: Partial<CoreHost> = {}): TempCore {
  const dataDir = overrides.dataDir ?? tempDir()
  const core = createCore({
    dataDir,
    appVersion: '0.0.0-test',
    hostKind: 'cli',
    keyProtector: passphraseProtector({}),
    openUrl: async () => {},
    actor: 'tester',
    ...overrides,
  })
  return {
    core,
    dataDir,
    dispose: () => {
      core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
