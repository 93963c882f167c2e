// The health service: checks a connection (checks.ts), records the result in health_checks, moves the
// connection's health through the status module, and announces transitions — a desktop notification
// through the host and an in-app alert (the row's transition, pushed to the renderer), once per
// transition. "Check now" (one connection, a client, all) and the scheduler share one pool: bounded
// concurrency, never two checks of one connection at once.
import { randomUUID } from 'node:crypto'
import type {
  CheckDetail,
  CheckTrigger,
  HealthCheckRecord,
  HealthConnectionSummary,
  HealthOverview,
  HealthRunProgress,
  HealthSettings,
  HealthTarget,
  HealthTransition,
} from '../../contract/health.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ConnectionView, Environment } from '../../contract/types.ts'
import type { WebhookEndpointView } from '../../contract/webhooks.ts'
import type { Auth } from '../auth/index.ts'
import type { Connections } from '../connections/connections.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import type { EventBus } from '../events/bus.ts'
import type { Clock, Logger, Notice, PowerEvents, Timers } from '../host.ts'
import type { Runtime } from '../runtime/index.ts'
import { healthMethodIn } from '../runtime/handlers.ts'
import type { Status } from '../status/index.ts'
import {
  baseUrlFor,
  connectivityCheck,
  credentialsVerdict,
  permissionsCheck,
  secretAgeCheck,
  secretAges,
  skipped,
  summarize,
  timed,
  webhooksCheck,
} from './checks.ts'
import { createKeyedPool } from './pool.ts'
import { createScheduler, type Scheduler, type SchedulerLease } from './scheduler.ts'
import {
  readHealthSettings,
  writeHealthSettings,
  type HealthSettingsChange,
  type SettingsAccess,
} from './settings.ts'
import { createHealthStore } from './store.ts'

export interface HealthDeps {
  db: Db
  connections: Connections
  definitions: DefinitionRegistry
  runtime: Runtime
  auth: Pick<Auth, 'status'>
  webhooks: { endpoint(connectionId: string): WebhookEndpointView }
  status: Status
  events: EventBus
  clock: Clock
  logger: Logger
  connectorsLoaded: Promise<unknown>
  /** The data folder's shared settings (the health keys of contract/settings.ts). */
  settings: SettingsAccess
  writer: Writer
  notify?(notice: Notice): void
  power?: PowerEvents
  timers: Timers
}

export interface CheckOptions {
  /** This run's per-part timeout instead of the setting's (the CLI's --timeout). */
  timeoutMs?: number
  /** The settings read once for a whole run (check all now), rather than by each check. */
  settings?: HealthSettings
}

/** Checks kept in each connection's chart. */
const chartPoints = 24

const failing = (outcome: HealthCheckRecord['outcome'] | undefined) => outcome === 'fail'

