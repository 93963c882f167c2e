// Opens a URL in the user's system browser from the CLI (the platform's own opener). Sign-in never
// happens in an embedded browser; when no opener works the URL stays printed for the user to open.
//
// No shell is ever involved: on Windows `cmd /c start` would interpret "|", "&" and "^" in a URL a
// provider's discovery document chose, so the URL goes to rundll32's FileProtocolHandler as one
// argument. Only http(s) URLs made of RFC 3986 characters are opened, and the child gets an
// environment without Switchboard's secrets.
import { spawn, type SpawnOptions } from 'node:child_process'
import { childEnv } from '../core/child-env.ts'
import { hasOnlyUriCharacters } from '../core/net/uri-chars.ts'

export interface BrowserCommand {
  file: string
  args: string[]
  options: SpawnOptions & { shell: false; env: NodeJS.ProcessEnv }
}

const openers: Partial<Record<NodeJS.Platform, (url: string) => [string, string[]]>> = {
  darwin: (url) => ['open', [url]],
  win32: (url) => ['rundll32.exe', ['url.dll,FileProtocolHandler', url]],
  linux: (url) => ['xdg-open', [url]],
}

/** The command that opens `url` on `platform`, or null for a URL that must not be opened. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): BrowserCommand | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  if (!hasOnlyUriCharacters(url) || !hasOnlyUriCharacters(parsed.href)) return null
  const opener = (openers[platform] ?? openers.linux)?.(parsed.href)
  if (!opener) return null
  return {
    file: opener[0],
    args: opener[1],
    options: { stdio: 'ignore', detached: true, shell: false, windowsHide: true, env: childEnv(env) },
  }
}

export function openInBrowser(url: string): Promise<boolean> {
  const command = browserCommand(url)
  if (!command) return Promise.resolve(false)
  return new Promise((resolve) => {
    const child = spawn(command.file, command.args, command.options)
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
