// Reading secrets and passphrases without putting them on the command line (where shell history and
// `ps` would see them): from standard input, or typed at a hidden prompt.
import { createInterface } from 'node:readline'
import { AppError } from '../core/errors.ts'

export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY)
    throw AppError.invalid(`Pipe the ${what} into standard input.`, [
      { path: '--stdin', message: 'nothing was piped in' },
    ])
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Asks on the terminal without echoing what is typed; null when there is no terminal to ask on. */
export async function promptHidden(question: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  const output = rl as unknown as { _writeToOutput: (text: string) => void }
  let asked = false
  output._writeToOutput = (text: string) => {
    if (!asked) {
      process.stderr.write(text)
      asked = true
    }
  }
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve))
  } finally {
    rl.close()
    process.stderr.write('\n')
  }
}

export function parseJsonObject(text: string, option: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw AppError.invalid(`${option} is not valid JSON: ${(error as Error).message}`, [
      { path: option, message: 'is not valid JSON' },
    ])
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw AppError.invalid(`${option} must be a JSON object.`, [
      { path: option, message: 'must be a JSON object' },
    ])
  }
  return value as Record<string, unknown>
}
