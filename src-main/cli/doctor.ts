import type { Command } from 'commander'
import type { AppInfo, AuditVerification, VaultStatus } from '../contract/types.ts'
import type { CliContext } from './context.ts'
import { printFields, printJson } from './io.ts'

interface DoctorReport extends AppInfo {
  audit: AuditVerification
  vault: VaultStatus
  checks: { name: string; ok: boolean; detail: string }[]
}

function nodeSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 12)
}

export function doctorReport(context: CliContext): DoctorReport {
  const core = context.core()
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
      name: 'audit',
      // A locked vault leaves keyed hashes unchecked: not a failure of the data (`audit verify` unlocks).
      ok:
        audit.ok ||
        (audit.brokenAt === null && !audit.keyChecked && audit.reason?.includes('unlock') === true),
      detail: audit.ok
        ? `${audit.checked} events, chain intact`
        : (audit.reason ?? `chain broken at event ${audit.brokenAt}`),
    },
  ]
  return { ...info, audit, vault: core.vault.status(), checks }
}

export function registerDoctor(program: Command, context: () => CliContext): void {
  program
    .command('doctor')
    .description('Check the data folder, database schema, runtime and key protector')
    .option('--json', 'print the report as JSON')
    .action((options: { json?: boolean }) => {
      const ctx = context()
      const report = doctorReport(ctx)
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
