import type { Command } from 'commander'
import type { AppInfo, AuditVerification, ConnectorsReport, VaultStatus } from '../contract/types.ts'
import type { CliContext } from './context.ts'
import { openVaultIfPassphrase, type VaultOpening } from './vault-access.ts'
import { printFields, printJson } from './io.ts'

interface DoctorReport extends AppInfo {
  audit: AuditVerification
  vault: VaultStatus
  connectors: ConnectorsReport
  checks: { name: string; ok: boolean; detail: string }[]
}

function nodeSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 12)
}

/** The vault line and check: opened the way other commands open it, so both say the same thing. */
async function vaultCheck(context: CliContext): Promise<{ ok: boolean; detail: string }> {
  let opening: VaultOpening
  try {
    opening = await openVaultIfPassphrase(context.core(), context.io)
  } catch (error) {
    return { ok: false, detail: `SWITCHBOARD_PASSPHRASE does not open it: ${(error as Error).message}` }
  }
  if (opening.opened) return { ok: true, detail: 'opens with SWITCHBOARD_PASSPHRASE' }
  const detail = {
    uninitialized: 'none yet: the first command that stores a secret creates it (e.g. clients add)',
    'no-passphrase': 'passphrase set; commands that need secrets ask for it or read SWITCHBOARD_PASSPHRASE',
    'keyring-only': 'opens with the app’s OS keyring only: set a passphrase in Settings to use it here',
  }[opening.why]
  return { ok: true, detail }
}

export async function doctorReport(context: CliContext): Promise<DoctorReport> {
  const core = context.core()
  const vault = await vaultCheck(context)
  await core.connectorsLoaded
  const connectors = core.connectors.report()
  const info = core.info()
  const audit = core.audit.verify()
  const altered = info.migrations.filter((m) => !m.intact)
  const catalog = core.definitions.catalog()
  const checks = [
    {
      name: 'node',
      ok: nodeSupported(info.runtime.node),
      detail: `Node ${info.runtime.node} (needs >= 22.12)`,
    },
    {
      name: 'migrations',
      ok: altered.length === 0 && info.migrations.every((m) => m.applied),
      detail: altered.length
        ? `changed after applying: ${altered.map((m) => m.tag).join(', ')}`
        : 'all applied and intact',
    },
    {
      name: 'definitions',
      ok: catalog.rejected.length === 0,
      detail: `${catalog.total} installed${catalog.rejected.length ? `; rejected: ${catalog.rejected.map((r) => r.file).join(', ')}` : ''}`,
    },
    {
      name: 'connectors',
      ok: connectors.failures.length === 0,
      detail:
        `${connectors.connectors.map((c) => c.name).join(', ')}` +
        (connectors.failures.length
          ? `; failed: ${connectors.failures.map((f) => `${f.name} (${f.reason})`).join('; ')}`
          : ''),
    },
    {
      name: 'audit',
      // A locked vault leaves keyed hashes unchecked: not a failure of the data (`audit verify` unlocks).
      ok:
        audit.ok ||
        (audit.brokenAt === null && !audit.keyChecked && audit.reason?.includes('unlock') === true),
      detail: audit.ok
        ? `${audit.checked} events, chain intact`
        : (audit.reason ?? `chain broken at event ${audit.brokenAt}`),
    },
    { name: 'vault', ...vault },
  ]
  return { ...info, audit, vault: core.vault.status(), connectors, checks }
}

export function registerDoctor(program: Command, context: () => CliContext): void {
  program
    .command('doctor')
    .description('Check the data folder, database schema, runtime and key protector')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const ctx = context()
      const report = await doctorReport(ctx)
      if (options.json) printJson(ctx.io, report)
      else {
        printFields(ctx.io, [
          ['Data folder', report.dataDir],
          ['Database', report.databaseFile],
          ['Schema version', `${report.schemaVersion} (${report.migrations.at(-1)?.tag ?? 'none'})`],
          ['Node', report.runtime.node],
          ['Key protector', `${report.keyProtector.kind} — ${report.keyProtector.detail}`],
          ['Vault', `${report.vault.state}${report.vault.passphraseSet ? ', passphrase set' : ''}`],
          ...report.checks.map((c): [string, string] => [
            `Check ${c.name}`,
            `${c.ok ? 'ok' : 'FAILED'} — ${c.detail}`,
          ]),
        ])
      }
      if (report.checks.some((c) => !c.ok)) process.exitCode = 1
    })
}
