// The health scheduler: checks each connection every interval of its environment (Settings), with a
// jitter so a hundred connections made the same minute do not fire together, and with backoff for
// connections that keep failing. It runs in one process only — whoever holds the lease; the others
// stand by and take over when the holder's lease expires — and pauses while the machine sleeps or is
// offline (the host's power events), resuming after. Checks themselves go through the health
// service's pool: bounded concurrency, never two checks of one connection at once.
import type { HealthSettings } from '../../contract/health.ts'
import type { Environment } from '../../contract/types.ts'
import type { PowerEvent, PowerEvents, Timers } from '../host.ts'

/** The part of the leases (db/lease.ts) the scheduler needs. */
export interface SchedulerLease {
  take(name: string, ttlMs: number): boolean
  release(name: string): void
}

export interface ScheduleFact {
  connectionId: string
  environment: Environment
  /** When its last check started (ms since the epoch); null when never checked. */
  lastCheckAt: number | null
  consecutiveFailures: number
}

export interface SchedulerDeps {
  facts(): ScheduleFact[]
  check(connectionId: string): Promise<unknown>
  settings(): HealthSettings
  lease: SchedulerLease
  timers: Timers
  now(): number
  power?: PowerEvents
  /** In [0, 1); a jitter source (deterministic in tests). */
  random?: () => number
  /** How often it looks for due checks and renews its lease. */
  tickMs?: number
  /** After waking or coming back online, how long to wait before checking (the network settles). */
  resumeDelayMs?: number
  onChange?(state: SchedulerState): void
}

export interface SchedulerState {
  running: boolean
  /** This process holds the schedule (else another process runs it). */
  holder: boolean
  paused: boolean
  reason: string | null
}

export const schedulerLeaseName = 'health.scheduler'
export const maxBackoffFactor = 8
/** Jitter: each due time moves by up to this fraction of the interval, either way. */
export const jitterFraction = 0.1

/** The factor a connection's interval is stretched by after `failures` failing checks in a row. */
export const backoffFactor = (failures: number): number =>
  Math.min(maxBackoffFactor, 2 ** Math.max(0, failures - 1))

export function dueAt(
  fact: ScheduleFact,
  settings: HealthSettings,
  jitter: number,
  startedAt: number,
): number {
  const interval = settings.intervalMinutes[fact.environment] * 60_000
  if (fact.lastCheckAt === null) return startedAt + Math.abs(jitter) * Math.min(interval, 60_000)
  return (
    fact.lastCheckAt + interval * backoffFactor(fact.consecutiveFailures) + jitter * interval * jitterFraction
  )
}

export function createScheduler(deps: SchedulerDeps) {
  const tickMs = deps.tickMs ?? 30_000
  const resumeDelayMs = deps.resumeDelayMs ?? 5_000
  const random = deps.random ?? Math.random
  const inFlight = new Set<string>()
  /** The jitter of each connection's current due time, in [-1, 1): drawn once per last check. */
  const jitters = new Map<string, { for: number | null; value: number }>()
  const next = new Map<string, number>()
  const pausedBy = new Set<'suspend' | 'offline'>()
  let timer: unknown = null
  let running = false
  let holder = false
  let startedAt = 0
  let unsubscribe: (() => void) | null = null

  const state = (): SchedulerState => ({
    running,
    holder,
    paused: pausedBy.size > 0,
    reason: pausedBy.has('suspend')
      ? 'The computer is asleep.'
      : pausedBy.has('offline')
        ? 'The computer is offline.'
        : running && !holder
          ? 'Another Switchboard process runs the scheduled checks.'
          : null,
  })
  const changed = () => deps.onChange?.(state())

  const jitterOf = (fact: ScheduleFact): number => {
    const known = jitters.get(fact.connectionId)
    if (known && known.for === fact.lastCheckAt) return known.value
    const value = fact.lastCheckAt === null ? random() : random() * 2 - 1
    jitters.set(fact.connectionId, { for: fact.lastCheckAt, value })
    return value
  }

  let timerAt = 0
  const schedule = (ms: number) => {
    if (timer !== null) deps.timers.clearTimeout(timer)
    timerAt = deps.now() + Math.max(0, ms)
    timer = deps.timers.setTimeout(tick, Math.max(0, ms))
  }
  /** Looks again within a second: finished checks are coalesced into one look. */
  const soon = () => {
    if (timer === null || timerAt > deps.now() + 1000) schedule(1000)
  }

  function tick(): void {
    timer = null
    if (!running || pausedBy.size) return
    const wasHolder = holder
    holder = deps.lease.take(schedulerLeaseName, tickMs * 3)
    if (holder !== wasHolder) changed()
    if (!holder) {
      next.clear()
      schedule(tickMs)
      return
    }
    const settings = deps.settings()
    const now = deps.now()
    let soonest = now + tickMs
    for (const fact of deps.facts()) {
      const due = dueAt(fact, settings, jitterOf(fact), startedAt)
      next.set(fact.connectionId, due)
      if (inFlight.has(fact.connectionId)) continue
      if (due <= now) {
        inFlight.add(fact.connectionId)
        void deps
          .check(fact.connectionId)
          .catch(() => {})
          .finally(() => {
            inFlight.delete(fact.connectionId)
            // Its next due time depends on this result: look again soon.
            if (running && !pausedBy.size) soon()
          })
      } else soonest = Math.min(soonest, due)
    }
    schedule(soonest - now)
  }

  const onPower = (event: PowerEvent) => {
    const before = pausedBy.size
    if (event === 'suspend') pausedBy.add('suspend')
    else if (event === 'offline') pausedBy.add('offline')
    else if (event === 'resume') pausedBy.delete('suspend')
    else pausedBy.delete('offline')
    if (pausedBy.size && timer !== null) {
      deps.timers.clearTimeout(timer)
      timer = null
    }
    if (before && !pausedBy.size && running) schedule(resumeDelayMs)
    if (before !== pausedBy.size) changed()
  }

  return {
    start(): void {
      if (running) return
      running = true
      startedAt = deps.now()
      unsubscribe = deps.power?.subscribe(onPower) ?? null
      changed()
      schedule(0)
    },
    stop(): void {
      if (!running) return
      running = false
      if (timer !== null) deps.timers.clearTimeout(timer)
      timer = null
      unsubscribe?.()
      unsubscribe = null
      if (holder) deps.lease.release(schedulerLeaseName)
      holder = false
      next.clear()
      changed()
    },
    /** When the scheduler means to check a connection next (null when it does not hold the schedule). */
    nextCheckAt: (connectionId: string): number | null => (holder ? (next.get(connectionId) ?? null) : null),
    state,
    /** Look for due checks now (after settings changed, a connection was added). */
    poke: () => {
      if (running && !pausedBy.size) schedule(0)
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
