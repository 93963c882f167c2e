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
}
