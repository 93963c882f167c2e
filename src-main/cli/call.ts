// `switchboard call <connectionId> <methodId>` and `switchboard history <connectionId>`: run one method
// of a connection through the same runtime the app uses, and list its calls. The CLI never prompts:
// writes run as asked (scripts), delete methods on production connections need --yes, and the vault is
// opened only with SWITCHBOARD_PASSPHRASE. Exit 0 on success, 1 for anything else (the error's code
// names what), 2 for usage errors.
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { CallResult } from '../contract/types.ts'
import type { Core } from '../core/index.ts'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printIssues, printJson, printTable, type CliIo } from './io.ts'

function parseInput(options: { input?: string; inputFile?: string }): unknown {
  if (options.input !== undefined && options.inputFile !== undefined) {
    throw AppError.invalid('Give the input with --input or --input-file, not both.', [
      { path: '--input', message: 'cannot be combined with --input-file' },
    ])
  }
  let text = '{}'
  let where = '--input'
  if (options.inputFile !== undefined) {
    where = options.inputFile
    try {
      text = readFileSync(options.inputFile, 'utf8')
    } catch {
      throw AppError.invalid(`Cannot read the input file ${options.inputFile}.`, [
        { path: '--input-file', message: 'cannot be read' },
      ])
    }
  } else if (options.input !== undefined) text = options.input
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw AppError.invalid(
      `The input in ${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      [{ path: where === '--input' ? '--input' : '--input-file', message: 'is not valid JSON' }],
    )
  }
}

/** Opens the vault when a passphrase is in the environment; never asks. */
async function openVaultQuietly(core: Core, io: CliIo): Promise<void> {
  const status = core.vault.status()
  const passphrase = io.env.SWITCHBOARD_PASSPHRASE
  if (status.state !== 'locked' || !passphrase || !status.passphraseSet) return
  await core.vault.unlock(passphrase)
}

function printResult(io: CliIo, result: CallResult): void {
  const head =
    `${result.methodId} ${result.status} in ${Math.round(result.durationMs)} ms via ${result.transport}` +
    (result.response ? ` (HTTP ${result.response.status})` : '') +
    (result.attempts > 1 ? `, ${result.attempts} attempts` : '')
  if (result.status === 'success') {
    io.stderr(`${head}\n`)
    io.stdout(JSON.stringify(result.output, null, 2) + '\n')
    return
  }
  io.stderr(`switchboard: ${head}\n`)
  if (result.error) {
    io.stderr(`${result.error.code}: ${result.error.message}\n`)
    printIssues(io, result.error.details?.issues)
  }
  if (result.error?.code === 'PROVIDER' && result.error.details?.body !== undefined) {
    io.stderr(
      `Provider's answer (${String(result.error.details.status ?? result.response?.status ?? '')}):\n`,
    )
    io.stdout(JSON.stringify(result.error.details.body, null, 2) + '\n')
  } else if (result.status === 'output-mismatch') {
    io.stderr('Raw response:\n')
    io.stdout(JSON.stringify(result.response?.body ?? null, null, 2) + '\n')
  }
}

export function registerCall(program: Command, context: () => CliContext): void {
  program
    .command('call')
    .description('Run one method of a connection (input validated first; nothing is sent when it is invalid)')
    .argument('<connectionId>', 'the connection')
    .argument('<methodId>', 'the method, e.g. customers.list')
    .option('--input <json>', 'the input as a JSON object')
    .option('--input-file <file>', 'read the input from a JSON file')
    .option('--mock', 'answer with data generated from the outputSchema; nothing is sent')
    .option('--json', 'print the whole call result (masked request, response, validation) as JSON')
    .option('--timeout <ms>', 'give up after this many milliseconds (default 30000)')
    .option('--yes', 'confirm a delete method on a production connection')
    .action(
      async (
        connectionId: string,
        methodId: string,
        options: {
          input?: string
          inputFile?: string
          mock?: boolean
          json?: boolean
          timeout?: string
          yes?: boolean
        },
      ) => {
        const { io, core } = context()
        const input = parseInput(options)
        let timeoutMs: number | undefined
        if (options.timeout !== undefined) {
          timeoutMs = Number(options.timeout)
          if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
            throw AppError.invalid('--timeout must be a whole number of milliseconds.', [
              { path: '--timeout', message: 'must be a positive integer' },
            ])
          }
        }
        const c = core()
        const connection = c.connections.row(connectionId)
        const definition = c.definitions.get(connection.integrationId, connection.definitionVersion)
        const method = definition.methods.find((m) => m.id === methodId)
        if (
          method?.kind === 'delete' &&
          connection.environment === 'production' &&
          !options.yes &&
          !options.mock
        ) {
          throw new AppError(
            'FORBIDDEN',
            `${methodId} deletes data on the production connection ${connectionId}; add --yes to run it.`,
            { issues: [{ path: '--yes', message: 'is required for a delete method on production' }] },
          )
        }
        if (!options.mock) await openVaultQuietly(c, io)
        await c.connectorsLoaded
        const result = await c.runtime.invoke(connectionId, methodId, input, {
          ...(options.mock ? { mock: true } : {}),
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        })
        if (options.json) printJson(io, result)
        else printResult(io, result)
        if (result.status !== 'success') process.exitCode = 1
      },
    )

  program
    .command('history')
    .description('The calls made on a connection, newest first')
    .argument('<connectionId>', 'the connection')
    .option('--limit <n>', 'how many (default 50)')
    .option('--json', 'print as JSON')
    .action((connectionId: string, options: { limit?: string; json?: boolean }) => {
      const { io, core } = context()
      const c = core()
      c.connections.row(connectionId)
      const limit = options.limit === undefined ? 50 : Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw AppError.invalid('--limit must be a whole number from 1 to 500.', [
          { path: '--limit', message: 'must be 1–500' },
        ])
      }
      const page = c.runtime.history(connectionId, { limit })
      if (options.json) return printJson(io, page)
      printTable(
        io,
        ['AT', 'METHOD', 'STATUS', 'HTTP', 'MS', 'TRANSPORT', 'ERROR'],
        page.entries.map((e) => [
          e.at,
          e.methodId,
          e.status,
          e.httpStatus === null ? '-' : String(e.httpStatus),
          String(e.durationMs),
          e.mock ? 'mock' : e.transport,
          e.errorCode ?? '',
        ]),
        'No calls yet.',
      )
    })
}
