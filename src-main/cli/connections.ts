// `switchboard connections create | list | show | update-config | upgrade | rotate-secret | delete | export | import`
import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Environment } from '../contract/types.ts'
import { AppError } from '../core/errors.ts'
import { environmentMismatches } from '../contract/secret-environment.ts'
import type { IntegrationDefinition } from '../contract/definition-format.ts'
import type { CliContext } from './context.ts'
import { printFields, printJson, printTable, type CliIo } from './io.ts'
import { parseJsonObject, readStdin } from './stdin.ts'
import { describeRevocation } from './revocation.ts'
import { lockedNote, openVaultIfPassphrase, unlockForChanges, unlockVault } from './vault-access.ts'

/**
 * Says when a secret looks like another environment's key. On sandbox that is all; on production the
 * core refuses it unless --confirm-environment is given.
 */
function warnEnvironment(
  io: CliIo,
  definition: IntegrationDefinition,
  environment: Environment,
  secrets: Record<string, string> | undefined,
): void {
  for (const issue of environmentMismatches(definition, environment, secrets))
    io.stderr(`warning: ${issue.path}: ${issue.message}\n`)
}

function environmentOf(value: string | undefined): Environment | undefined {
  if (value === undefined) return undefined
  if (value !== 'sandbox' && value !== 'production') {
    throw AppError.invalid(`--env must be sandbox or production (got "${value}").`, [
      { path: '--env', message: 'must be sandbox or production' },
    ])
  }
  return value
}

async function secretsFromStdin(): Promise<Record<string, string>> {
  const value = parseJsonObject((await readStdin('secret JSON')).trim(), '--secret-stdin')
  for (const [field, secret] of Object.entries(value)) {
    if (typeof secret !== 'string')
      throw AppError.invalid(`Secret ${field} must be a string.`, [
        { path: `secrets.${field}`, message: 'must be a string' },
      ])
  }
  return value as Record<string, string>
}

const passphraseFromStdin = async () => (await readStdin('passphrase')).replace(/\r?\n$/, '')

