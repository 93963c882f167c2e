// Leases: what must happen in one process at a time across every host on this data folder (a token
// refresh, a scheduled check, a backup). A lease is a row taken in a BEGIN IMMEDIATE transaction — so
// two processes can never both see it free — with an expiry, so a holder that crashed blocks the
// others only until then. Whoever takes a lease re-reads the state it protects before acting on it.
// In-memory single-flight stays the fast path inside one process; this is the cross-process one.
import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Clock } from '../host.ts'
import { leases } from './schema.ts'
import type { Writer } from './write.ts'

export interface LeaseDeps {
  writer: Writer
  clock: Clock
  /** Who this process is, for the row (and for people reading it): host kind and pid. */
  holderPrefix: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function createLeases({ writer, clock, holderPrefix }: LeaseDeps) {
  const holder = `${holderPrefix}:${process.pid}:${randomUUID().slice(0, 8)}`

  /** Takes the lease if it is free, expired or already ours; true when this process now holds it. */
  const take = (name: string, ttlMs: number): boolean =>
    writer.writeUnrecorded('a lease is coordination between processes, not a change', (tx) => {
      const now = clock.now().getTime()
      const row = tx.select().from(leases).where(eq(leases.name, name)).get()
      if (row && row.holder !== holder && row.expiresAt > now) return false
      const values = {
        name,
        holder,
        expiresAt: now + ttlMs,
        acquiredAt: new Date(now).toISOString(),
      }
      tx.insert(leases).values(values).onConflictDoUpdate({ target: leases.name, set: values }).run()
      return true
    })

  const release = (name: string): void => {
    writer.writeUnrecorded('a lease is coordination between processes, not a change', (tx) =>
      tx
        .delete(leases)
        .where(and(eq(leases.name, name), eq(leases.holder, holder)))
        .run(),
    )
  }

  /**
   * Waits (polling) until the lease is ours, at most `waitMs`; false if another process kept it that
   * long. The holder's own expiry bounds the wait for a crashed holder.
   */
  const acquire = async (name: string, ttlMs: number, waitMs: number, pollMs = 50): Promise<boolean> => {
    const deadline = Date.now() + waitMs
    for (;;) {
      if (take(name, ttlMs)) return true
      if (Date.now() >= deadline) return false
      await sleep(pollMs)
    }
  }

  /**
   * Runs `fn` only if no other process holds the lease; another holder means "someone else is doing
   * it" and nothing runs here. The lease is released when `fn` settles.
   */
  const runOnce = async <T>(
    name: string,
    ttlMs: number,
    fn: () => Promise<T> | T,
  ): Promise<{ ran: true; value: T } | { ran: false }> => {
    if (!take(name, ttlMs)) return { ran: false }
    try {
      return { ran: true, value: await fn() }
    } finally {
      release(name)
    }
  }

  return { holder, take, release, acquire, runOnce }
}

export type Leases = ReturnType<typeof createLeases>
