// What the headless hosts (CLI, bridge, MCP server) share to open the core: the app version and the
// CoreHost of a process without Electron — the data folder from --data-dir or the environment, the
// passphrase key protector (the vault opens with SWITCHBOARD_PASSPHRASE or a prompt, never a keyring),
// logs as JSON lines on stderr (stdout belongs to the host: command output, or MCP's stdio channel).
// A neutral module: every host imports it, it imports no host.
import pkg from '../../package.json' with { type: 'json' }
import type { AuditHost } from '../contract/types.ts'
import type { CoreHost } from '../core/host.ts'
import { stderrLogger } from '../core/host.ts'
import { resolveDataDir } from '../core/paths.ts'
import { passphraseProtector } from '../core/vault/key-protector.ts'

export const appVersion: string = pkg.version

export interface HeadlessOptions {
  /** Which host this is, for the audit trail and the leases. */
  hostKind: Extract<AuditHost, 'cli' | 'browser' | 'mcp' | 'scheduler'>
  dataDir?: string | undefined
  env: NodeJS.ProcessEnv
  logLevel?: 'debug' | 'info' | 'warn' | 'error'
  /** Who acts, for the audit trail (default: the OS user). */
  actor?: string
  openUrl(url: string): Promise<void>
}

export function headlessHost(options: HeadlessOptions): CoreHost {
  return {
    dataDir: resolveDataDir(options.dataDir, options.env),
    appVersion,
    hostKind: options.hostKind,
    keyProtector: passphraseProtector(options.env),
    logger: stderrLogger(options.logLevel ?? 'warn'),
    openUrl: options.openUrl,
    ...(options.actor ? { actor: options.actor } : {}),
  }
}
