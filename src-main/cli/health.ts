// `switchboard health [--client <id>] [--env production] [--connection <id>] [--json]`: runs the health
// checks now, through the same health service the app schedules, and exits 1 when any checked
// connection fails (for cron and CI). Each part of a check gives up after the per-check timeout, so a
// hanging provider costs at most that. The vault is opened only with SWITCHBOARD_PASSPHRASE; without
// it, connections with secrets report "locked".
import type { Command } from 'commander'
import type { HealthCheckRecord } from '../contract/health.ts'
import type { Environment } from '../contract/types.ts'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printJson, printTable } from './io.ts'
import { lockedNote, openVaultIfPassphrase } from './vault-access.ts'

const environments: Environment[] = ['production', 'sandbox']

function parseEnvironment(value: string | undefined): Environment | undefined {
  if (value === undefined) return undefined
  if ((environments as string[]).includes(value)) return value as Environment
  throw AppError.invalid(`--env must be production or sandbox, not "${value}".`, [
    { path: '--env', message: 'must be production or sandbox' },
  ])
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const ms = Number(value)
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
    throw AppError.invalid(`--timeout must be a whole number of milliseconds (100–600000), not "${value}".`, [
      { path: '--timeout', message: 'must be an integer between 100 and 600000' },
    ])
  return ms
}

const failed = (check: HealthCheckRecord) => check.outcome === 'fail' || check.outcome === 'locked'

export function registerHealth(program: Command, context: () => CliContext): void {
  program
    .command('health')
    .description('run the health checks of connections now; exit 1 when any fails')
    .option('--client <id>', "only this client's connections")
    .option('--env <environment>', 'only production or sandbox connections')
    .option('--connection <id>', 'only this connection')
    .option('--timeout <ms>', 'per-check timeout in milliseconds (default: the health settings, 10000)')
    .option('--json', 'print every check with its parts as JSON')
    .action(
      async (options: {
        client?: string
        env?: string
        connection?: string
        timeout?: string
        json?: boolean
      }) => {
        const environment = parseEnvironment(options.env)
        const timeoutMs = parseTimeout(options.timeout)
        const ctx = context()
        const core = ctx.core()
        if (options.client) core.clients.get(options.client)
        const note = lockedNote(await openVaultIfPassphrase(core, ctx.io))
        const { run, checks } = await core.health.checkNow(
          {
            ...(options.connection ? { connectionId: options.connection } : {}),
            ...(options.client ? { clientId: options.client } : {}),
            ...(environment ? { environment } : {}),
          },
          'cli',
          timeoutMs ? { timeoutMs } : {},
        )
        const ordered = [...checks].sort(
          (a, b) => Number(failed(b)) - Number(failed(a)) || a.connectionId.localeCompare(b.connectionId),
        )
        if (options.json) printJson(ctx.io, { run, checks: ordered })
        else {
          printTable(
            ctx.io,
            ['CONNECTION', 'OUTCOME', 'LATENCY', 'TOOK', 'MESSAGE'],
            ordered.map((c) => [
              c.connectionId,
              c.outcome,
              c.latencyMs === null ? '-' : `${c.latencyMs} ms`,
              `${c.durationMs} ms`,
              c.message ?? '',
            ]),
            '(no connections to check)',
          )
        }
        const failures = checks.filter(failed).length
        ctx.io.stderr(
          `${checks.length} checked: ${checks.length - failures} ok, ${failures} failing` +
            (run.total > checks.length ? `, ${run.total - checks.length} could not run` : '') +
            '\n',
        )
        if (note && checks.some((c) => c.outcome === 'locked')) ctx.io.stderr(note)
        if (failures > 0 || run.failed > 0) process.exitCode = 1
      },
    )
}
