// Every change to the database goes through write(): one BEGIN IMMEDIATE transaction that holds the
// change and the audit event recording it, so both commit or neither does, and two processes can never
// interleave inside one change or fork the audit chain. The callback must return what
// `audit.record(event, value)` gives back — forgetting the event is a type error, not a review note.
// Bookkeeping that records nothing a person did (caches, leases) says so with writeUnrecorded().
//
// Nested calls (a service that writes, called from another write) become savepoints of the outer
// transaction; the audit head is published to its file only after the outermost commit.
import type { AuditEntry, AuditLog } from '../audit/audit-log.ts'
import type { Tx } from './tx.ts'
import { AppError } from '../errors.ts'
import type { Db } from './open.ts'
import { checkpointSecrets } from './checkpoint.ts'

declare const recordedBrand: unique symbol

/** Proof that a write appended its audit event; only Recorder makes one. */
export interface Recorded<T> {
  readonly [recordedBrand]: true
  readonly value: T
}

export interface Recorder {
  /** Appends the event inside this transaction; return the result from the write callback. */
  record(event: AuditEntry): Recorded<void>
  record<T>(event: AuditEntry, value: T): Recorded<T>
  /** A further event in the same transaction (e.g. one per item); the write still ends in record(). */
  also(event: AuditEntry): void
}

export type WriteFn<T> = (tx: Tx, audit: Recorder) => Recorded<T>

/** How long a writer waits for another process's transaction before giving up with BUSY. */
export const busyTimeoutMs = 5000

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
}

export function busyError(): AppError {
  return new AppError(
    'BUSY',
    `Another Switchboard process (the app or a CLI command) kept the data folder busy for more than ${busyTimeoutMs / 1000} s; nothing was changed. Try again.`,
  )
}

export function createWriter(
  db: Db,
  audit: Pick<AuditLog, 'appendIn' | 'committed' | 'mark' | 'rolledBack'>,
) {
  // Set when a write changed sealed secrets; the WAL is checkpointed once the outermost one commits.
  let secretsPending = false
  const transaction = <T>(fn: (tx: Tx) => T): T => {
    const before = audit.mark()
    let result: T
    try {
      result = db.transaction(fn, { behavior: 'immediate' })
    } catch (error) {
      audit.rolledBack(before)
      if (!db.$client.inTransaction) secretsPending = false
      if (isBusy(error)) throw busyError()
      throw error
    }
    if (!db.$client.inTransaction) {
      audit.committed()
      if (secretsPending) {
        secretsPending = false
        checkpointSecrets(db)
      }
    }
    return result
  }

  const recorder = (tx: Tx): Recorder => ({
    record: <T>(event: AuditEntry, value?: T) => {
      audit.appendIn(tx, event)
      return { value } as unknown as Recorded<T>
    },
    also: (event: AuditEntry) => {
      audit.appendIn(tx, event)
    },
  })

  /** Runs `fn` in one BEGIN IMMEDIATE transaction with the audit event it must record. */
  const write = <T>(fn: WriteFn<T>): T => transaction((tx) => fn(tx, recorder(tx)).value)

  /** An event that records no other change (an export, a failed sign-in), in its own transaction. */
  const record = (event: AuditEntry): void => write((_tx, a) => a.record(event))

  /**
   * A change that is not something a person did and so has no audit event (the bundled catalog's
   * cache, leases). `why` is for the reader of the call site.
   */
  const writeUnrecorded = <T>(_why: string, fn: (tx: Tx) => T): T => transaction(fn)

  /**
   * A secret was written, rotated or deleted: the WAL still holds the pages from before (old sealed
   * copies the live keys open), so it is checkpointed after the outermost transaction commits.
   */
  const secretsChanged = (): void => {
    if (db.$client.inTransaction) secretsPending = true
    else checkpointSecrets(db)
  }

  return { write, record, writeUnrecorded, secretsChanged }
}

export type Writer = ReturnType<typeof createWriter>
