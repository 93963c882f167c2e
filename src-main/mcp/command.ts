// `switchboard mcp`: the MCP host's command line. The `switchboard` entry (src-main/cli.ts) hands it
// the arguments when the command is `mcp`; it opens the core itself (hosting/headless.ts) as the host
// "mcp" (the OS user is the actor) and serves the selection over stdio (what assistants launch) or,
// with --http, over Streamable HTTP on 127.0.0.1 with a bearer token. stdout is the MCP channel under
// stdio: everything for people goes to stderr.
//   switchboard [--data-dir <path>] mcp --client <id> [--connection <id>…] [--env sandbox|production]
//     [--methods <glob>…] [--read-only] [--allow-production-writes] [--mock] [--http [--port <n>]]
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { Command, CommanderError, Option } from 'commander'
import { errorCodes } from '../contract/errors.ts'
import type { McpSelection } from '../contract/types.ts'
import { AppError } from '../core/errors.ts'
import { createCore, type Core } from '../core/index.ts'
import { appVersion, headlessHost } from '../hosting/headless.ts'
import { createAppRequests } from './app-requests.ts'
import { startHttpMcp } from './http.ts'
import { createSessionServer } from './server.ts'
import { createToolSource, defaultPollMs } from './tool-source.ts'

export interface McpIo {
  stderr(text: string): void
  env: NodeJS.ProcessEnv
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WritableStream
}

interface McpOptions {
  client: string
  connection: string[]
  env?: 'sandbox' | 'production'
  methods: string[]
  readOnly?: boolean
  allowProductionWrites?: boolean
  mock?: boolean
  http?: boolean
  port?: string
  pollMs?: string
  answerMs?: string
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** The hidden millisecond knobs: a whole number of milliseconds, at most a day. */
function milliseconds(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n > 86_400_000) {
    throw AppError.invalid(`${flag} must be a whole number of milliseconds, at most 86400000.`, [
      { path: flag, message: 'must be an integer from 0 to 86400000' },
    ])
  }
  return n
}

/** --port: a TCP port, 1–65535, or 0 for one the system picks (what happens without --port). */
function portOf(value: string | undefined): number {
  if (value === undefined) return 0
  const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (!(n >= 0 && n <= 65535)) {
    throw AppError.invalid('--port must be a whole number from 1 to 65535, or 0 for a free port.', [
      { path: '--port', message: 'must be an integer from 0 to 65535' },
    ])
  }
  return n
}

/** SWITCHBOARD_PASSPHRASE (for scripts and CI) opens the vault at once; else the first call asks (app-requests.ts). */
async function openVaultFromEnvironment(core: Core, io: McpIo): Promise<void> {
  const status = core.vault.status()
  const passphrase = io.env.SWITCHBOARD_PASSPHRASE
  if (status.state === 'locked' && passphrase && status.passphraseSet) await core.vault.unlock(passphrase)
}

