// Shapes of the health part of the contract: what one check of a connection found, its history, the
// dashboard's overview and the health settings (results produced by our core).
import type { ConnectionState, Environment } from './types.ts'

/** The parts of one health check, in the order they run. */
export const checkKinds = ['connectivity', 'credentials', 'permissions', 'webhooks', 'secretAge'] as const
export type CheckKind = (typeof checkKinds)[number]

/** pass; warn: works, but needs attention (a secret past its rotation policy); skipped: not applicable or not reached. */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'skipped' | 'locked'

/** The outcome of a whole check: its worst part (skipped parts do not count). */
export type HealthOutcome = 'pass' | 'warn' | 'fail' | 'locked'

export interface CheckDetail {
  kind: CheckKind
  outcome: CheckOutcome
  durationMs: number
  /** For people: what was found ("GET /me answered 401: Invalid API key"). */
  message: string
  /** Facts behind the message (timings, missing scopes, secret ages); never a secret. */
  data?: Record<string, unknown>
}

/** What started a check. */
export type CheckTrigger = 'scheduled' | 'manual' | 'cli'

/** failed: the connection went from working to failing; recovered: the reverse. Once per transition. */
export type HealthTransition = 'failed' | 'recovered'

export interface HealthCheckRecord {
  id: number
  connectionId: string
  startedAt: string
  durationMs: number
  outcome: HealthOutcome
  /** The first failing (else warning) part's message; null when everything passed. */
  message: string | null
  /** How long the credentials call took (the provider's latency), when it ran. */
  latencyMs: number | null
  trigger: CheckTrigger
  transition: HealthTransition | null
  /** Failing checks in a row, this one included (0 when it passed). */
  consecutiveFailures: number
  checks: CheckDetail[]
}

export interface HealthHistoryPage {
  checks: HealthCheckRecord[]
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null
}

export interface SecretAge {
  field: string
  setAt: string
  ageDays: number
  /** Older than the environment's rotation policy. */
  overdue: boolean
}

/** One point of the small history chart. */
export interface HealthPoint {
  startedAt: string
  outcome: HealthOutcome
  latencyMs: number | null
}

export interface HealthConnectionSummary {
  connectionId: string
  clientId: string
  clientName: string
  integrationId: string
  integrationName: string
  label: string
  environment: Environment
  /** The connection's state, from the status module. */
  state: ConnectionState
  lastCheck: HealthCheckRecord | null
  /** The newest checks, oldest first, for the chart. */
  recent: HealthPoint[]
  /** When the scheduler will check it next (null when no scheduler runs in this process). */
  nextCheckAt: string | null
  /** A check of it is running now. */
  checking: boolean
  secretAges: SecretAge[]
}

export interface HealthAlert {
  /** The check that made the transition. */
  checkId: number
  connectionId: string
  at: string
  transition: HealthTransition
  message: string | null
}

export interface HealthRunProgress {
  runId: string
  total: number
  done: number
  failed: number
  running: boolean
  startedAt: string
}

export interface HealthSettings {
  /** Minutes between scheduled checks, per environment. */
  intervalMinutes: Record<Environment, number>
  /** Days after which a secret should be rotated, per environment. */
  rotationDays: Record<Environment, number>
  /** Checks that may run at once. */
  concurrency: number
  /** How long one part of a check may take before it counts as a timeout. */
  timeoutMs: number
}

export interface HealthOverview {
  connections: HealthConnectionSummary[]
  /** Recent transitions (newest first): the in-app alerts. */
  alerts: HealthAlert[]
  /** The latest "check now" run, while it runs and after. */
  run: HealthRunProgress | null
  settings: HealthSettings
  /** Whether this process runs the scheduled checks (another process may hold the schedule). */
  scheduler: { running: boolean; paused: boolean; reason: string | null }
}

/** What "check now" covers: one connection, a client's, or all (optionally of one environment). */
export interface HealthTarget {
  connectionId?: string
  clientId?: string
  environment?: Environment
}
