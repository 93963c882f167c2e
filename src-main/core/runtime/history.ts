// The call_history table: one row per call through the runtime, newest first, kept to the newest
// `retention` rows per connection (older ones are pruned when a call is recorded).
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import type {
  CallErrorCode,
  CallHistoryEntry,
  CallHistoryPage,
  CallResult,
  RecordedRequest,
  TransportKind,
} from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import { callHistory } from '../db/schema.ts'

export const defaultRetention = 500

type Row = typeof callHistory.$inferSelect

const entryOf = (row: Row): CallHistoryEntry => ({
  seq: row.seq,
  callId: row.callId,
  at: row.startedAt,
  connectionId: row.connectionId,
  methodId: row.methodId,
  transport: row.transport as TransportKind,
  mock: row.mock,
  status: row.status,
  errorCode: (row.errorCode as CallErrorCode | null) ?? null,
  errorMessage: row.errorMessage,
  httpStatus: row.httpStatus,
  durationMs: row.durationMs,
  requestBytes: row.requestBytes,
  responseBytes: row.responseBytes,
  input: row.input ?? null,
  request: (row.request as RecordedRequest | null) ?? null,
})

export function createCallHistory(db: Db, writer: Writer, retention = defaultRetention) {
  const record = (
    result: CallResult,
    sizes: { requestBytes: number; responseBytes: number },
    input: unknown,
    secretFields: readonly string[] = [],
  ) => {
    // The call's row and its audit events ("secret used" for the stored secrets it read, "method
    // invoked" with its input already redacted) commit together.
    writer.write((tx, audit) => {
      if (secretFields.length)
        audit.also({
          action: 'secret.used',
          connection: result.connectionId,
          details: { fields: [...secretFields].sort(), method: result.methodId, callId: result.callId },
        })
      tx.insert(callHistory)
        .values({
          callId: result.callId,
          connectionId: result.connectionId,
          integrationId: result.integrationId,
          definitionVersion: result.definitionVersion,
          methodId: result.methodId,
          transport: result.transport,
          mock: result.mock,
          status: result.status,
          errorCode: result.error?.code ?? null,
          errorMessage: result.error?.message ?? null,
          httpStatus: result.response?.status ?? null,
          startedAt: result.startedAt,
          durationMs: Math.round(result.durationMs),
          attempts: result.attempts,
          requestBytes: sizes.requestBytes,
          responseBytes: sizes.responseBytes,
          input: input ?? null,
          request: result.request,
        })
        .run()
      // Prune past the retention limit: everything older than the connection's Nth newest row.
      const cutoff = tx
        .select({ seq: callHistory.seq })
        .from(callHistory)
        .where(eq(callHistory.connectionId, result.connectionId))
        .orderBy(desc(callHistory.seq))
        .limit(1)
        .offset(retention)
        .get()
      if (cutoff) {
        tx.delete(callHistory)
          .where(
            and(eq(callHistory.connectionId, result.connectionId), sql`${callHistory.seq} <= ${cutoff.seq}`),
          )
          .run()
      }
      return audit.record({
        action: 'method.invoked',
        connection: result.connectionId,
        details: {
          method: result.methodId,
          status: result.status,
          durationMs: Math.round(result.durationMs),
          mock: result.mock,
          ...(result.error ? { error: result.error.code } : {}),
          ...(result.response ? { httpStatus: result.response.status } : {}),
          input: input ?? null,
        },
      })
    })
  }

  const list = (
    connectionId: string,
    options: { query?: string; limit?: number; before?: number } = {},
  ): CallHistoryPage => {
    const limit = options.limit ?? 50
    const query = options.query?.trim().toLowerCase()
    const like = query ? `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
    const rows = db
      .select()
      .from(callHistory)
      .where(
        and(
          eq(callHistory.connectionId, connectionId),
          options.before ? lt(callHistory.seq, options.before) : undefined,
          like
            ? sql`(lower(${callHistory.methodId}) LIKE ${like} ESCAPE '\\' OR ${callHistory.status} LIKE ${like} ESCAPE '\\' OR lower(coalesce(${callHistory.errorCode}, '')) LIKE ${like} ESCAPE '\\')`
            : undefined,
        ),
      )
      .orderBy(desc(callHistory.seq))
      .limit(limit + 1)
      .all()
    const page = rows.slice(0, limit).map(entryOf)
    return { entries: page, nextBefore: rows.length > limit ? (page[page.length - 1]?.seq ?? null) : null }
  }

  return { record, list }
}

export type CallHistory = ReturnType<typeof createCallHistory>
