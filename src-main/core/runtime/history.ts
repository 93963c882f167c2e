// The call_history table: one row per call through the runtime, newest first, kept to the newest
// `retention` rows per connection (older ones are pruned when a call is recorded).
import { and, desc, eq, lt, lte, sql } from 'drizzle-orm'
import type {
  CallErrorCode,
  CallHistoryEntry,
  CallHistoryPage,
  CallResult,
  RecordedRequest,
  TransportKind,
} from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Tx } from '../db/tx.ts'
import type { WriteFn, Writer } from '../db/write.ts'
import { placeholdersFor } from '../db/placeholders.ts'
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
  // Prepared once, inside the first record's transaction (writes only ever run in the writer's):
  // every call records through these (see db/placeholders.ts).
  const prepare = (tx: Tx) => ({
    insertRow: tx
      .insert(callHistory)
      .values(
        placeholdersFor([
          'callId',
          'connectionId',
          'integrationId',
          'definitionVersion',
          'methodId',
          'transport',
          'mock',
          'status',
          'errorCode',
          'errorMessage',
          'httpStatus',
          'startedAt',
          'durationMs',
          'attempts',
          'requestBytes',
          'responseBytes',
          'input',
          'request',
        ]),
      )
      .prepare(),
    // The connection's Nth newest row: it and everything older is past the retention limit.
    retentionCutoff: tx
      .select({ seq: callHistory.seq })
      .from(callHistory)
      .where(eq(callHistory.connectionId, sql.placeholder('connectionId')))
      .orderBy(desc(callHistory.seq))
      .limit(1)
      .offset(retention)
      .prepare(),
    pruneUpTo: tx
      .delete(callHistory)
      .where(
        and(
          eq(callHistory.connectionId, sql.placeholder('connectionId')),
          lte(callHistory.seq, sql.placeholder('seq')),
        ),
      )
      .prepare(),
  })
  let statements: ReturnType<typeof prepare> | undefined

  const record = (
    result: CallResult,
    sizes: { requestBytes: number; responseBytes: number },
    input: unknown,
    secretFields: readonly string[] = [],
    deferred = false,
  ) => {
    // The call's row and its audit events ("secret used" for the stored secrets it read, "method
    // invoked" with its input already redacted) commit together.
    const write: WriteFn<void> = (tx, audit) => {
      const { insertRow, retentionCutoff, pruneUpTo } = (statements ??= prepare(tx))
      if (secretFields.length)
        audit.also({
          action: 'secret.used',
          connection: result.connectionId,
          details: { fields: [...secretFields].sort(), method: result.methodId, callId: result.callId },
        })
      insertRow.run({
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
      const cutoff = retentionCutoff.get({ connectionId: result.connectionId })
      if (cutoff) pruneUpTo.run({ connectionId: result.connectionId, seq: cutoff.seq })
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
    }
    if (deferred) writer.writeSoon('the record of a read', write)
    else writer.write(write)
  }

  const list = (
    connectionId: string,
    options: { query?: string; limit?: number; before?: number } = {},
  ): CallHistoryPage => {
    writer.flush()
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
