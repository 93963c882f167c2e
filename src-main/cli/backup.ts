// `switchboard backup [--out <file>]`, `switchboard backup list`, `switchboard restore <file>`: the
// same backup service the app's Settings page calls.
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printJson, printTable } from './io.ts'
import { unlockForChanges } from './vault-access.ts'

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`

export function registerBackup(program: Command, context: () => CliContext): void {
  const backup = program
    .command('backup')
    .description('Back up the database (SQLite online backup; secrets stay sealed), or list the backups')
    .option('--out <file>', 'write the backup to this file instead of the backups folder')
    .option('--json', 'print the result as JSON')
    .action(async (options: { out?: string; json?: boolean }) => {
      const { io, core } = context()
      if (options.out && existsSync(options.out))
        throw AppError.invalid(`${options.out} already exists; choose a new file name.`, [
          { path: '--out', message: 'already exists' },
        ])
      await unlockForChanges(core(), io)
      const made = await core().backups.create('manual', options.out)
      if (options.json) printJson(io, made)
      else io.stdout(`backed up to ${options.out ?? made.name} (${megabytes(made.bytes)})\n`)
    })

  backup
    .command('list')
    .description('The backups in the data folder, newest first')
    .option('--json', 'print them as JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const { io, core } = context()
      const view = core().backups.list()
      // `backup --json` is the parent's option too, and commander gives it to the parent.
      if (options.json || command.parent?.opts<{ json?: boolean }>().json) return printJson(io, view)
      if (view.backups.length === 0) {
        io.stdout(`No backups yet in ${view.folder}. Make one with: switchboard backup\n`)
        return
      }
      printTable(
        io,
        ['NAME', 'AT', 'REASON', 'SIZE'],
        view.backups.map((b) => [b.name, b.at, b.reason, megabytes(b.bytes)]),
      )
      io.stdout(`(keeping the newest ${view.keep}, in ${view.folder})\n`)
    })

  program
    .command('restore <file>')
    .description(
      'Replace the database with a backup (a name from `backup list`, or a file); the current one is kept aside first',
    )
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { io, core } = context()
      const known = core()
        .backups.list()
        .backups.some((b) => b.name === file)
      if (!known && !existsSync(file))
        throw AppError.invalid(`${file} is neither a backup in the backups folder nor a file.`, [
          { path: 'file', message: 'does not exist' },
        ])
      await unlockForChanges(core(), io)
      const result = await core().backups.restore(file, { allowPaths: !known })
      if (options.json) printJson(io, result)
      else
        io.stdout(`restored ${result.restoredFrom}; the database as it was is kept as ${result.keptAside}\n`)
    })
}
