// Backups of the database: SQLite's online backup (better-sqlite3's backup()) into the data folder's
// backups/ (0700, files 0600), daily and before every migration, keeping the newest N; restore from one
// (the current database kept aside first); and the start-up check that restores the newest backup when
// the database is damaged. Backups hold what the database holds: secrets only sealed.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors.ts'
import type { Db } from './open.ts'
import { databaseFiles } from './open.ts'
import { ensurePrivateDir, makePrivate } from './private-files.ts'

export const backupsFolderName = 'backups'
export const defaultBackupsKept = 7
export const dailyMs = 24 * 60 * 60 * 1000

export type BackupReason = 'daily' | 'pre-migration' | 'manual' | 'before-restore'

export interface BackupFile {
  file: string
  at: string
  reason: string
  bytes: number
}

const pattern = /^switchboard-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z-]+)\.db$/

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('.', '')
const fromStamp = (value: string) =>
  new Date(
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}.${value.slice(15, 18) || '000'}Z`,
  )

export function backupsDir(dataDir: string): string {
  return join(dataDir, backupsFolderName)
}

/** The backups in the folder, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupsDir(dataDir)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      file: join(dir, name),
      at: fromStamp(match[1] ?? '').toISOString(),
      reason: match[2] ?? 'manual',
      bytes: statSync(join(dir, name)).size,
    }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

/** Keeps the newest `keep` backups (made automatically or not) and deletes the rest. */
export function pruneBackups(dataDir: string, keep: number): void {
  for (const old of listBackups(dataDir).slice(Math.max(1, keep))) rmSync(old.file, { force: true })
}

function backupName(dataDir: string, at: Date, reason: BackupReason): string {
  ensurePrivateDir(backupsDir(dataDir))
  return join(backupsDir(dataDir), `switchboard-${stamp(at)}-${reason}.db`)
}

/** An online backup of the open database (other processes may go on writing meanwhile). */
export async function backupTo(db: Db, file: string): Promise<void> {
  await db.$client.backup(file)
  makePrivate(file)
}

export async function createBackup(db: Db, dataDir: string, at: Date, reason: BackupReason) {
  const file = backupName(dataDir, at, reason)
  await backupTo(db, file)
  return file
}

/**
 * A consistent copy made synchronously (VACUUM INTO), for the one moment that cannot wait for the
 * asynchronous backup(): start-up, just before a migration changes the schema.
 */
export function snapshotSync(db: Db, dataDir: string, at: Date, reason: BackupReason): string {
  const file = backupName(dataDir, at, reason)
  db.$client.prepare('VACUUM INTO ?').run(file)
  makePrivate(file)
  return file
}

/** Problems `PRAGMA quick_check` finds in a database file; [] when it is sound. */
export function checkFile(file: string): string[] {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    const rows = sqlite.pragma('quick_check') as { quick_check: string }[]
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok')
    return problems
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)]
  } finally {
    sqlite?.close()
  }
}

/** Whether a file is a Switchboard database at all (before restoring from it). */
export function isSwitchboardDatabase(file: string): boolean {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    return Boolean(
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'").get(),
    )
  } catch {
    return false
  } finally {
    sqlite?.close()
  }
}

export interface Recovery {
  /** Where the damaged database was moved. */
  damagedFile: string
  problems: string[]
  /** The backup restored, or null when there was none (the data folder then starts empty). */
  restoredFrom: string | null
  at: string
}

/**
 * The start-up check: a database that fails quick_check is moved aside (with its -wal and -shm) and
 * the newest sound backup takes its place. Returns what happened, for the host to tell the user; null
 * when the database is sound (or does not exist yet).
 */
export function recoverIfDamaged(dataDir: string, file: string, at: Date): Recovery | null {
  if (!existsSync(file) || statSync(file).size === 0) return null
  const problems = checkFile(file)
  if (problems.length === 0) return null
  const damagedFile = `${file}.damaged-${stamp(at)}`
  for (const [index, path] of databaseFiles(file).entries()) {
    const suffix = ['', '-wal', '-shm'][index] ?? ''
    if (existsSync(path)) renameSync(path, `${damagedFile}${suffix}`)
  }
  const sound = listBackups(dataDir).find((backup) => checkFile(backup.file).length === 0)
  if (sound) {
    copyFileSync(sound.file, file)
    makePrivate(file)
  }
  return {
    damagedFile,
    problems: problems.slice(0, 10),
    restoredFrom: sound?.file ?? null,
    at: at.toISOString(),
  }
}

/**
 * Replaces the open database's content with a backup's, through SQLite's backup API (so other
 * connections see a consistent switch), after keeping the current content aside.
 */
export async function restoreFrom(db: Db, dataDir: string, file: string, at: Date): Promise<string> {
  if (!existsSync(file))
    throw AppError.invalid(`${file}: no such file.`, [{ path: 'file', message: 'does not exist' }])
  const problems = checkFile(file)
  if (problems.length)
    throw new AppError('CHECK_FAILED', `${file} is damaged (${problems[0]}); nothing was restored.`)
  if (!isSwitchboardDatabase(file))
    throw AppError.invalid(`${file} is not a Switchboard database; nothing was restored.`, [
      { path: 'file', message: 'is not a Switchboard database' },
    ])
  const keptAside = await createBackup(db, dataDir, at, 'before-restore')
  const source = new Database(file, { readonly: true })
  try {
    await source.backup(db.$client.name)
  } finally {
    source.close()
  }
  return keptAside
}
