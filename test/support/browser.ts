// Which Chromium the browser tests drive, found the same way on CI and on a laptop:
//   1. SWITCHBOARD_CHROMIUM, when set (an error if it names nothing);
//   2. /usr/bin/chromium (Debian's package: what .ci/run installs);
//   3. Chrome, Edge or Chromium where their installers put them on macOS, Windows and Linux;
//   4. Playwright's own Chromium (`npx playwright install chromium`), when it has been downloaded.
// The first that exists wins and is named once on stderr. When none does, outside CI the browser
// tests skip saying where they looked; under CI (CI=true) they fail, so CI never passes untested.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

export interface BrowserChoice {
  path: string
  /** Why this one: "SWITCHBOARD_CHROMIUM", "Debian's chromium", "Google Chrome", "Playwright's Chromium"… */
  source: string
}

interface Candidate {
  path: string
  source: string
}

function installedBrowsers(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): Candidate[] {
  if (platform === 'darwin') {
    const apps = [
      ['Google Chrome', 'Google Chrome.app/Contents/MacOS/Google Chrome'],
      ['Chromium', 'Chromium.app/Contents/MacOS/Chromium'],
      ['Microsoft Edge', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      ['Google Chrome Canary', 'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary'],
    ] as const
    return ['/Applications', join(home, 'Applications')].flatMap((folder) =>
      apps.map(([source, app]) => ({ source, path: join(folder, app) })),
    )
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => Boolean(root),
    )
    const apps = [
      ['Google Chrome', 'Google\\Chrome\\Application\\chrome.exe'],
      ['Microsoft Edge', 'Microsoft\\Edge\\Application\\msedge.exe'],
      ['Chromium', 'Chromium\\Application\\chrome.exe'],
    ] as const
    return roots.flatMap((root) => apps.map(([source, app]) => ({ source, path: `${root}\\${app}` })))
  }
  return [
    ['Chromium', '/usr/bin/chromium-browser'],
    ['Chromium (snap)', '/snap/bin/chromium'],
    ['Google Chrome', '/usr/bin/google-chrome'],
    ['Google Chrome', '/usr/bin/google-chrome-stable'],
    ['Google Chrome', '/opt/google/chrome/chrome'],
    ['Microsoft Edge', '/usr/bin/microsoft-edge'],
    ['Microsoft Edge', '/usr/bin/microsoft-edge-stable'],
  ].map(([source, path]) => ({ source: source as string, path: path as string }))
}

function playwrightChromium(): Candidate[] {
  try {
    return [{ source: "Playwright's Chromium", path: chromium.executablePath() }]
  } catch {
    return []
  }
}

export type BrowserSearch = { found: BrowserChoice; looked: string[] } | { found: null; looked: string[] }

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
  home: string = homedir(),
): BrowserSearch {
  const chosen = env.SWITCHBOARD_CHROMIUM
  if (chosen) {
    if (!exists(chosen)) throw new Error(`SWITCHBOARD_CHROMIUM is ${chosen}, which does not exist.`)
    return { found: { path: chosen, source: 'SWITCHBOARD_CHROMIUM' }, looked: [chosen] }
  }
  const candidates = [
    { source: "Debian's chromium", path: '/usr/bin/chromium' },
    ...installedBrowsers(platform, env, home),
    ...playwrightChromium(),
  ]
  const looked: string[] = []
  for (const candidate of candidates) {
    looked.push(candidate.path)
    if (exists(candidate.path)) return { found: candidate, looked }
  }
  return { found: null, looked }
}

const search = findBrowser()
const underCi = Boolean(process.env.CI) && process.env.CI !== 'false'

/** Why the browser tests cannot run here, or null when they can. */
export const noBrowserReason: string | null = search.found
  ? null
  : 'no Chromium-based browser found: set SWITCHBOARD_CHROMIUM to one, install Chrome, Edge or Chromium, ' +
    `or run \`npx playwright install chromium\`. Looked in: ${search.looked.join(', ')}`

/** Browser tests run where a browser is; under CI its absence is a failure, not a skip. */
export const skipWithoutBrowser = noBrowserReason !== null && !underCi

let announced = false

/** Flags for a closed network: no background fetches, no update checks; --no-sandbox only as root. */
const chromiumFlags = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-gpu',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
]

export async function launchChromium(): Promise<Browser> {
  if (!search.found) throw new Error(`Browser tests: ${noBrowserReason}`)
  if (!announced) {
    announced = true
    process.stderr.write(`Browser tests use ${search.found.source}: ${search.found.path}\n`)
  }
  return chromium.launch({ executablePath: search.found.path, args: chromiumFlags })
}

if (skipWithoutBrowser) console.log(`Browser tests skipped (not under CI): ${noBrowserReason}`)
