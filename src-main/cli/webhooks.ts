// `switchboard webhooks verify` — checks a captured request's signature with the connection's
// signing secret (from the vault) and prints the verdict: exit 0 valid, 1 invalid.
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { AppError } from '../core/errors.ts'
import type { CliContext } from './context.ts'
import { printJson } from './io.ts'
import { parseJsonObject } from './stdin.ts'
import { unlockVault } from './vault-access.ts'

function readFileOption(path: string, option: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw AppError.invalid(
      `${option} ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      [{ path: option, message: 'cannot be read' }],
    )
  }
}

/** A headers file: an object of header name → string (or list of strings, as Node gives repeats). */
export function readHeadersFile(path: string): Record<string, string | string[]> {
  const value = parseJsonObject(readFileOption(path, '--headers').toString('utf8'), '--headers')
  for (const [name, item] of Object.entries(value)) {
    const ok = typeof item === 'string' || (Array.isArray(item) && item.every((v) => typeof v === 'string'))
    if (!ok)
      throw AppError.invalid(`Header ${name} in --headers must be a string or a list of strings.`, [
        { path: `--headers.${name}`, message: 'must be a string or a list of strings' },
      ])
  }
  return value as Record<string, string | string[]>
}

export function registerWebhooks(program: Command, context: () => CliContext): void {
  const webhooks = program
    .command('webhooks')
    .description('Inbound webhooks: verify signatures, receive and forward events')

  webhooks
    .command('verify <connectionId>')
    .description(
      "Verify a request's signature with the connection's signing secret (exit 0 valid, 1 invalid)",
    )
    .requiredOption('--headers <file>', 'JSON object of the request headers')
    .requiredOption('--body <file>', 'the raw request body, byte for byte')
    .option('--json', 'print the verdict as JSON')
    .action(async (connectionId: string, options: { headers: string; body: string; json?: boolean }) => {
      const { io, core } = context()
      const headers = readHeadersFile(options.headers)
      const body = readFileOption(options.body, '--body')
      await unlockVault(core(), io)
      const verdict = core().webhooks.verify(connectionId, { headers, body })
      if (options.json) printJson(io, verdict)
      else if (verdict.valid)
        io.stdout(
          `valid (${verdict.scheme}${verdict.signedAt ? `, signed ${new Date(verdict.signedAt).toISOString()}` : ''})\n`,
        )
      else io.stdout(`invalid (${verdict.scheme}): ${verdict.reason} — ${verdict.message}\n`)
      if (!verdict.valid) process.exitCode = 1
    })

  webhooks
    .command('listen <connectionId>')
    .description(
      'Receive events on 127.0.0.1, verify, store and forward them until interrupted (reaching it from the internet is your tunnel)',
    )
    .option('--port <port>', 'port on 127.0.0.1 (default: the stored one, else a free one)')
    .option('--forward <url>', "set the connection's target URL (kept) and forward accepted events to it")
    .action(async (connectionId: string, options: { port?: string; forward?: string }) => {
      const { io, core } = context()
      const port = options.port === undefined ? undefined : Number(options.port)
      if (port !== undefined && (!Number.isInteger(port) || port < 1024 || port > 65535))
        throw AppError.invalid(`--port must be a whole number from 1024 to 65535 (got "${options.port}").`, [
          { path: '--port', message: 'must be an integer from 1024 to 65535' },
        ])
      await unlockVault(core(), io)
      const service = core().webhooks
      if (options.forward) service.updateSettings(connectionId, { targetUrl: options.forward })
      const stopPrinting = core().events.subscribe((name, payload) => {
        if (name !== 'webhooks.event') return
        const change = payload as { eventId: number; change: string; decision?: string; state?: string }
        io.stdout(
          change.change === 'received'
            ? `received #${change.eventId} ${change.decision}\n`
            : `dispatch #${change.eventId} ${change.state}\n`,
        )
      })
      const endpoint = await service.startReceiver(connectionId, port)
      service.startDispatcher()
      io.stdout(`listening on ${endpoint.receiver.url} (${endpoint.scheme})\n`)
      io.stdout(
        endpoint.settings.targetUrl
          ? `forwarding accepted events to ${endpoint.settings.targetUrl}\n`
          : 'no target set: accepted events wait in the outbox (use --forward <url>)\n',
      )
      if (!endpoint.secretSet)
        io.stderr(`warning: no ${endpoint.secretField} secret is stored; every request will be refused\n`)
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      stopPrinting()
      await service.close()
      io.stdout('stopped\n')
    })
}
