// `switchboard connectors list | certify <name>`: the connectors the registry loaded (built-ins and
// the manifest's), the manifest entries that failed with their reasons, and the conformance suite run
// on any of them.
import type { Command } from 'commander'
import type { CliContext } from './context.ts'
import { printJson, printTable } from './io.ts'

export function registerConnectors(program: Command, context: () => CliContext): void {
  const connectors = program.command('connectors').description('Connectors: built-in and from the manifest')

  connectors
    .command('list')
    .description('List loaded connectors and manifest entries that failed')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const { io, core } = context()
      const c = core()
      await c.connectorsLoaded
      const report = c.connectors.report()
      if (options.json) return printJson(io, report)
      printTable(
        io,
        ['NAME', 'SOURCE', 'UNSUPPORTED'],
        report.connectors.map((k) => [
          k.name,
          k.module ?? k.source,
          k.operations
            .filter((op) => !op.supported)
            .map((op) => op.name)
            .join(', ') || '-',
        ]),
      )
      for (const failure of report.failures) io.stderr(`failed: ${failure.name}: ${failure.reason}\n`)
      if (report.failures.length) process.exitCode = 1
    })

  connectors
    .command('certify')
    .description('Run the connector conformance suite on a connector')
    .argument('<name>', 'a connector name from `connectors list`')
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { io, core } = context()
      const c = core()
      await c.connectorsLoaded
      const connector = c.connectors.get(name)
      const { certify } = await import('../core/connectors/certify.ts')
      const report = await certify(connector)
      if (options.json) printJson(io, report)
      else {
        printTable(
          io,
          ['CHECK', 'RESULT', 'DETAIL'],
          report.checks.map((check) => [check.name, check.ok ? 'ok' : 'FAILED', check.detail]),
        )
        io.stdout(report.ok ? `${name} is certified.\n` : `${name} failed certification.\n`)
      }
      if (!report.ok) process.exitCode = 1
    })
}
