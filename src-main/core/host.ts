// What differs between the hosts of the core (Electron shell, CLI, HTTP test bridge): each host
// builds one of these and hands it to createCore. The core itself never reaches for globals that a
// host should decide (time, paths, logging, URL opening, OS keyrings).
import type { AuditHost } from '../contract/types.ts'
import type { KeyProtector } from './vault/key-protector.ts'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface Clock {
  now(): Date
}

/** A desktop notification (the shell shows it with Electron's Notification; other hosts may log it). */
export interface Notice {
  title: string
  body: string
}

/** What the machine is doing, for work that should wait while it sleeps or is offline. */
export type PowerEvent = 'suspend' | 'resume' | 'offline' | 'online'

export interface PowerEvents {
  /** Calls `listener` on each change; returns the unsubscribe function. */
  subscribe(listener: (event: PowerEvent) => void): () => void
}

/** Timers the scheduler uses (the host's, or a test's). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    // A pending scheduled check never keeps a process (the CLI, a test) alive by itself.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface CoreHost {
  /** Folder that holds the database and everything else the core writes. */
  dataDir: string
  /** Folder of drizzle-kit migrations; defaults to the installation's (paths.ts resources()). */
  migrationsDir?: string
  /** Folder of the bundled integration definitions; defaults to the installation's (resources()). */
  definitionsDir?: string
  appVersion: string
  /** Electron's version when hosted by the app; null for the CLI and the bridge. */
  electronVersion?: string | null
  keyProtector: KeyProtector
  /** Opens a URL in the user's system browser (sign-in pages, docs). */
  openUrl(url: string): Promise<void>
  /**
   * Where to write an export that holds secrets (the app asks with a save dialog); null when the
   * person cancels. The core writes the file itself, so the renderer never holds its bytes. Without
   * one (headless hosts, tests), files go to the data folder's exports/ folder.
   */
  chooseSavePath?(suggestedName: string): Promise<string | null>
  clock?: Clock
  logger?: Logger
  /** Which host this is, for the audit trail (app, cli, mcp, scheduler, browser). */
  hostKind: AuditHost
  /** Who is acting, for the audit trail (the OS user; defaults to the process's). */
  actor?: string
  /** Shows a desktop notification; hosts without a desktop leave it out. */
  notify?(notice: Notice): void
  /** Sleep and network changes (the shell's powerMonitor); without them the scheduler never pauses. */
  power?: PowerEvents
  timers?: Timers
}

export const systemClock: Clock = { now: () => new Date() }

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/** JSON lines on stderr: stdout stays clean for the CLI's own output. */
export function stderrLogger(minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = ['debug', 'info', 'warn', 'error'] as const
  const write = (level: (typeof order)[number]) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return
    process.stderr.write(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields }) + '\n')
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}