export function createHealth(deps: HealthDeps) {
  const { connections, definitions, runtime, status, events, clock, logger } = deps
  const store = createHealthStore(deps.db)
  const settings = (): HealthSettings => readHealthSettings(deps.settings)
  const pool = createKeyedPool(settings().concurrency)
  let lastRun: HealthRunProgress | null = null
  let scheduler: Scheduler | null = null

  const credentialsCheck = (
    connectionId: string,
    definition: IntegrationDefinition,
    timeoutMs: number,
  ): Promise<CheckDetail> =>
    timed('credentials', async () => {
      const method = healthMethodIn(definition)
      if (!method) {
        return {
          outcome: 'fail',
          message: `${definition.name} names no health check and has no read method without input to use as one.`,
        }
      }
      const call = await runtime.invoke(connectionId, method.methodId, method.input, {
        operation: 'healthCheck',
        timeoutMs,
      })
      return credentialsVerdict(method.methodId, call)
    })

  const definitionOf = (row: { integrationId: string; definitionVersion: string }) =>
    definitions.get(row.integrationId, row.definitionVersion)

  const endpointOf = (connectionId: string): WebhookEndpointView | null => {
    try {
      return deps.webhooks.endpoint(connectionId)
    } catch {
      return null
    }
  }

  const authStatusOf = (connectionId: string) => {
    try {
      return deps.auth.status(connectionId)
    } catch {
      return null
    }
  }

  const announce = (view: ConnectionView, transition: HealthTransition, message: string | null) => {
    const who = `${view.label || view.integrationName} for ${view.clientName} (${view.environment})`
    const notice: Notice =
      transition === 'failed'
        ? { title: `${who} is failing`, body: message ?? 'Its health check failed.' }
        : { title: `${who} has recovered`, body: 'Its latest health check passed.' }
    try {
      deps.notify?.(notice)
    } catch (error) {
      logger.warn('health notification failed', { error: String(error) })
    }
  }

  const runChecks = async (view: ConnectionView, config: HealthSettings): Promise<CheckDetail[]> => {
    const ages = secretAges(view, config, clock.now())
    const ageCheck = secretAgeCheck(ages, config.rotationDays[view.environment])
    if (view.state === 'locked') {
      const message = view.lastErrorMessage ?? 'Its secrets cannot be decrypted.'
      return [
        skipped('connectivity', 'Not tried: the connection is locked.'),
        { kind: 'credentials', outcome: 'locked', durationMs: 0, message },
        skipped('permissions', 'Not tried: the connection is locked.'),
        skipped('webhooks', 'Not tried: the connection is locked.'),
        ageCheck,
      ]
    }
    const definition = definitionOf(view)
    // All at once: a check costs its slowest part, not the sum. When the API cannot be reached, the
    // credentials call's failure says nothing about the credentials: it is reported as not conclusive,
    // so "network down" and "credentials revoked" read differently.
    const [connectivity, called, webhooks] = await Promise.all([
      connectivityCheck(baseUrlFor(definition, view), config.timeoutMs),
      credentialsCheck(view.id, definition, config.timeoutMs),
      // Only integrations that send webhooks have a receiver or a forwarding target to check.
      definition.webhooks?.supported
        ? webhooksCheck(endpointOf(view.id), config.timeoutMs)
        : Promise.resolve(skipped('webhooks', `${definition.name} sends no webhooks.`)),
    ])
    const credentials: CheckDetail =
      connectivity.outcome === 'fail' && called.outcome === 'fail'
        ? {
            ...called,
            outcome: 'skipped',
            message: `Not conclusive: the API could not be reached (${called.message})`,
          }
        : called
    const permissions =
      credentials.outcome === 'locked'
        ? skipped('permissions', 'Not tried: the connection is locked.')
        : permissionsCheck(definition, definition.authType === 'oauth2' ? authStatusOf(view.id) : null)
    return [connectivity, credentials, permissions, webhooks, ageCheck]
  }

  const checkOnce = async (
    connectionId: string,
    trigger: CheckTrigger,
    options: CheckOptions,
    release: () => void,
  ): Promise<HealthCheckRecord> => {
    await deps.connectorsLoaded
    const config = {
      ...(options.settings ?? settings()),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }
    const startedAt = clock.now().toISOString()
    const started = performance.now()
    const view = connections.get(connectionId)
    const details = await runChecks(view, config)
    const durationMs = Math.round(performance.now() - started)
    // The network part is done: the slot goes to the next check while this one's record commits.
    release()
    const { outcome, message } = summarize(details)
    const nowFailing = failing(outcome)
    const latency = details.find((d) => d.kind === 'credentials')?.data?.latencyMs
    // The check's row and the connection's state that follows from it commit together, with the
    // other checks' rows of the moment (one fsync for many); the transition is judged against the
    // previous row inside that transaction.
    const record = await deps.writer.commitSoon('a health check result and the state it implies', (tx) => {
      const previous = store.latest(connectionId)
      const transition: HealthTransition | null =
        outcome === 'locked'
          ? null
          : nowFailing && !failing(previous?.outcome)
            ? 'failed'
            : !nowFailing && failing(previous?.outcome)
              ? 'recovered'
              : null
      const inserted = store.insert(tx, {
        connectionId,
        startedAt,
        durationMs,
        outcome,
        message,
        latencyMs: typeof latency === 'number' ? Math.round(latency) : null,
        trigger,
        transition,
        consecutiveFailures:
          nowFailing || outcome === 'locked' ? (previous?.consecutiveFailures ?? 0) + 1 : 0,
        checks: details,
      })
      if (outcome !== 'locked') status.checked(connectionId, !nowFailing, message, startedAt, tx)
      return inserted
    })
    if (record.transition) announce(view, record.transition, message)
    events.emit('health.result', { connectionId, checkId: record.id, outcome, transition: record.transition })
    return record
  }

  /** Checks one connection now (joins a check of it already running). */
  const check = (
    connectionId: string,
    trigger: CheckTrigger = 'manual',
    options: CheckOptions = {},
  ): Promise<HealthCheckRecord> =>
    pool.run(connectionId, (release) => checkOnce(connectionId, trigger, options, release))

  const targetIds = (target: HealthTarget): string[] => {
    if (target.connectionId) {
      const row = connections.row(target.connectionId)
      return target.environment && row.environment !== target.environment ? [] : [row.id]
    }
    return connections
      .list({
        ...(target.clientId ? { clientId: target.clientId } : {}),
        ...(target.environment ? { environment: target.environment } : {}),
      })
      .map((c) => c.id)
  }

  /** Checks every connection of the target now and waits for all; progress is pushed as it goes. */
  const checkNow = async (
    target: HealthTarget,
    trigger: CheckTrigger = 'manual',
    options: CheckOptions = {},
  ): Promise<{ run: HealthRunProgress; checks: HealthCheckRecord[] }> => {
    const ids = targetIds(target)
    const config = settings()
    pool.setConcurrency(config.concurrency)
    const run: HealthRunProgress = {
      runId: randomUUID(),
      total: ids.length,
      done: 0,
      failed: 0,
      running: ids.length > 0,
      startedAt: clock.now().toISOString(),
    }
    lastRun = run
    events.emit('health.progress', { ...run })
    const checks: HealthCheckRecord[] = []
    await Promise.all(
      ids.map((id) =>
        check(id, trigger, { settings: config, ...options })
          .then(
            (record) => {
              checks.push(record)
              run.done++
              if (record.outcome === 'fail' || record.outcome === 'locked') run.failed++
            },
            (error: unknown) => {
              // The connection went away meanwhile, or something unexpected: counted, never fatal.
              logger.warn('health check failed to run', { connection: id, error: String(error) })
              run.done++
              run.failed++
            },
          )
          .finally(() => {
            if (run.done === run.total) run.running = false
            events.emit('health.progress', { ...run })
          }),
      ),
    )
    return { run: { ...run }, checks }
  }

  /** Starts checkNow in the background; returns its first progress at once (the renderer's button). */
  const startCheckNow = (target: HealthTarget): HealthRunProgress => {
    const started = checkNow(target)
    started.catch((error: unknown) => logger.warn('check now failed', { error: String(error) }))
    return { ...(lastRun as HealthRunProgress) }
  }

  const rank = (s: HealthConnectionSummary): number => {
    const outcome = s.lastCheck?.outcome
    if (outcome === 'fail' || outcome === 'locked' || s.state === 'failing' || s.state === 'locked') return 0
    if (s.state === 'sign-in-needed' || s.state === 'disconnected' || s.state === 'needs-setup') return 1
    if (outcome === 'warn') return 2
    if (s.state === 'untested') return 3
    return 4
  }

  const overview = (filter: { clientId?: string; environment?: Environment } = {}): HealthOverview => {
    const config = settings()
    const views = connections.list(filter)
    const ids = views.map((v) => v.id)
    const latest = store.latestOf(ids)
    const recent = store.recent(ids, chartPoints)
    const now = clock.now()
    const summaries = views.map((view): HealthConnectionSummary => {
      const next = scheduler?.nextCheckAt(view.id) ?? null
      return {
        connectionId: view.id,
        clientId: view.clientId,
        clientName: view.clientName,
        integrationId: view.integrationId,
        integrationName: view.integrationName,
        label: view.label,
        environment: view.environment,
        state: view.state,
        lastCheck: latest.get(view.id) ?? null,
        recent: recent.get(view.id) ?? [],
        nextCheckAt: next === null ? null : new Date(next).toISOString(),
        checking: pool.busy(view.id),
        secretAges: secretAges(view, config, now),
      }
    })
    summaries.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.clientName.localeCompare(b.clientName) ||
        a.connectionId.localeCompare(b.connectionId),
    )
    const state = scheduler?.state()
    return {
      connections: summaries,
      alerts: store.alerts(),
      run: lastRun ? { ...lastRun } : null,
      settings: config,
      scheduler: {
        running: Boolean(state?.running && state.holder),
        paused: state?.paused ?? false,
        reason: state ? state.reason : 'The scheduled checks run in the app.',
      },
    }
  }

  const updateSettings = (change: HealthSettingsChange): HealthSettings => {
    writeHealthSettings(deps.settings, change)
    const next = settings()
    pool.setConcurrency(next.concurrency)
    scheduler?.poke()
    return next
  }

  return {
    check,
    checkNow,
    startCheckNow,
    overview,
    history: store.history,
    settings,
    updateSettings,
    /** Starts the scheduled checks in this process (the app); the lease keeps them to one process. */
    startScheduler(
      lease: SchedulerLease,
      options: { tickMs?: number; resumeDelayMs?: number; random?: () => number } = {},
    ): Scheduler {
      scheduler?.stop()
      scheduler = createScheduler({
        facts: store.scheduleFacts,
        // What the scheduler starts is recorded as its own doing, not the app's.
        check: (id) => deps.writer.asHost('scheduler', () => check(id, 'scheduled')),
        settings,
        lease,
        timers: deps.timers,
        now: () => clock.now().getTime(),
        ...(deps.power ? { power: deps.power } : {}),
        ...options,
        onChange: (state) => events.emit('health.scheduler', state),
      })
      scheduler.start()
      return scheduler
    },
    stopScheduler(): void {
      scheduler?.stop()
      scheduler = null
    },
  }
}

export type Health = ReturnType<typeof createHealth>
