// The health_checks history: one row per check of a connection, newest rows kept per connection.
import { and, desc, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm'
import type {
  CheckDetail,
  HealthAlert,
  HealthCheckRecord,
  HealthHistoryPage,
  HealthPoint,
} from '../../contract/health.ts'
import type { Environment } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Tx } from '../db/tx.ts'
import type { ScheduleFact } from './scheduler.ts'
import { placeholdersFor } from '../db/placeholders.ts'
import { healthChecks } from '../db/schema.ts'

type Row = typeof healthChecks.$inferSelect
export type NewCheck = Omit<HealthCheckRecord, 'id'>

/** Checks kept per connection (the oldest are removed as new ones arrive). */
export const healthRetention = 500

const toRecord = (row: Row): HealthCheckRecord => ({
  id: row.id,
  connectionId: row.connectionId,
  startedAt: row.startedAt,
  durationMs: row.durationMs,
  outcome: row.outcome,
  message: row.message,
  latencyMs: row.latencyMs,
  trigger: row.trigger,
  transition: row.transition,
  consecutiveFailures: row.consecutiveFailures,
  checks: row.checks as CheckDetail[],
})

export function createHealthStore(db: Db, retention = healthRetention) {
  // Prepared once, inside the first insert's transaction (writes only ever run in the writer's):
  // every check inserts a row and prunes its connection's oldest (db/placeholders.ts). The cutoff is
  // an index lookup on (connection_id, id), so pruning costs the same however long the history grows.
  const prepare = (tx: Tx) => ({
    insertRow: tx
      .insert(healthChecks)
      .values(
        placeholdersFor([
          'connectionId',
          'startedAt',
          'durationMs',
          'outcome',
          'message',
          'latencyMs',
          'trigger',
          'transition',
          'consecutiveFailures',
          'checks',
        ]),
      )
      .returning()
      .prepare(),
    // The connection's Nth newest row: it and everything older is past the retention limit.
    retentionCutoff: tx
      .select({ id: healthChecks.id })
      .from(healthChecks)
      .where(eq(healthChecks.connectionId, sql.placeholder('connectionId')))
      .orderBy(desc(healthChecks.id))
      .limit(1)
      .offset(retention)
      .prepare(),
    pruneUpTo: tx
      .delete(healthChecks)
      .where(
        and(
          eq(healthChecks.connectionId, sql.placeholder('connectionId')),
          lte(healthChecks.id, sql.placeholder('id')),
        ),
      )
      .prepare(),
  })
  let statements: ReturnType<typeof prepare> | undefined

  const selectLatest = db
    .select()
    .from(healthChecks)
    .where(eq(healthChecks.connectionId, sql.placeholder('connectionId')))
    .orderBy(desc(healthChecks.id))
    .limit(1)
    .prepare()
  const latest = (connectionId: string): HealthCheckRecord | null => {
    const row = selectLatest.get({ connectionId })
    return row ? toRecord(row) : null
  }

  /** Inside the caller's write (the check's row and the connection's state commit together). */
  const insert = (tx: Tx, check: NewCheck): HealthCheckRecord => {
    const { insertRow, retentionCutoff, pruneUpTo } = (statements ??= prepare(tx))
    const inserted = insertRow.get(check)
    const cutoff = retentionCutoff.get({ connectionId: check.connectionId })
    if (cutoff) pruneUpTo.run({ connectionId: check.connectionId, id: cutoff.id })
    return toRecord(inserted)
  }

  const history = (connectionId: string, limit = 50, before?: number): HealthHistoryPage => {
    const rows = db
      .select()
      .from(healthChecks)
      .where(
        before === undefined
          ? eq(healthChecks.connectionId, connectionId)
          : and(eq(healthChecks.connectionId, connectionId), lt(healthChecks.id, before)),
      )
      .orderBy(desc(healthChecks.id))
      .limit(limit + 1)
      .all()
    const page = rows.slice(0, limit).map(toRecord)
    return { checks: page, nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null }
  }

  /** The newest `count` points per connection, oldest first, for the overview's charts. */
  const recent = (connectionIds: string[], count: number): Map<string, HealthPoint[]> => {
    const points = new Map<string, HealthPoint[]>()
    if (connectionIds.length === 0) return points
    const rows = db.all<{
      connection_id: string
      started_at: string
      outcome: Row['outcome']
      latency_ms: number | null
    }>(
      sql`SELECT connection_id, started_at, outcome, latency_ms FROM (
            SELECT connection_id, started_at, outcome, latency_ms, id,
                   ROW_NUMBER() OVER (PARTITION BY connection_id ORDER BY id DESC) AS n
            FROM health_checks
            WHERE connection_id IN (${sql.join(
              connectionIds.map((id) => sql`${id}`),
              sql`, `,
            )})
          ) WHERE n <= ${count} ORDER BY id ASC`,
    )
    for (const row of rows) {
      const list = points.get(row.connection_id) ?? []
      list.push({ startedAt: row.started_at, outcome: row.outcome, latencyMs: row.latency_ms })
      points.set(row.connection_id, list)
    }
    return points
  }

  /** The newest check of each connection named. */
  const latestOf = (connectionIds: string[]): Map<string, HealthCheckRecord> => {
    const found = new Map<string, HealthCheckRecord>()
    if (connectionIds.length === 0) return found
    const newest = db
      .select({ id: sql<number>`max(${healthChecks.id})` })
      .from(healthChecks)
      .where(inArray(healthChecks.connectionId, connectionIds))
      .groupBy(healthChecks.connectionId)
      .all()
      .map((r) => r.id)
    if (newest.length === 0) return found
    for (const row of db.select().from(healthChecks).where(inArray(healthChecks.id, newest)).all())
      found.set(row.connectionId, toRecord(row))
    return found
  }

  const alerts = (limit = 20): HealthAlert[] =>
    db
      .select()
      .from(healthChecks)
      .where(isNotNull(healthChecks.transition))
      .orderBy(desc(healthChecks.id))
      .limit(limit)
      .all()
      .map((row) => ({
        checkId: row.id,
        connectionId: row.connectionId,
        at: row.startedAt,
        transition: row.transition as NonNullable<Row['transition']>,
        message: row.message,
      }))

  /** Per connection: its environment, when its last check started and its failures in a row. */
  const scheduleFacts = (): ScheduleFact[] =>
    db
      .all<{ id: string; environment: Environment; started_at: string | null; failures: number | null }>(
        sql`SELECT c.id, c.environment, h.started_at, h.consecutive_failures AS failures
            FROM connections c
            LEFT JOIN health_checks h ON h.id = (
              SELECT max(id) FROM health_checks WHERE connection_id = c.id)`,
      )
      .map((row) => ({
        connectionId: row.id,
        environment: row.environment,
        lastCheckAt: row.started_at === null ? null : Date.parse(row.started_at),
        consecutiveFailures: row.failures ?? 0,
      }))

  return { insert, latest, latestOf, history, recent, alerts, scheduleFacts }
}

export type HealthStore = ReturnType<typeof createHealthStore>
