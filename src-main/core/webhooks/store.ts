// The webhook tables: ingest (event and outbox row in one transaction), the inspector's reads,
// the dispatcher's claims and outcomes, replay, and the per-connection settings.
import { and, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type {
  DispatchState,
  WebhookDecision,
  WebhookEventDetail,
  WebhookEventPage,
  WebhookEventSummary,
  WebhookSettingsView,
  WebhookVerdictReason,
} from '../../contract/webhooks.ts'
import type { Db } from '../db/open.ts'
import type { Tx } from '../db/tx.ts'
import type { Writer } from '../db/write.ts'
import { webhookEndpoints, webhookEvents, webhookOutbox } from '../db/schema.ts'
import { AppError } from '../errors.ts'

export const defaultSettings: WebhookSettingsView = {
  port: null,
  targetUrl: null,
  acceptTypes: null,
  ignoreTypes: [],
  maxAttempts: 8,
}

export interface IngestInput {
  connectionId: string
  receivedAt: Date
  providerEventId: string | null
  eventType: string | null
  method: string
  path: string
  headers: Record<string, string | string[]>
  body: Buffer
  verdict: { valid: true } | { valid: false; reason: WebhookVerdictReason; message: string }
  decision: WebhookDecision
}

export type IngestResult = { id: number; duplicate: boolean }

type EventRow = typeof webhookEvents.$inferSelect
type OutboxRow = typeof webhookOutbox.$inferSelect

export interface DueDelivery {
  eventId: number
  connectionId: string
  attempts: number
  targetUrl: string
  maxAttempts: number
}

function dispatchOf(outbox: OutboxRow | null, hasTarget: boolean): WebhookEventSummary['dispatch'] {
  const state: DispatchState = !outbox
    ? 'none'
    : outbox.state === 'pending' && !hasTarget
      ? 'waiting'
      : outbox.state
  return {
    state,
    attempts: outbox?.attempts ?? 0,
    nextAttemptAt: outbox?.state === 'pending' ? new Date(outbox.nextAttemptAt).toISOString() : null,
    lastStatus: outbox?.lastStatus ?? null,
    lastError: outbox?.lastError ?? null,
    deliveredAt: outbox?.deliveredAt ?? null,
  }
}

function summaryOf(row: EventRow, outbox: OutboxRow | null, hasTarget: boolean): WebhookEventSummary {
  return {
    id: row.id,
    connectionId: row.connectionId,
    receivedAt: row.receivedAt,
    providerEventId: row.providerEventId,
    eventType: row.eventType,
    verdict: row.verdict,
    verdictReason: row.verdictReason as WebhookVerdictReason | null,
    decision: row.decision,
    duplicates: row.duplicates,
    dispatch: dispatchOf(outbox, hasTarget),
  }
}

// What the pipeline itself writes (requests as received, claims, delivery outcomes) is bookkeeping of
// machines, not a person's change: it goes through the writer unrecorded. Settings and replays are
// people's changes: the service records them, and passes its transaction in here.
const bookkeeping = 'the inbound pipeline’s own bookkeeping, not a person’s change'

export function createWebhookStore(db: Db, writer: Writer) {
  const settingsOf = (connectionId: string): WebhookSettingsView => {
    const row = db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.connectionId, connectionId))
      .get()
    if (!row) return { ...defaultSettings }
    return {
      port: row.port,
      targetUrl: row.targetUrl,
      acceptTypes: row.acceptTypes,
      ignoreTypes: row.ignoreTypes,
      maxAttempts: row.maxAttempts,
    }
  }

  const saveSettings = (tx: Tx, connectionId: string, settings: WebhookSettingsView, at: Date): void => {
    const values = { ...settings, updatedAt: at.toISOString() }
    tx.insert(webhookEndpoints)
      .values({ connectionId, ...values })
      .onConflictDoUpdate({ target: webhookEndpoints.connectionId, set: values })
      .run()
  }

  /**
   * Stores one received request once. A redelivery of a known provider event id only bumps its
   * duplicate count. An accepted event gets its outbox row in the same transaction.
   */
  const ingest = (input: IngestInput): IngestResult =>
    writer.writeUnrecorded(bookkeeping, (tx) => {
      if (input.providerEventId !== null && input.verdict.valid) {
        const known = tx
          .select({ id: webhookEvents.id })
          .from(webhookEvents)
          .where(
            and(
              eq(webhookEvents.connectionId, input.connectionId),
              eq(webhookEvents.providerEventId, input.providerEventId),
            ),
          )
          .get()
        if (known) {
          tx.update(webhookEvents)
            .set({ duplicates: sql`${webhookEvents.duplicates} + 1` })
            .where(eq(webhookEvents.id, known.id))
            .run()
          return { id: known.id, duplicate: true }
        }
      }
      const inserted = tx
        .insert(webhookEvents)
        .values({
          connectionId: input.connectionId,
          receivedAt: input.receivedAt.toISOString(),
          // An unverified request may not claim an id: a forgery must never shadow the real event.
          providerEventId: input.verdict.valid ? input.providerEventId : null,
          eventType: input.eventType,
          method: input.method,
          path: input.path,
          headers: input.headers,
          body: input.body,
          verdict: input.verdict.valid ? 'valid' : 'invalid',
          verdictReason: input.verdict.valid ? null : input.verdict.reason,
          verdictMessage: input.verdict.valid ? null : input.verdict.message,
          decision: input.decision,
        })
        .returning({ id: webhookEvents.id })
        .get()
      if (input.decision === 'accepted') {
        tx.insert(webhookOutbox)
          .values({
            eventId: inserted.id,
            connectionId: input.connectionId,
            state: 'pending',
            nextAttemptAt: input.receivedAt.getTime(),
            updatedAt: input.receivedAt.toISOString(),
          })
          .run()
      }
      return { id: inserted.id, duplicate: false }
    })

  const targets = (): Map<string, string> =>
    new Map(
      db
        .select({ connectionId: webhookEndpoints.connectionId, targetUrl: webhookEndpoints.targetUrl })
        .from(webhookEndpoints)
        .all()
        .filter((row): row is { connectionId: string; targetUrl: string } => row.targetUrl !== null)
        .map((row) => [row.connectionId, row.targetUrl]),
    )

  const list = (filter: { connectionId?: string; limit?: number; before?: number }): WebhookEventPage => {
    const limit = filter.limit ?? 100
    const rows = db
      .select({ event: webhookEvents, outbox: webhookOutbox })
      .from(webhookEvents)
      .leftJoin(webhookOutbox, eq(webhookOutbox.eventId, webhookEvents.id))
      .where(
        and(
          filter.connectionId ? eq(webhookEvents.connectionId, filter.connectionId) : undefined,
          filter.before ? lt(webhookEvents.id, filter.before) : undefined,
        ),
      )
      .orderBy(desc(webhookEvents.id))
      .limit(limit + 1)
      .all()
    const withTarget = targets()
    const page = rows.slice(0, limit)
    return {
      events: page.map(({ event, outbox }) => summaryOf(event, outbox, withTarget.has(event.connectionId))),
      nextBefore: rows.length > limit ? (page.at(-1)?.event.id ?? null) : null,
    }
  }

  const get = (id: number): WebhookEventDetail => {
    const found = db
      .select({ event: webhookEvents, outbox: webhookOutbox })
      .from(webhookEvents)
      .leftJoin(webhookOutbox, eq(webhookOutbox.eventId, webhookEvents.id))
      .where(eq(webhookEvents.id, id))
      .get()
    if (!found)
      throw new AppError('NOT_FOUND', `No webhook event ${id}.`, {
        issues: [{ path: 'id', message: 'is not a stored webhook event' }],
      })
    const { event, outbox } = found
    return {
      ...summaryOf(event, outbox, targets().has(event.connectionId)),
      method: event.method,
      path: event.path,
      headers: event.headers,
      body: event.body.toString('utf8'),
      bodyBytes: event.body.length,
      verdictMessage: event.verdictMessage,
    }
  }

  /** The raw request of an event, for delivery. */
  const raw = (
    id: number,
  ): Pick<EventRow, 'headers' | 'body' | 'eventType' | 'providerEventId'> | undefined =>
    db
      .select({
        headers: webhookEvents.headers,
        body: webhookEvents.body,
        eventType: webhookEvents.eventType,
        providerEventId: webhookEvents.providerEventId,
      })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, id))
      .get()

  /**
   * Claims up to `limit` due deliveries whose connection has a target, for `leaseMs`. The claim is
   * one write transaction, so two processes never send the same row at the same time.
   */
  const claimDue = (
    now: number,
    limit: number,
    leaseMs: number,
    exclude: ReadonlySet<number>,
  ): DueDelivery[] =>
    writer.writeUnrecorded(bookkeeping, (tx) => {
      const candidates = tx
        .select({
          eventId: webhookOutbox.eventId,
          connectionId: webhookOutbox.connectionId,
          attempts: webhookOutbox.attempts,
          targetUrl: webhookEndpoints.targetUrl,
          maxAttempts: webhookEndpoints.maxAttempts,
        })
        .from(webhookOutbox)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.connectionId, webhookOutbox.connectionId))
        .where(
          and(
            eq(webhookOutbox.state, 'pending'),
            lte(webhookOutbox.nextAttemptAt, now),
            or(isNull(webhookOutbox.claimedUntil), lt(webhookOutbox.claimedUntil, now)),
            sql`${webhookEndpoints.targetUrl} IS NOT NULL`,
          ),
        )
        .orderBy(webhookOutbox.nextAttemptAt, webhookOutbox.eventId)
        .limit(limit + exclude.size)
        .all()
        .filter((row) => !exclude.has(row.eventId))
        .slice(0, limit)
      if (candidates.length === 0) return []
      tx.update(webhookOutbox)
        .set({ claimedUntil: now + leaseMs })
        .where(
          inArray(
            webhookOutbox.eventId,
            candidates.map((c) => c.eventId),
          ),
        )
        .run()
      return candidates as DueDelivery[]
    })

  /** When the next pending delivery with a target is due (null: none is waiting). */
  const nextDueAt = (): number | null => {
    const row = db
      .select({ at: sql<number | null>`min(${webhookOutbox.nextAttemptAt})` })
      .from(webhookOutbox)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.connectionId, webhookOutbox.connectionId))
      .where(and(eq(webhookOutbox.state, 'pending'), sql`${webhookEndpoints.targetUrl} IS NOT NULL`))
      .get()
    return row?.at ?? null
  }

  const delivered = (eventId: number, status: number, at: Date): void => {
    writer.writeUnrecorded(bookkeeping, (tx) =>
      tx
        .update(webhookOutbox)
        .set({
          state: 'delivered',
          attempts: sql`${webhookOutbox.attempts} + 1`,
          lastStatus: status,
          lastError: null,
          deliveredAt: at.toISOString(),
          claimedUntil: null,
          updatedAt: at.toISOString(),
        })
        .where(eq(webhookOutbox.eventId, eventId))
        .run(),
    )
  }

  /** A failed attempt: retried at `retryAt`, or dead-lettered when `dead`. */
  const failed = (
    eventId: number,
    outcome: { status: number | null; error: string; dead: boolean; retryAt: number; counted: boolean },
    at: Date,
  ): void => {
    writer.writeUnrecorded(bookkeeping, (tx) =>
      tx
        .update(webhookOutbox)
        .set({
          state: outcome.dead ? 'dead' : 'pending',
          attempts: outcome.counted ? sql`${webhookOutbox.attempts} + 1` : webhookOutbox.attempts,
          lastStatus: outcome.status,
          lastError: outcome.error,
          nextAttemptAt: outcome.retryAt,
          claimedUntil: null,
          updatedAt: at.toISOString(),
        })
        .where(eq(webhookOutbox.eventId, eventId))
        .run(),
    )
  }

  /** Queues an event for delivery again, from its first attempt (any state; ignored events too). */
  const replay = (tx: Tx, eventId: number, at: Date): void => {
    const event = tx
      .select({ connectionId: webhookEvents.connectionId, verdict: webhookEvents.verdict })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, eventId))
      .get()
    if (!event)
      throw new AppError('NOT_FOUND', `No webhook event ${eventId}.`, {
        issues: [{ path: 'id', message: 'is not a stored webhook event' }],
      })
    if (event.verdict !== 'valid')
      throw new AppError(
        'CONFLICT',
        `Webhook event ${eventId} failed its signature check; it is never forwarded.`,
      )
    const values = {
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: at.getTime(),
      claimedUntil: null,
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
      updatedAt: at.toISOString(),
    }
    tx.insert(webhookOutbox)
      .values({ eventId, connectionId: event.connectionId, ...values })
      .onConflictDoUpdate({ target: webhookOutbox.eventId, set: values })
      .run()
  }

  const counts = (connectionId: string): { total: number; pending: number; dead: number } => {
    const total =
      db
        .select({ n: sql<number>`count(*)` })
        .from(webhookEvents)
        .where(eq(webhookEvents.connectionId, connectionId))
        .get()?.n ?? 0
    const byState = db
      .select({ state: webhookOutbox.state, n: sql<number>`count(*)` })
      .from(webhookOutbox)
      .where(eq(webhookOutbox.connectionId, connectionId))
      .groupBy(webhookOutbox.state)
      .all()
    const of = (state: string) => byState.find((row) => row.state === state)?.n ?? 0
    return { total, pending: of('pending'), dead: of('dead') }
  }

  return {
    settingsOf,
    saveSettings,
    ingest,
    list,
    get,
    raw,
    claimDue,
    nextDueAt,
    delivered,
    failed,
    replay,
    counts,
  }
}

export type WebhookStore = ReturnType<typeof createWebhookStore>
