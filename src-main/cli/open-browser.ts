// Opens a URL in the user's system browser from the CLI (the platform's own opener). Sign-in never
// happens in an embedded browser; when no opener works the URL stays printed for the user to open.
import { spawn } from 'node:child_process'

const openers: Partial<Record<NodeJS.Platform, (url: string) => [string, string[]]>> = {
  darwin: (url) => ['open', [url]],
  win32: (url) => ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]],
  linux: (url) => ['xdg-open', [url]],
}

export function openInBrowser(url: string): Promise<boolean> {
  const { protocol } = new URL(url)
  if (protocol !== 'https:' && protocol !== 'http:') return Promise.resolve(false)
  const opener = (openers[process.platform] ?? openers.linux)?.(url)
  if (!opener) return Promise.resolve(false)
  return new Promise((resolve) => {
    const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
