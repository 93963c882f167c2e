// After a secret is written, rotated or deleted, the WAL still holds the page images from before:
// old sealed copies that the live keys still open. A TRUNCATE checkpoint copies the pages into the
// database file (where secure_delete has zeroed the removed cells) and empties the WAL.
import type { Db } from './open.ts'

/**
 * Best effort: while another process reads, SQLite checkpoints what it can and the next call finishes.
 * Inside a transaction SQLite cannot checkpoint; whoever opened it calls this after committing.
 */
export function checkpointSecrets(db: Db): void {
  if (db.$client.inTransaction) return
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
}
