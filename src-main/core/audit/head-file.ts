// The audit trail's latest head, kept outside the database (a small file in the data folder), so that
// cutting events off the end of the database is detected: the head names an event that must exist.
// Written after each commit; a crash between the two (or a power cut before the file reached the disk)
// leaves the file behind, which verify accepts: the database may be ahead of the file, never behind it.
// A head naming a keyed event carries a seal made with the vault key (chain.ts headMac), so it cannot
// be rewritten to match a shortened trail; and a trail with events but no head file is reported.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writePrivateFile } from '../db/private-files.ts'

export const auditHeadFileName = 'audit-head.json'

export interface AuditHead {
  seq: number
  hash: string
  /** HMAC of seq and hash with the audit key; absent only for heads of unkeyed events. */
  mac?: string
}

export type HeadRead = { state: 'missing' } | { state: 'unreadable' } | { state: 'ok'; head: AuditHead }

export function headFile(dataDir: string) {
  const file = join(dataDir, auditHeadFileName)

  const read = (): HeadRead => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
      return { state: 'unreadable' }
    }
    try {
      const value = JSON.parse(text) as Partial<AuditHead>
      if (typeof value.seq === 'number' && typeof value.hash === 'string') {
        const { seq, hash, mac } = value
        return { state: 'ok', head: typeof mac === 'string' ? { seq, hash, mac } : { seq, hash } }
      }
    } catch {
      // fall through
    }
    return { state: 'unreadable' }
  }

  /**
   * Moves the head forward; never back (another process may have written a newer one meanwhile). Only
   * from a head the trail still holds (`holds`): a head naming events that are gone, or no head file
   * at all, stays as it is, so the next event cannot hide that the end of the trail was cut off.
   */
  const advance = (head: AuditHead, holds: (current: AuditHead) => boolean): void => {
    const current = read()
    if (current.state !== 'ok' || current.head.seq >= head.seq || !holds(current.head)) return
    // Not fsynced: a head one commit behind is accepted, and the rename never leaves half a file.
    writePrivateFile(file, JSON.stringify(head) + '\n', { durable: false })
  }

  /** Sets the head whatever it was: only after a restore, which deliberately goes back in time. */
  const reset = (head: AuditHead | null): void => {
    writePrivateFile(file, JSON.stringify(head ?? { seq: 0, hash: '' }) + '\n')
  }

  return { file, read, advance, reset }
}

export type HeadFile = ReturnType<typeof headFile>
