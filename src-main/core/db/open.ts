import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { closeSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { ensurePrivateDir, makePrivate, privateFileMode } from './private-files.ts'
import * as schema from './schema.ts'
import { busyTimeoutMs } from './write.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** The database file and the files SQLite keeps beside it. */
export const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`]

/** Opens (creating if needed) the SQLite file with the settings every host relies on. */
export function openDatabase(file: string): Db {
  ensurePrivateDir(dirname(file))
  // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
  closeSync(openSync(file, 'a', privateFileMode))
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: every commit is on disk before the call returns, so a power cut loses nothing that was
  // reported as saved (NORMAL could lose the last commits, and these are secrets and the audit trail).
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  // Another process's write transaction is waited for this long before a write gives up with BUSY.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  // Deleted pages are zeroed, so removed rows (e.g. shredded keys) do not linger in the file.
  sqlite.pragma('secure_delete = ON')
  for (const path of databaseFiles(file)) makePrivate(path)
  return drizzle({ client: sqlite, schema })
}