export function registerConnections(program: Command, context: () => CliContext): void {
  const connections = program.command('connections').description("Your clients' connections to integrations")

  connections
    .command('create')
    .description('Create a connection (secrets as a JSON object on standard input)')
    .requiredOption('--integration <id>', 'integration definition id, e.g. stripe')
    .requiredOption('--client <id>', 'client id')
    .requiredOption('--env <environment>', 'sandbox or production')
    .option('--config <json>', 'configuration as a JSON object', '{}')
    .option('--secret-stdin', 'read the secrets as a JSON object from standard input')
    .option('--id <id>', 'connection id (default conn_<integration>_<client>_<env>)')
    .option('--label <text>', 'a label')
    .option('--confirm-environment', 'accept secrets that look like another environment’s')
    .option('--json', 'print the connection as JSON')
    .action(
      async (options: {
        integration: string
        client: string
        env: string
        config: string
        secretStdin?: boolean
        id?: string
        label?: string
        confirmEnvironment?: boolean
        json?: boolean
      }) => {
        const { io, core } = context()
        const environment = environmentOf(options.env) as Environment
        const config = parseJsonObject(options.config, '--config')
        const secrets = options.secretStdin ? await secretsFromStdin() : undefined
        await unlockVault(core(), io)
        if (core().definitions.has(options.integration))
          warnEnvironment(io, core().definitions.current(options.integration), environment, secrets)
        const view = core().connections.create({
          clientId: options.client,
          integrationId: options.integration,
          environment,
          config,
          ...(secrets ? { secrets } : {}),
          ...(options.id ? { id: options.id } : {}),
          ...(options.label ? { label: options.label } : {}),
          ...(options.confirmEnvironment ? { confirmEnvironment: true } : {}),
        })
        if (options.json) printJson(io, view)
        else io.stdout(`created ${view.id} (${view.status})\n`)
      },
    )

  connections
    .command('list')
    .description('List connections')
    .option('--client <id>', 'only this client')
    .option('--env <environment>', 'only sandbox or production')
    .option('--json', 'print as JSON')
    .action(async (options: { client?: string; env?: string; json?: boolean }) => {
      const { io, core } = context()
      const environment = environmentOf(options.env)
      const opening = await openVaultIfPassphrase(core(), io)
      const list = core().connections.list({
        ...(options.client ? { clientId: options.client } : {}),
        ...(environment ? { environment } : {}),
      })
      const note = list.some((c) => c.status === 'locked') ? lockedNote(opening) : null
      if (note) io.stderr(note)
      if (options.json) return printJson(io, list)
      printTable(
        io,
        ['ID', 'CLIENT', 'INTEGRATION', 'ENV', 'STATUS', 'VERSION'],
        list.map((c) => [
          c.id,
          c.clientId,
          c.integrationId,
          c.environment === 'production' ? 'PRODUCTION' : 'sandbox',
          c.status,
          c.definitionVersion,
        ]),
        '(no connections yet: switchboard connections create …)',
      )
    })

  connections
    .command('show <id>')
    .description('Show a connection (secrets only as masked hints)')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { io, core } = context()
      const opening = await openVaultIfPassphrase(core(), io)
      const view = core().connections.get(id)
      const note = view.status === 'locked' ? lockedNote(opening) : null
      if (note) io.stderr(note)
      if (options.json) return printJson(io, view)
      printFields(io, [
        ['Connection', view.id],
        ['Client', `${view.clientName} (${view.clientId})`],
        [
          'Integration',
          `${view.integrationName} ${view.definitionVersion}${view.upgradeAvailable ? ` (upgrade available: ${view.upgradeAvailable})` : ''}`,
        ],
        ['Environment', view.environment],
        ['Status', `${view.status}${view.lastErrorMessage ? ` — ${view.lastErrorMessage}` : ''}`],
        ['Config', JSON.stringify(view.config)],
        [
          'Secrets',
          view.secrets.map((s) => `${s.field} ${s.hint} (v${s.version}, set ${s.setAt})`).join('; ') ||
            '(none)',
        ],
        ...(view.missingSecrets.length
          ? [['Missing', view.missingSecrets.join(', ')] as [string, string]]
          : []),
      ])
    })

  connections
    .command('update-config <id>')
    .description('Replace the configuration of a connection')
    .requiredOption('--config <json>', 'configuration as a JSON object')
    .action(async (id: string, options: { config: string }) => {
      const { io, core } = context()
      await unlockForChanges(core(), io)
      const view = core().connections.updateConfig(id, parseJsonObject(options.config, '--config'))
      io.stdout(`updated ${view.id}: ${JSON.stringify(view.config)}\n`)
    })

  connections
    .command('upgrade <id>')
    .description(
      'Move a connection to a newer installed version of its definition (default: the newest), after checking its settings against that version',
    )
    .option('--to <version>', 'the version to move to (default: the newest installed)')
    .option(
      '--config <json>',
      'settings for the new version as a JSON object, merged over the current ones (e.g. a newly required field)',
    )
    .option('--confirm-endpoints', 'accept that sign-in, refresh or requests move to other hosts')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--json', 'print the plan as JSON')
    .action(
      async (
        id: string,
        options: {
          to?: string
          config?: string
          confirmEndpoints?: boolean
          dryRun?: boolean
          json?: boolean
        },
      ) => {
        const { io, core } = context()
        const extra = options.config === undefined ? undefined : parseJsonObject(options.config, '--config')
        if (!options.dryRun) await unlockForChanges(core(), io)
        const current = core().connections.row(id)
        const plan = core().upgrade(id, {
          apply: !options.dryRun,
          ...(options.to ? { version: options.to } : {}),
          ...(extra ? { config: { ...current.config, ...extra } } : {}),
          ...(options.confirmEndpoints ? { confirmEndpoints: true } : {}),
        })
        if (options.json) return printJson(io, plan)
        io.stdout(`${plan.applied ? 'upgraded' : 'plan for'} ${id}: ${plan.from} → ${plan.to}\n`)
        for (const change of plan.changes)
          io.stdout(`  ${change.path}: ${change.change} (${change.detail})\n`)
        for (const move of plan.endpointChanges)
          io.stdout(`  ${move.path}: ${move.fromOrigin ?? '—'} → ${move.toOrigin ?? '—'}\n`)
        for (const issue of plan.issues) io.stdout(`  ${issue.path}: ${issue.message}\n`)
        if (!plan.applied)
          io.stdout(
            plan.issues.length
              ? `The settings do not fit ${plan.to}: give the fields above with --config.\n`
              : `Nothing was changed (--dry-run).\n`,
          )
      },
    )

  connections
    .command('rotate-secret <id>')
    .description(
      'Replace the secrets of a connection (JSON object on standard input); the old ones are destroyed',
    )
    .requiredOption('--secret-stdin', 'read the secrets as a JSON object from standard input')
    .option('--confirm-environment', 'accept secrets that look like another environment’s')
    .action(async (id: string, options: { confirmEnvironment?: boolean }) => {
      const { io, core } = context()
      const secrets = await secretsFromStdin()
      await unlockVault(core(), io)
      const row = core().connections.row(id)
      warnEnvironment(
        io,
        core().definitions.get(row.integrationId, row.definitionVersion),
        row.environment,
        secrets,
      )
      const view = core().connections.rotateSecret(id, secrets, {
        ...(options.confirmEnvironment ? { confirmEnvironment: true } : {}),
      })
      io.stdout(
        `rotated ${view.id}: ${view.secrets.map((s) => `${s.field} ${s.hint} v${s.version}`).join(', ')}\n`,
      )
    })

  connections
    .command('delete <id>')
    .description('Delete a connection and its secrets (a signed-in one is first revoked at the provider)')
    .action(async (id: string) => {
      const { io, core } = context()
      await unlockForChanges(core(), io)
      const { revocation } = await core().removal.deleteConnection(id)
      io.stdout(`deleted ${id}${revocation ? `; ${describeRevocation(revocation)}` : ''}\n`)
    })

  connections
    .command('export')
    .description('Export clients and connections to move laptops; secrets only with a passphrase')
    .requiredOption('--out <file>', 'file to write')
    .option(
      '--passphrase-stdin',
      'encrypt with a passphrase read from standard input, and include the secrets',
    )
    .option('--client <id...>', 'only these clients')
    .action(async (options: { out: string; passphraseStdin?: boolean; client?: string[] }) => {
      const { io, core } = context()
      const passphrase = options.passphraseStdin ? await passphraseFromStdin() : undefined
      // An export is recorded, so a vault that is set up is opened even for one without secrets.
      if (passphrase !== undefined) await unlockVault(core(), io)
      else await unlockForChanges(core(), io)
      const file = await core().connections.exportFile({
        ...(passphrase !== undefined ? { passphrase } : {}),
        ...(options.client ? { clientIds: options.client } : {}),
      })
      writeFileSync(options.out, file.content, { mode: 0o600 })
      io.stdout(
        `wrote ${options.out} (${file.includesSecrets ? 'encrypted, with secrets' : 'no secrets included'})\n`,
      )
    })

  connections
    .command('import <file>')
    .description('Import an export file (all or nothing)')
    .option('--passphrase-stdin', 'read the file’s passphrase from standard input')
    .action(async (file: string, options: { passphraseStdin?: boolean }) => {
      const { io, core } = context()
      let content: string
      try {
        content = readFileSync(file, 'utf8')
      } catch {
        throw AppError.invalid(`${file}: cannot be read.`, [{ path: 'file', message: 'cannot be read' }])
      }
      const passphrase = options.passphraseStdin ? await passphraseFromStdin() : undefined
      await unlockVault(core(), io)
      const result = await core().connections.importFile(content, passphrase)
      io.stdout(
        `imported ${result.clients} client(s), ${result.connections} connection(s), ${result.secrets} secret(s)\n`,
      )
    })
}