async function serve(options: McpOptions, global: { dataDir?: string; verbose?: boolean }, io: McpIo) {
  const selection: McpSelection = {
    clientId: options.client,
    ...(options.connection.length ? { connectionIds: options.connection } : {}),
    ...(options.env ? { environment: options.env } : {}),
    ...(options.methods.length ? { methods: options.methods } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
    ...(options.allowProductionWrites ? { allowProductionWrites: true } : {}),
    ...(options.mock ? { mock: true } : {}),
  }
  const port = portOf(options.port)
  const pollMs = milliseconds(options.pollMs, '--poll-ms', defaultPollMs)
  const core = createCore(
    headlessHost({
      // The audit trail names the host "mcp" (and the OS user as the actor).
      hostKind: 'mcp',
      dataDir: global.dataDir,
      env: io.env,
      logLevel: global.verbose ? 'debug' : 'warn',
      openUrl: async (url) => io.stderr(`Open this URL: ${url}\n`),
    }),
  )
  try {
    // Mock calls too: every call is recorded, with the vault's key.
    await openVaultFromEnvironment(core, io)
    const source = createToolSource(core, selection, {
      pollMs: Math.max(100, pollMs),
      onError: (error) =>
        io.stderr(
          `switchboard mcp: could not refresh the tools: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    })
    const warn = () => {
      const warning = source.current().warning
      if (warning) io.stderr(`switchboard mcp: warning: ${warning}\n`)
    }
    warn()
    source.onChange(warn)
    const plan = source.current()
    const requests = createAppRequests(core, {
      dataDir: core.info().dataDir,
      env: io.env,
      clientName: plan.clientName,
      stderr: io.stderr,
      ...(options.answerMs
        ? { answerMs: Math.min(600_000, Math.max(100, milliseconds(options.answerMs, '--answer-ms', 0))) }
        : {}),
    })
    if (core.vault.status().state === 'locked')
      io.stderr(
        'switchboard mcp: the vault is locked; the first tool call asks the Switchboard app to open it ' +
          '(or, without the app, for the passphrase in a prompt of the system).\n',
      )
    io.stderr(
      `switchboard mcp: ${plan.tools.length} tools for ${plan.clientName}${selection.mock ? ' (mock)' : ''}\n`,
    )

    if (options.http) {
      const http = await startHttpMcp({
        port,
        newSession: () => createSessionServer(core, selection, source, requests),
        onError: (error) => core.logger.warn('mcp http request failed', { error: String(error) }),
      })
      io.stderr(`switchboard mcp: serving Streamable HTTP at ${http.url}\n`)
      io.stderr(`switchboard mcp: bearer token ${http.token}\n`)
      io.stderr('switchboard mcp: send it as "Authorization: Bearer <token>"; stop with Ctrl-C.\n')
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await http.close()
    } else {
      const server = createSessionServer(core, selection, source, requests)
      const transport = new StdioServerTransport(io.stdin as never, io.stdout as never)
      const closed = new Promise<void>((resolve) => {
        server.onclose = ((previous) => () => {
          previous?.()
          resolve()
        })(server.onclose)
        io.stdin.once('end', () => void server.close())
        process.once('SIGTERM', () => void server.close())
      })
      await server.connect(transport)
      await closed
    }
    source.close()
  } finally {
    core.close()
  }
}

export async function runMcp(argv: string[], io: McpIo): Promise<number> {
  const program = new Command('switchboard')
    .option('--data-dir <path>', 'data folder (default: $SWITCHBOARD_DATA_DIR, else the app’s own)')
    .option('-v, --verbose', 'log debug detail to stderr')
    .version(appVersion, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.stderr, writeErr: io.stderr })
  let run: Promise<void> | undefined
  program
    .command('mcp')
    .description("Serve a client's connections as MCP tools for AI assistants (stdio, or --http)")
    .requiredOption('--client <id>', 'the client whose connections become tools')
    .option('--connection <id>', 'only this connection (repeat for more)', collect, [])
    .addOption(
      new Option('--env <environment>', 'only sandbox or production connections').choices([
        'sandbox',
        'production',
      ]),
    )
    .option(
      '--methods <glob>',
      'only methods whose id or tool name matches (* and ?; repeat for more)',
      collect,
      [],
    )
    .option('--read-only', 'expose reads only')
    .option('--allow-production-writes', 'let writes and deletes run on production connections')
    .option('--mock', 'answer from the mock connector: nothing reaches the provider')
    .option('--http', 'serve Streamable HTTP on 127.0.0.1 (bearer token printed) instead of stdio')
    .option('--port <n>', 'with --http: the port, 1–65535 (default, or 0: a free one)')
    .addOption(new Option('--poll-ms <ms>', 'how often to look for changed connections').hideHelp())
    .addOption(
      new Option('--answer-ms <ms>', 'how long a question in the app waits for an answer').hideHelp(),
    )
    .exitOverride()
    .action((options: McpOptions) => {
      run = serve(options, program.opts<{ dataDir?: string; verbose?: boolean }>(), io)
    })
  try {
    await program.parseAsync(argv, { from: 'user' })
    await run
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      return done ? 0 : 2
    }
    if (error instanceof AppError) {
      io.stderr(`switchboard mcp: ${error.message}\n`)
      for (const issue of error.details?.issues ?? []) io.stderr(`  ${issue.path}: ${issue.message}\n`)
      return errorCodes[error.code].exit
    }
    io.stderr(
      `switchboard mcp: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return 1
  }
}
