// What every command needs: the global options, and a core opened on demand (so --help and usage
// errors never touch the data folder). The core's modules are loaded only when a command runs
// (loadCoreModule, from the program's preAction hook): --help and --version stay instant.
import pkg from '../../package.json' with { type: 'json' }
import type * as CoreModule from '../core/index.ts'
import type { Core } from '../core/index.ts'
import { stderrLogger } from '../core/host.ts'
import { resolveDataDir } from '../core/paths.ts'
import { passphraseProtector } from '../core/vault/key-protector.ts'
import type { CliIo } from './io.ts'
import { recoveryMessage } from '../contract/recovery.ts'

export interface GlobalOptions {
  dataDir?: string
  verbose?: boolean
}

export interface CliContext {
  io: CliIo
  dataDir: string
  core(): Core
  close(): void
}

export const appVersion = pkg.version

let coreModule: typeof CoreModule | undefined

export async function loadCoreModule(): Promise<void> {
  coreModule ??= await import('../core/index.ts')
}

export function createContext(io: CliIo, options: GlobalOptions): CliContext {
  const dataDir = resolveDataDir(options.dataDir, io.env)
  let core: Core | undefined
  return {
    io,
    dataDir,
    core: () => {
      if (core) return core
      core = requireCoreModule().createCore({
        dataDir,
        appVersion,
        hostKind: 'cli',
        keyProtector: passphraseProtector(io.env),
        // Errors only by default: the CLI says what matters itself (the recovery below, for one).
        logger: stderrLogger(options.verbose ? 'debug' : 'warn'),
        // The CLI prints URLs; commands that open a browser pass their own opener (see auth login).
        openUrl: async (url) => io.stderr(`Open this URL: ${url}\n`),
      })
      const { recovery } = core.info()
      if (recovery) io.stderr(`switchboard: ${recoveryMessage(recovery)}\n`)
      return core
    },
    close: () => core?.close(),
  }
}

function requireCoreModule(): typeof CoreModule {
  if (!coreModule) throw new Error('the core is loaded before a command runs (preAction hook)')
  return coreModule
}
