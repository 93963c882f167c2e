// The audit trail: append-only rows, each carrying the SHA-256 of its predecessor's hash and its own
// content, so that an edited or removed row breaks the chain and verify() finds where.
import { createHash } from 'node:crypto'
import { desc, lt } from 'drizzle-orm'
import type { AuditEvent, AuditPage, AuditVerification } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import { auditEvents } from '../db/schema.ts'
import type { Clock } from '../host.ts'

export interface AuditEntry {
  action: string
  target?: string | null
  details?: Record<string, unknown>
}

const genesis = '0'.repeat(64)

interface RawAuditRow {
  seq: number
  at: string
  actor: string
  action: string
  target: string | null
  details: string
  prev_hash: string
  hash: string
}

/** JSON with sorted keys, so the same event always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

interface HashedFields {
  at: string
  actor: string
  action: string
  target: string | null
  details: unknown
}

/** Picks the hashed fields explicitly: rows read back carry more columns than were hashed. */
function hashOf(prevHash: string, { at, actor, action, target, details }: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonical({ at, actor, action, target, details }))
    .digest('hex')
}

export function createAuditLog(db: Db, clock: Clock, actor: string) {
  const append = (entry: AuditEntry): AuditEvent =>
    db.transaction((tx) => {
      const last = tx
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .orderBy(desc(auditEvents.seq))
        .limit(1)
        .get()
      const prevHash = last?.hash ?? genesis
      const row = {
        at: clock.now().toISOString(),
        actor,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details ?? {},
      }
      const hash = hashOf(prevHash, row)
      const inserted = tx
        .insert(auditEvents)
        .values({ ...row, prevHash, hash })
        .returning()
        .get()
      return { seq: inserted.seq, ...row, hash }
    })

  const list = ({ limit = 100, before }: { limit?: number; before?: number }): AuditPage => {
    const rows = db
      .select()
      .from(auditEvents)
      .where(before ? lt(auditEvents.seq, before) : undefined)
      .orderBy(desc(auditEvents.seq))
      .limit(limit + 1)
      .all()
    const page = rows.slice(0, limit)
    return {
      events: page.map(({ prevHash: _prev, ...event }) => event),
      nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
    }
  }

  const verify = (): AuditVerification => {
    let prevHash = genesis
    let checked = 0
    // Streams rows (a long trail need not fit in memory); raw SQL because drizzle has no iterator.
    const rows = db.$client
      .prepare(
        'SELECT seq, at, actor, action, target, details, prev_hash, hash FROM audit_events ORDER BY seq',
      )
      .iterate() as IterableIterator<RawAuditRow>
    for (const row of rows) {
      const expected = hashOf(prevHash, { ...row, details: JSON.parse(row.details) as unknown })
      if (row.prev_hash !== prevHash || row.hash !== expected)
        return { ok: false, checked, brokenAt: row.seq }
      prevHash = row.hash
      checked++
    }
    return { ok: true, checked, brokenAt: null }
  }

  return { append, list, verify }
}

export type AuditLog = ReturnType<typeof createAuditLog>
