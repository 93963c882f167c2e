// How one audit event is linked to the one before it. Pure functions, shared by append and verify.
//
// Format 2 (current): hash = HMAC-SHA-256(audit key, prevHash ‖ canonical event) ("keyed"). The audit
// key is derived from the vault's master key (HKDF), so whoever can write the database but has no vault
// key cannot rewrite an event and recompute the hashes after it. Before the vault is set up there is no
// key: those first events are SHA-256(prevHash ‖ canonical event), and from the first keyed event on
// every event must be keyed (an unkeyed one after it is a forgery). So a write while the vault is
// locked is refused (audit-log.ts): an unkeyed "written while locked" event would be indistinguishable
// from a rewritten one.
// Format 1 (the first rows, before keys and hosts): SHA-256 over prevHash and {at, actor, action,
// target, details}; kept so that trails written by older versions still verify.
import { createHash, createHmac, hkdfSync } from 'node:crypto'

export const genesisHash = '0'.repeat(64)
export const currentFormat = 2

/** The HKDF "info" that separates the audit key from every other use of the master key. */
const auditKeyInfo = 'switchboard|audit-chain|v1'

export function deriveAuditKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), auditKeyInfo, 32))
}

/** JSON with sorted keys, so the same event always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export interface ChainedFields {
  at: string
  actor: string
  host: string
  action: string
  target: string | null
  details: unknown
  clientId: string | null
  connectionId: string | null
  keyed: boolean
  format: number
}

/**
 * The hash of an event given its predecessor's. Picks the hashed fields explicitly: rows read back
 * carry more columns than were hashed. Returns null for a keyed event when no key is at hand.
 */
export function linkHash(prevHash: string, event: ChainedFields, key: Buffer | null): string | null {
  const { at, actor, host, action, target, details, clientId, connectionId, keyed, format } = event
  if (format === 1) {
    return createHash('sha256')
      .update(prevHash)
      .update(canonical({ at, actor, action, target, details }))
      .digest('hex')
  }
  const body = canonical({
    at,
    actor,
    host,
    action,
    target,
    details,
    client: clientId,
    connection: connectionId,
    keyed,
    format,
  })
  if (!keyed) return createHash('sha256').update(prevHash).update(body).digest('hex')
  if (!key) return null
  return createHmac('sha256', key).update(prevHash).update(body).digest('hex')
}

/**
 * The head file's seal: without it, whoever cuts events off the end of the database could also write
 * a head naming the new last event. The seal binds the head to the vault key, as the links are.
 */
export function headMac(key: Buffer, head: { seq: number; hash: string }): string {
  return createHmac('sha256', key).update(`switchboard|audit-head|${head.seq}|${head.hash}`).digest('hex')
}
