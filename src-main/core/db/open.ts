import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** Opens (creating if needed) the SQLite file with the settings every host relies on. */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // In WAL mode NORMAL never corrupts the database; a power cut may lose only the last commits.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Deleted pages are zeroed, so removed rows (e.g. shredded keys) do not linger in the file.
  sqlite.pragma('secure_delete = ON')
  return drizzle({ client: sqlite, schema })
}
