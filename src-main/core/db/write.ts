// Every change to the database goes through write(): one BEGIN IMMEDIATE transaction that holds the
// change and the audit event recording it, so both commit or neither does, and two processes can never
// interleave inside one change or fork the audit chain. The callback must return what
// `audit.record(event, value)` gives back — forgetting the event is a type error, not a review note.
// Bookkeeping that records nothing a person did (caches, leases) says so with writeUnrecorded().
//
// Nested calls (a service that writes, called from another write) become savepoints of the outer
// transaction; the audit head is published to its file only after the outermost commit.
//
// writeSoon() is for records of reads (a read method's call row and its events): they wait a few
// milliseconds and commit together, one fsync for many, so recording a call costs little beside the
// call. Any other write, a lock of the vault, close, and every reader of what they record flush them
// first, so the audit chain keeps the order things happened in and readers see them at once.
// commitSoon() joins the same batch for bookkeeping whose caller needs the result (a health check's
// row): its promise settles once the batch has committed, so nothing is reported before it is durable.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AuditHost } from '../../contract/types.ts'
import type { AuditEntry, AuditLog } from '../audit/audit-log.ts'
import type { Tx } from './tx.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../host.ts'
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

/**
 * The host acting for work started within asHost() (the scheduler inside the app): its events name
 * it rather than the process's host. Kept across awaits, and taken when a record is queued, since a
 * batch commits later, outside that work.
 */
const actingHost = new AsyncLocalStorage<AuditHost>()

/** How long a writeSoon() record waits for others to commit with. */
export const batchDelayMs = 20
/** A batch this large commits at once, without waiting for the delay. */
export const batchLimit = 256

export function createWriter(
  db: Db,
  audit: Pick<AuditLog, 'appendIn' | 'committed' | 'mark' | 'rolledBack'>,
  logger?: Pick<Logger, 'error'>,
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

  const recorder = (tx: Tx, host = actingHost.getStore()): Recorder => {
    const append = (event: AuditEntry) => audit.appendIn(tx, host && !event.host ? { ...event, host } : event)
    return {
      record: <T>(event: AuditEntry, value?: T) => {
        append(event)
        return { value } as unknown as Recorded<T>
      },
      also: append,
    }
  }

  /** A waiting record; `settle` (commitSoon's) hears its outcome once the batch commits or fails. */
  interface Job {
    why: string
    fn: (tx: Tx, audit: Recorder) => unknown
    host: AuditHost | undefined
    settle?: (error: unknown) => void
  }
  let queue: Job[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null
      flushQuietly()
    }, batchDelayMs)
  }

  const flushQuietly = () => {
    try {
      flush()
    } catch {
      // Logged by flush; records of reads stay queued (another try is scheduled), commitSoon() heard it.
    }
  }

  /**
   * Runs `fn` in one transaction that first commits the waiting writeSoon() records, each in its own
   * savepoint (one bad record, e.g. of a connection deleted meanwhile, does not cost the others): one
   * commit, one fsync, for the records and the change. If the transaction fails they stay queued.
   */
  const withWaiting = <T>(fn: (tx: Tx) => T): T => {
    if (!queue.length || db.$client.inTransaction) return transaction(fn)
    if (timer) clearTimeout(timer)
    timer = null
    const batch = queue
    queue = []
    const outcomes = new Map<Job, unknown>()
    let result: T
    try {
      result = transaction((tx) => {
        for (const job of batch) {
          try {
            transaction(() => job.fn(tx, recorder(tx, job.host)))
            outcomes.set(job, null)
          } catch (error) {
            if (!job.settle) logger?.error('a deferred record failed', { why: job.why, error: String(error) })
            outcomes.set(job, error)
          }
        }
        return fn(tx)
      })
    } catch (error) {
      // Records of reads wait for the next try; a commitSoon() caller hears why at once.
      for (const job of batch) job.settle?.(error)
      queue = [...batch.filter((job) => !job.settle), ...queue]
      if (queue.length) schedule()
      throw error
    }
    for (const job of batch) job.settle?.(outcomes.get(job))
    return result
  }

  /** Commits the waiting writeSoon() records now. */
  const flush = (): void => {
    if (!queue.length || db.$client.inTransaction) return
    try {
      withWaiting(() => undefined)
    } catch (error) {
      // Busy or a locked vault: they stay queued for the next flush.
      logger?.error('deferred records could not be written yet', {
        records: queue.length,
        error: String(error),
      })
      throw error
    }
  }

  /** Runs `fn` in one BEGIN IMMEDIATE transaction with the audit event it must record. */
  const write = <T>(fn: WriteFn<T>): T => withWaiting((tx) => fn(tx, recorder(tx)).value)

  /**
   * A record of a read (see the top of this file): committed within batchDelayMs with the others
   * waiting, or at the next write, flush or close. `why` is for the reader of the call site.
   */
  const writeSoon = (why: string, fn: WriteFn<void>): void => {
    queue.push({ why, fn, host: actingHost.getStore() })
    if (queue.length >= batchLimit) flush()
    else schedule()
  }

  /**
   * Bookkeeping that records nothing a person did (like writeUnrecorded) committed with the waiting
   * batch: one fsync for many. Resolves with `fn`'s result once committed; rejects if it failed.
   */
  const commitSoon = <T>(why: string, fn: (tx: Tx) => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let value: T
      queue.push({
        why,
        fn: (tx) => {
          value = fn(tx)
        },
        host: actingHost.getStore(),
        settle: (error) => (error === null ? resolve(value) : reject(error)),
      })
      if (queue.length >= batchLimit) flushQuietly()
      else schedule()
    })

  /** An event that records no other change (an export, a failed sign-in), in its own transaction. */
  const record = (event: AuditEntry): void => write((_tx, a) => a.record(event))

  /**
   * A change that is not something a person did and so has no audit event (the bundled catalog's
   * cache, leases). `why` is for the reader of the call site.
   */
  const writeUnrecorded = <T>(_why: string, fn: (tx: Tx) => T): T => withWaiting(fn)

  /**
   * A secret was written, rotated or deleted: the WAL still holds the pages from before (old sealed
   * copies the live keys open), so it is checkpointed after the outermost transaction commits.
   */
  const secretsChanged = (): void => {
    if (db.$client.inTransaction) secretsPending = true
    else checkpointSecrets(db)
  }

  /** Runs `fn` (and what it awaits) as the work of `host`: the scheduler's checks and backups. */
  const asHost = <T>(host: AuditHost, fn: () => T): T => actingHost.run(host, fn)

  return { write, writeSoon, commitSoon, flush, record, writeUnrecorded, secretsChanged, asHost }
}

export type Writer = ReturnType<typeof createWriter>
