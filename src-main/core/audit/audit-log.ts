// The audit trail: append-only rows (triggers refuse UPDATE and DELETE), each hash covering its
// predecessor's, keyed by the vault (chain.ts), with the latest head also kept outside the database
// (head-file.ts). Events are appended only through db/write.ts, inside the transaction of the change
// they record: a change without its event, or an event without its change, cannot be committed.
import { and, desc, eq, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type {
  AuditEvent,
  AuditExport,
  AuditFilter,
  AuditHost,
  AuditPage,
  AuditVerification,
} from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import { auditEvents, connections } from '../db/schema.ts'
import { placeholdersFor } from '../db/placeholders.ts'
import type { Tx } from '../db/tx.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import { currentFormat, genesisHash, headMac, linkHash } from './chain.ts'
import { headFile, type AuditHead } from './head-file.ts'

/** How long a new head waits before it is written to the head file. */
export const headDelayMs = 20

export interface AuditEntry {
  action: string
  /** What the event is about; defaults to the connection, then the client. */
  target?: string | null
  /** The client the event concerns; looked up from the connection when not given. */
  client?: string | null
  connection?: string | null
  /** Never a secret: hints, field names, counts, ids. */
  details?: Record<string, unknown>
  /** The host that acted, when not the process's own (the scheduler within the app). */
  host?: AuditHost
}

export interface AuditDeps {
  db: Db
  clock: Clock
  /** The OS user. */
  actor: string
  host: AuditHost
  dataDir: string
  /** The vault's audit key while it is unlocked, else null. */
  auditKey(): Buffer | null
  /** Whether the vault has been set up: from then on every event must be keyed. */
  vaultInitialized(): boolean
}

type Row = typeof auditEvents.$inferSelect

interface RawAuditRow {
  seq: number
  at: string
  actor: string
  host: string
  action: string
  target: string | null
  details: string
  client_id: string | null
  connection_id: string | null
  prev_hash: string
  hash: string
  keyed: number
  format: number
}

const toEvent = ({ prevHash: _prev, format: _format, ...event }: Row): AuditEvent => event

export function createAuditLog(deps: AuditDeps) {
  const { db, clock, actor, host } = deps
  const head = headFile(deps.dataDir)
  /** The head appended by the transaction in progress, published once it commits. */
  let pending: AuditHead | null = null
  /** A head reset while the vault was locked (a recovery at start-up): sealed once the key is at hand. */
  let unsealedReset: AuditHead | null = null

  const sealed = (link: { seq: number; hash: string }, key: Buffer | null): AuditHead =>
    key ? { ...link, mac: headMac(key, link) } : link

  /** Appends one event inside `tx` (only db/write.ts calls this). */
  // Prepared once on the connection every transaction uses (see db/placeholders.ts).
  const lastLink = db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .prepare()
  const hashOf = db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.seq, sql.placeholder('seq')))
    .prepare()
  const clientOfConnection = db
    .select({ clientId: connections.clientId })
    .from(connections)
    .where(eq(connections.id, sql.placeholder('id')))
    .prepare()
  const insertEvent = db
    .insert(auditEvents)
    .values(
      placeholdersFor([
        'at',
        'actor',
        'host',
        'action',
        'target',
        'details',
        'clientId',
        'connectionId',
        'keyed',
        'format',
        'prevHash',
        'hash',
      ]),
    )
    .prepare()

  /** Appends one event inside the caller's transaction (only db/write.ts calls this). */
  const appendIn = (_tx: Tx, entry: AuditEntry): void => {
    const last = lastLink.get()
    const prevHash = last?.hash ?? genesisHash
    const key = deps.auditKey()
    // Once a key exists, an unkeyed event could be forged by anyone who can write the file: refuse.
    if (!key && deps.vaultInitialized())
      throw new AppError(
        'LOCKED',
        'The vault is locked: unlock it first. Every change is recorded in the audit trail with a key that only the unlocked vault has.',
      )
    const connectionId = entry.connection ?? null
    const clientId =
      entry.client ?? (connectionId ? (clientOfConnection.get({ id: connectionId })?.clientId ?? null) : null)
    const row = {
      at: clock.now().toISOString(),
      actor,
      host: entry.host ?? host,
      action: entry.action,
      target: entry.target ?? connectionId ?? entry.client ?? null,
      details: entry.details ?? {},
      clientId,
      connectionId,
      keyed: key !== null,
      format: currentFormat,
    }
    const hash = linkHash(prevHash, row, key)
    if (!hash) throw new Error('unreachable: an event is keyed only when the key is at hand')
    const { lastInsertRowid } = insertEvent.run({ ...row, prevHash, hash })
    pending = sealed({ seq: Number(lastInsertRowid), hash }, key)
  }

  // The head file is written at most every headDelayMs (a burst of commits writes it once), and at
  // once before a verify and on close. A crash in between leaves it behind the database, which verify
  // accepts; cutting events off meanwhile is still found, as the head written next names them.
  let unpublished: AuditHead | null = null
  let publishTimer: ReturnType<typeof setTimeout> | null = null
  const publish = (): void => {
    if (publishTimer) clearTimeout(publishTimer)
    publishTimer = null
    const next = unpublished
    unpublished = null
    if (next) {
      unsealedReset = null
      head.advance(
        next,
        (current) => current.seq === 0 || hashOf.get({ seq: current.seq })?.hash === current.hash,
      )
    }
    sealReset()
  }

  /** Seals the head a locked-vault reset left unsealed, if it is still the head and the key is here. */
  const sealReset = (): void => {
    const key = unsealedReset && deps.auditKey()
    if (!unsealedReset || !key) return
    const now = head.read()
    if (now.state === 'ok' && now.head.seq === unsealedReset.seq && now.head.hash === unsealedReset.hash)
      head.reset(sealed(unsealedReset, key))
    unsealedReset = null
  }

  /** Called by db/write.ts once the outermost transaction committed. */
  const committed = (): void => {
    const published = pending
    pending = null
    if (!published) return
    unpublished = published
    publishTimer ??= setTimeout(publish, headDelayMs)
  }

  const mark = () => pending
  /** Called by db/write.ts when a transaction (or a savepoint) rolled back. */
  const rolledBack = (before: AuditHead | null) => {
    pending = before
  }

  const conditions = (filter: AuditFilter): SQL | undefined => {
    const parts = [
      filter.clientId ? eq(auditEvents.clientId, filter.clientId) : undefined,
      filter.connectionId ? eq(auditEvents.connectionId, filter.connectionId) : undefined,
      filter.kind
        ? or(eq(auditEvents.action, filter.kind), like(auditEvents.action, `${filter.kind}.%`))
        : undefined,
      filter.since ? gte(auditEvents.at, new Date(filter.since).toISOString()) : undefined,
      filter.until ? lte(auditEvents.at, new Date(filter.until).toISOString()) : undefined,
    ].filter((part) => part !== undefined)
    return parts.length ? and(...parts) : undefined
  }

  const kinds = (): string[] =>
    db
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .orderBy(auditEvents.action)
      .all()
      .map((row) => row.action)

  const list = ({
    limit = 100,
    before,
    ...filter
  }: AuditFilter & { limit?: number; before?: number }): AuditPage => {
    const rows = db
      .select()
      .from(auditEvents)
      .where(and(before ? lt(auditEvents.seq, before) : undefined, conditions(filter)))
      .orderBy(desc(auditEvents.seq))
      .limit(limit + 1)
      .all()
    const page = rows.slice(0, limit)
    return {
      events: page.map(toEvent),
      nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      kinds: kinds(),
    }
  }

  /** The (filtered) trail as JSON Lines, oldest first: one event per line, hashes included. */
  const exportLines = (filter: AuditFilter = {}): AuditExport => {
    const rows = db.select().from(auditEvents).where(conditions(filter)).orderBy(auditEvents.seq).all()
    const at = clock.now().toISOString().slice(0, 10)
    return {
      fileName: `switchboard-audit-${at}.jsonl`,
      content:
        rows.map((row) => JSON.stringify({ ...toEvent(row), prevHash: row.prevHash })).join('\n') +
        (rows.length ? '\n' : ''),
      events: rows.length,
    }
  }

  const verify = (): AuditVerification => {
    publish()
    const key = deps.auditKey()
    let prevHash = genesisHash
    let prevSeq = 0
    let checked = 0
    let uncheckable = 0
    let firstKeyed: number | null = null
    let firstCurrent: number | null = null
    const hashes = new Map<number, string>()
    // Read the head first: an event committed meanwhile only makes the database longer than the head.
    const headNow = head.read()
    const headSeq = headNow.state === 'ok' ? headNow.head.seq : null
    const broken = (seq: number | null, reason: string): AuditVerification => ({
      ok: false,
      checked,
      brokenAt: seq,
      reason,
      keyChecked: key !== null,
      headSeq,
    })
    // Streams rows (a long trail need not fit in memory); raw SQL because drizzle has no iterator.
    const rows = db.$client
      .prepare(
        `SELECT seq, at, actor, host, action, target, details, client_id, connection_id, prev_hash, hash,
                keyed, format FROM audit_events ORDER BY seq`,
      )
      .iterate() as IterableIterator<RawAuditRow>
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        const missing = row.seq - prevSeq - 1
        return broken(
          row.seq,
          missing > 0
            ? `Event #${row.seq} does not follow event #${prevSeq}: ${missing === 1 ? `event #${prevSeq + 1} was removed` : `events #${prevSeq + 1}–#${row.seq - 1} were removed`}, or one of them was changed.`
            : `Event #${row.seq} does not link to event #${prevSeq}: one of them was changed.`,
        )
      }
      const keyed = row.keyed === 1
      if (row.format >= 2) firstCurrent ??= row.seq
      if (keyed) firstKeyed ??= row.seq
      else if (firstKeyed !== null && row.format >= 2)
        return broken(
          row.seq,
          `Event #${row.seq} is not keyed although the vault was set up before it (event #${firstKeyed}): it was rewritten without the vault key.`,
        )
      const expected = linkHash(
        prevHash,
        {
          at: row.at,
          actor: row.actor,
          host: row.host,
          action: row.action,
          target: row.target,
          details: JSON.parse(row.details) as unknown,
          clientId: row.client_id,
          connectionId: row.connection_id,
          keyed,
          format: row.format,
        },
        key,
      )
      if (expected === null) uncheckable++
      else if (expected !== row.hash)
        return broken(row.seq, `Event #${row.seq} was changed after it was written: its hash does not match.`)
      hashes.set(row.seq, row.hash)
      prevHash = row.hash
      prevSeq = row.seq
      checked++
    }
    if (firstCurrent !== null && firstKeyed === null && deps.vaultInitialized())
      return broken(
        firstCurrent,
        `The vault is set up but no event is keyed: the trail from event #${firstCurrent} on was rewritten without the vault key.`,
      )
    if (headNow.state === 'unreadable')
      return broken(null, `The audit head file (${head.file}) is unreadable.`)
    if (headNow.state === 'missing' && prevSeq > 0)
      return broken(
        null,
        `The audit head kept outside the database (${head.file}) is missing, so events cut off the end of the trail would go unnoticed: it was deleted.`,
      )
    if (headNow.state === 'ok') {
      const { head: h } = headNow
      // Once the trail is keyed its head is sealed; without the seal anyone could have written it (even
      // the empty head of a first start, which would hide any cut).
      if (key && firstKeyed !== null && h.mac !== headMac(key, h))
        return broken(
          null,
          `The audit head kept outside the database (${head.file}) is not sealed with the vault key: it was rewritten, so events may have been cut off the end of the trail.`,
        )
      if (h.seq > prevSeq)
        return broken(
          prevSeq + 1,
          `Event${h.seq > prevSeq + 1 ? `s #${prevSeq + 1}–#${h.seq} were` : ` #${h.seq} was`} removed from the end of the trail (the head kept outside the database names #${h.seq}).`,
        )
      if (h.seq > 0 && !hashes.has(h.seq))
        return broken(
          h.seq,
          `Event #${h.seq} was removed from the end of the trail (the head kept outside the database names it), and events were recorded after the cut.`,
        )
      if (h.seq > 0 && hashes.get(h.seq) !== h.hash)
        return broken(h.seq, `Event #${h.seq} does not match the head kept outside the database.`)
    }
    if (uncheckable > 0)
      return broken(
        null,
        `The links hold, but ${uncheckable} keyed event${uncheckable === 1 ? '' : 's'} could not be checked: unlock the vault to check them.`,
      )
    return { ok: true, checked, brokenAt: null, reason: null, keyChecked: key !== null, headSeq }
  }

  /** After a restore: the head is set to the restored database's last event. */
  const resetHead = (): void => {
    // A head from before a restore names events the restored trail does not have.
    if (publishTimer) clearTimeout(publishTimer)
    publishTimer = null
    unpublished = null
    const last = lastLink.get()
    const key = deps.auditKey()
    head.reset(last ? sealed({ seq: last.seq, hash: last.hash }, key) : null)
    unsealedReset = last && !key ? { seq: last.seq, hash: last.hash } : null
  }

  /**
   * Writes the head file of a trail that has no event yet. A trail with events and no head file is
   * left so: the file was deleted, and verify says so rather than a new head hiding it.
   */
  const initHead = (): void => {
    if (head.read().state === 'missing' && !lastLink.get()) resetHead()
  }

  return {
    appendIn,
    committed,
    mark,
    rolledBack,
    list,
    exportLines,
    verify,
    resetHead,
    initHead,
    /** Writes the head file now (on close). */
    publish,
    headFile: head.file,
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>
