// `switchboard clients add | list | remove`
import type { Command } from 'commander'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printJson, printTable } from './io.ts'
import { describeRevocation } from './revocation.ts'
import { unlockForChanges, unlockVault } from './vault-access.ts'

export function registerClients(program: Command, context: () => CliContext): void {
  const clients = program
    .command('clients')
    .description('Your clients: each has its own connections and data key')

  clients
    .command('add <name>')
    .description('Add a client')
    .option('--notes <text>', 'notes about the client')
    .option('--json', 'print the client as JSON')
    .action(async (name: string, options: { notes?: string; json?: boolean }) => {
      const { io, core } = context()
      await unlockVault(core(), io)
      const client = core().clients.create({ name, ...(options.notes ? { notes: options.notes } : {}) })
      if (options.json) printJson(io, client)
      else io.stdout(`added client ${client.id} (${client.name})\n`)
    })

  clients
    .command('list')
    .description('List clients')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const { io, core } = context()
      const list = core().clients.list()
      if (options.json) return printJson(io, list)
      printTable(
        io,
        ['ID', 'NAME', 'CONNECTIONS'],
        list.map((c) => [c.id, c.name, String(c.connectionCount)]),
        '(no clients yet: switchboard clients add <name>)',
      )
    })

  clients
    .command('remove <id>')
    .description('Remove a client, its connections and — irrecoverably — their secrets')
    .option('--yes', 'do not ask; required when not in a terminal')
    .action(async (id: string, options: { yes?: boolean }) => {
      const { io, core } = context()
      const client = core().clients.get(id)
      if (!options.yes) {
        throw AppError.invalid(
          `Removing ${client.name} destroys its secrets for good; run again with --yes to confirm.`,
          [{ path: '--yes', message: 'is required to remove a client' }],
        )
      }
      await unlockForChanges(core(), io)
      const { connections, revocations } = await core().removal.removeClient(id)
      io.stdout(`removed client ${id} and ${connections} connection(s); their secrets are destroyed\n`)
      for (const revocation of revocations)
        io.stdout(`  ${revocation.connectionId}: ${describeRevocation(revocation)}\n`)
    })
}
