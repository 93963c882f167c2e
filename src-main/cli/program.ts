// The command tree (commander) and the mapping from failures to exit codes:
// 0 ok, 1 invalid input or a failed check, 2 usage.
import { Command, CommanderError } from 'commander'
import { errorCodes } from '../contract/errors.ts'
import { AppError } from '../core/errors.ts'
import { appVersion, createContext, loadCoreModule, type CliContext, type GlobalOptions } from './context.ts'
import { registerAudit } from './audit.ts'
import { registerAuth } from './auth.ts'
import { registerBackup } from './backup.ts'
import { registerCall } from './call.ts'
import { registerConnectors } from './connectors.ts'
import { registerClients } from './clients.ts'
import { registerConnections } from './connections.ts'
import { registerDefinitions } from './definitions.ts'
import { registerDoctor } from './doctor.ts'
import { registerHealth } from './health.ts'
import { printIssues, type CliIo } from './io.ts'
import { registerWebhooks } from './webhooks.ts'

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const

function buildProgram(io: CliIo, context: () => CliContext): Command {
  const program = new Command('switchboard')
    .description("Switchboard: your clients' connections to external services, from the command line")
    .version(appVersion, '-V, --version', 'print the version')
    .option('--data-dir <path>', 'data folder (default: $SWITCHBOARD_DATA_DIR, else the app’s own)')
    .option('-v, --verbose', 'log debug detail to stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .hook('preAction', loadCoreModule)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Served by the MCP host (src-main/mcp/), which the entry runs for this command: listed here for help.
    .addHelpText(
      'after',
      "\nMCP server (AI assistants):\n  mcp [options]  serve a client's connections as MCP tools (switchboard mcp --help)\n",
    )
  registerDoctor(program, context)
  registerDefinitions(program, context)
  registerClients(program, context)
  registerConnections(program, context)
  registerAuth(program, context)
  registerWebhooks(program, context)
  registerCall(program, context)
  registerHealth(program, context)
  registerConnectors(program, context)
  registerAudit(program, context)
  registerBackup(program, context)
  return program
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let context: CliContext | undefined
  const program = buildProgram(io, () => (context ??= createContext(io, program.opts<GlobalOptions>())))
  const previousExitCode = process.exitCode
  process.exitCode = undefined
  try {
    await program.parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? exitCodes.ok)
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      return done ? exitCodes.ok : exitCodes.usage
    }
    if (error instanceof AppError) {
      io.stderr(`switchboard: ${error.message}\n`)
      printIssues(io, error.details?.issues)
      return errorCodes[error.code].exit
    }
    io.stderr(`switchboard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
    return exitCodes.failed
  } finally {
    context?.close()
    process.exitCode = previousExitCode
  }
}
