// Applies drizzle-kit's migrations (the app and the CLI both call this at start-up) and reports each
// one's state. drizzle records a SHA-256 of every migration it applies; we compare those records with
// the files on disk so that an edited migration, or a database from a newer Switchboard, is caught
// before anything writes to it.
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MigrationStatus } from '../../contract/types.ts'
import { AppError } from '../errors.ts'
import type { Db } from './open.ts'

const journalTable = '__drizzle_migrations'

interface AppliedRow {
  hash: string
  created_at: number
}

function journalTags(folder: string): Map<number, string> {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[]
  }
  return new Map(journal.entries.map((entry) => [entry.when, entry.tag]))
}

function appliedRows(db: Db): AppliedRow[] {
  const exists = db.$client
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(journalTable)
  if (!exists) return []
  return db.$client
    .prepare(
      `SELECT hash, CAST(created_at AS INTEGER) AS created_at FROM ${journalTable} ORDER BY created_at`,
    )
    .all() as AppliedRow[]
}

export function migrationStatus(db: Db, folder: string): MigrationStatus[] {
  const files = readMigrationFiles({ migrationsFolder: folder })
  const tags = journalTags(folder)
  const applied = new Map(appliedRows(db).map((row) => [row.created_at, row]))
  return files.map((file) => {
    const row = applied.get(file.folderMillis)
    return {
      tag: tags.get(file.folderMillis) ?? String(file.folderMillis),
      createdAt: new Date(file.folderMillis).toISOString(),
      applied: Boolean(row),
      checksum: file.hash,
      intact: !row || row.hash === file.hash,
    }
  })
}

/** Brings the schema up to date, refusing to touch a database whose history does not match ours. */
export function applyMigrations(db: Db, folder: string): MigrationStatus[] {
  const known = new Set(readMigrationFiles({ migrationsFolder: folder }).map((file) => file.folderMillis))
  const unknown = appliedRows(db).filter((row) => !known.has(row.created_at))
  if (unknown.length > 0) {
    throw new AppError(
      'CONFLICT',
      'This data folder was last opened by a newer Switchboard; update Switchboard to open it.',
      { unknownMigrations: unknown.length },
    )
  }
  const altered = migrationStatus(db, folder).filter((status) => !status.intact)
  if (altered.length > 0) {
    throw new AppError(
      'CHECK_FAILED',
      `Migration ${altered.map((m) => m.tag).join(', ')} changed after it was applied; refusing to continue.`,
      { migrations: altered.map((m) => m.tag) },
    )
  }
  migrate(db, { migrationsFolder: folder })
  return migrationStatus(db, folder)
}
