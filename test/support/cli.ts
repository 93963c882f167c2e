// The `switchboard` CLI as users run it: the built bundle the package's bin points to (out/cli/,
// built by `npm test`'s build step and by `npm install`'s prepare), spawned as its own process with a
// clean environment. Every CLI test goes through these helpers, so which entry the tests run is
// decided here and only here.
import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const projectRoot = resolve(import.meta.dirname, '../..')
/** The file package.json's "bin" names. */
export const cliEntry = join(projectRoot, 'out', 'cli', 'switchboard.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Variables added to PATH and HOME (nothing else of the test's environment leaks in). */
  env?: Record<string, string | undefined>
  /** Standard input; empty (closed) unless given. */
  input?: string
  cwd?: string
}

function entry(): string {
  if (!existsSync(cliEntry)) {
    throw new Error(`${cliEntry} is missing: run \`npm run build\` (npm test and npm install build it).`)
  }
  return cliEntry
}

const environment = (options: CliOptions) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...options.env,
})

/** Runs one command to the end. Blocks this process: not for tests whose servers it must reach. */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [entry(), ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: environment(options),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs one command to the end without blocking (servers in this process keep answering it). */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolveRun) => {
    const child = execFile(
      process.execPath,
      [entry(), ...args],
      { encoding: 'utf8', env: environment(options), ...(options.cwd ? { cwd: options.cwd } : {}) },
      (error, stdout, stderr) =>
        resolveRun({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    )
    child.stdin?.end(options.input ?? '')
  })
}

/** Starts a long-running command (e.g. `auth login`) and hands back the process. */
export function spawnCli(args: string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [entry(), ...args], {
    env: environment(options),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
}
