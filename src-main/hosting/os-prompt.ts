// Asking for the vault passphrase in a dialog of the operating system, for a process that has no
// terminal (an MCP server an assistant started): the program named by SWITCHBOARD_ASKPASS (given the
// prompt as its one argument, it prints the passphrase, as ssh's SSH_ASKPASS does), else the
// platform's own — osascript on macOS, PowerShell's Get-Credential on Windows, zenity or kdialog on
// Linux. The passphrase travels on the program's stdout only; it is never logged or kept.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { childEnv } from '../core/child-env.ts'

export const askpassEnv = 'SWITCHBOARD_ASKPASS'
const answerMs = 120_000

interface PromptProgram {
  file: string
  args: string[]
}

const onPath = (name: string, env: NodeJS.ProcessEnv): string | null => {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  }
  return null
}

/** AppleScript and PowerShell string literals for the prompt (it names a client, which the user chose). */
const appleString = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`
const powershellString = (value: string) => `'${value.replace(/'/g, "''")}'`

export function promptProgram(
  prompt: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): PromptProgram | null {
  const chosen = env[askpassEnv]
  if (chosen) return { file: chosen, args: [prompt] }
  if (platform === 'darwin') {
    return {
      file: 'osascript',
      args: [
        '-e',
        `display dialog ${appleString(prompt)} with title "Switchboard" default answer "" with hidden answer with icon caution`,
        '-e',
        'text returned of result',
      ],
    }
  }
  if (platform === 'win32') {
    return {
      file: 'powershell.exe',
      args: [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `$c = Get-Credential -UserName 'Switchboard vault' -Message ${powershellString(prompt)}; if ($c) { $c.GetNetworkCredential().Password }`,
      ],
    }
  }
  const zenity = onPath('zenity', env)
  if (zenity) return { file: zenity, args: ['--password', '--title', `Switchboard: ${prompt}`] }
  const kdialog = onPath('kdialog', env)
  if (kdialog) return { file: kdialog, args: ['--title', 'Switchboard', '--password', prompt] }
  return null
}

/**
 * The passphrase the person typed, or null when they cancelled, no prompt program exists, or it
 * failed (the reason goes to `onProblem`, never the passphrase).
 */
export function askPassphrase(
  prompt: string,
  env: NodeJS.ProcessEnv,
  onProblem: (message: string) => void,
): Promise<string | null> {
  const program = promptProgram(prompt, env)
  if (!program) {
    onProblem(`no program to ask for the passphrase: set ${askpassEnv} to one (it prints the passphrase)`)
    return Promise.resolve(null)
  }
  return new Promise((resolve) => {
    execFile(
      program.file,
      program.args,
      { env: childEnv(env), timeout: answerMs, maxBuffer: 64 * 1024, windowsHide: false },
      (error, stdout) => {
        if (error) {
          // A cancelled dialog exits non-zero: that is an answer, not a problem.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            onProblem(`the passphrase prompt ${program.file} could not be started`)
          resolve(null)
          return
        }
        const passphrase = stdout.replace(/\r?\n$/, '')
        resolve(passphrase === '' ? null : passphrase)
      },
    )
  })
}
