// `switchboard audit verify | list | export`: the trail every host writes, checked and read from the CLI.
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { AuditFilter } from '../contract/types.ts'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printJson, printTable } from './io.ts'
import { unlockForChanges } from './vault-access.ts'

interface FilterOptions {
  client?: string
  connection?: string
  kind?: string
  since?: string
  until?: string
}

function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  const time = Date.parse(value)
  if (Number.isNaN(time))
    throw AppError.invalid(`${name} must be a date or date-time such as 2026-12-01 or 2026-12-01T09:00Z.`, [
      { path: name, message: 'is not a date' },
    ])
  return new Date(time).toISOString()
}

function filterOf(options: FilterOptions): AuditFilter {
  const since = dateOption(options.since, '--since')
  const until = dateOption(options.until, '--until')
  return {
    ...(options.client ? { clientId: options.client } : {}),
    ...(options.connection ? { connectionId: options.connection } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  }
}

const filterOptions = (command: Command) =>
  command
    .option('--client <id>', 'only events about this client')
    .option('--connection <id>', 'only events about this connection')
    .option('--kind <action>', 'an action (connection.created) or its family (connection)')
    .option('--since <date>', 'events at or after this date-time')
    .option('--until <date>', 'events at or before this date-time')

export function registerAudit(program: Command, context: () => CliContext): void {
  const audit = program.command('audit').description('The audit trail: verify, list and export it')

  audit
    .command('verify')
    .description('Check the chain (keys, links and the head kept outside the database); exit 1 if broken')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { io, core } = context()
      // Keyed hashes can only be checked with the vault's key.
      await unlockForChanges(core(), io)
      const result = core().audit.verify()
      if (options.json) printJson(io, result)
      else if (result.ok)
        io.stdout(
          `ok: ${result.checked} events, chain intact${result.keyChecked ? ', keys checked' : ''}${result.headSeq ? `, head #${result.headSeq}` : ''}\n`,
        )
      else
        io.stdout(
          `${result.brokenAt !== null ? `broken at event #${result.brokenAt}` : 'not verified'}: ${result.reason}\n`,
        )
      if (!result.ok) process.exitCode = 1
    })

  filterOptions(audit.command('list').description('List events, newest first'))
    .option('--limit <n>', 'at most this many events', '100')
    .option('--json', 'print the events as JSON')
    .action((options: FilterOptions & { limit: string; json?: boolean }) => {
      const { io, core } = context()
      const limit = Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100000)
        throw AppError.invalid('--limit must be a whole number from 1 to 100000.', [
          { path: '--limit', message: 'is not a whole number from 1 to 100000' },
        ])
      const page = core().audit.list({ ...filterOf(options), limit })
      if (options.json) printJson(io, page.events)
      else
        printTable(
          io,
          ['SEQ', 'AT', 'HOST', 'USER', 'ACTION', 'TARGET'],
          page.events.map((e) => [String(e.seq), e.at, e.host, e.actor, e.action, e.target ?? '']),
          'No events recorded (yet).',
        )
    })

  filterOptions(audit.command('export').description('Write the events as JSON Lines, oldest first'))
    .requiredOption('--out <file>', 'the .jsonl file to write')
    .action(async (options: FilterOptions & { out: string }) => {
      const { io, core } = context()
      await unlockForChanges(core(), io)
      const exported = core().exportAudit(filterOf(options))
      writeFileSync(options.out, exported.content, { mode: 0o600 })
      io.stderr(`wrote ${exported.events} events to ${options.out}\n`)
    })
}
