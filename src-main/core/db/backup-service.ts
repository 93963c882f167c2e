// Backups as a service every host calls: made on request (`switchboard backup`, the Settings page),
// daily by whichever process holds the lease, and before every migration (createCore); restored on
// request, the current content kept aside first. Each is recorded in the audit trail. The file work
// itself (SQLite's online backup, quick_check, moving a damaged file aside) is in backup.ts.
import { basename, dirname, resolve } from 'node:path'
import type { BackupView, BackupsView, RecoveryView } from '../../contract/types.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import type { Settings } from '../settings/index.ts'
import {
  backupsDir,
  backupTo,
  createBackup,
  dailyMs,
  listBackups,
  pruneBackups,
  restoreFrom,
  type BackupReason,
} from './backup.ts'
import type { Leases } from './lease.ts'
import type { Db } from './open.ts'
import { makePrivate } from './private-files.ts'
import type { Writer } from './write.ts'

export interface BackupServiceDeps {
  db: Db
  dataDir: string
  clock: Clock
  writer: Writer
  leases: Leases
  settings: Settings
  audit: Pick<AuditLog, 'resetHead'>
  logger: Logger
  /** What start-up found, if the database was damaged. */
  recovery: RecoveryView | null
  /** False while the vault is locked: a backup is recorded with its key, so the daily one waits. */
  canRecord: () => boolean
}

/** How often a long-running host looks whether the daily backup is due. */
export const dailyCheckMs = 60 * 60 * 1000
const dailyLeaseMs = 10 * 60 * 1000

export function createBackupService(deps: BackupServiceDeps) {
  const { db, dataDir, clock, writer, leases, settings, logger } = deps
  const folder = backupsDir(dataDir)

  const viewOf = (backup: ReturnType<typeof listBackups>[number]): BackupView => ({
    name: basename(backup.file),
    at: backup.at,
    reason: backup.reason,
    bytes: backup.bytes,
  })

  const list = (): BackupsView => ({
    folder,
    backups: listBackups(dataDir).map(viewOf),
    keep: settings.get('backups.keep'),
    recovery: deps.recovery,
  })

  /** A backup into the backups folder (pruned to the kept number), or to `out` when given. */
  const create = async (reason: BackupReason = 'manual', out?: string): Promise<BackupView> => {
    let file: string
    if (out) {
      file = resolve(out)
      await backupTo(db, file)
      makePrivate(file)
    } else {
      file = await createBackup(db, dataDir, clock.now(), reason)
      pruneBackups(dataDir, settings.get('backups.keep'))
    }
    const made =
      listBackups(dataDir).find((backup) => backup.file === file) ??
      ({ file, at: clock.now().toISOString(), reason, bytes: 0 } as const)
    writer.record({ action: 'backup.created', details: { file: basename(file), reason } })
    return viewOf(made)
  }

  /** The backup of that name in the backups folder, or a file path the CLI was given. */
  const locate = (nameOrPath: string, allowPaths: boolean): string => {
    if (allowPaths) return resolve(nameOrPath)
    const known = listBackups(dataDir).find((backup) => basename(backup.file) === nameOrPath)
    if (!known)
      throw new AppError('NOT_FOUND', `There is no backup named ${nameOrPath} in ${folder}.`, {
        issues: [{ path: 'name', message: 'is not one of the backups' }],
      })
    return known.file
  }

  /**
   * Replaces the database's content with the backup's; what was there is kept aside as a backup
   * first. The audit trail goes back in time with it, so its head is reset, and the restore itself
   * is the first event after it.
   */
  const restore = async (nameOrPath: string, options: { allowPaths?: boolean } = {}) => {
    const file = locate(nameOrPath, options.allowPaths ?? false)
    // Records still waiting belong to the database being replaced (kept aside), not to the backup.
    writer.flush()
    const keptAside = await restoreFrom(db, dataDir, file, clock.now())
    deps.audit.resetHead()
    writer.record({
      action: 'backup.restored',
      details: {
        from: dirname(file) === folder ? basename(file) : file,
        keptAside: basename(keptAside),
      },
    })
    return { restoredFrom: file, keptAside: basename(keptAside) }
  }

  /** Makes the daily backup when the newest one is a day old, in one process only. */
  const runDaily = async (): Promise<'made' | 'not-due' | 'elsewhere' | 'locked'> => {
    if (!deps.canRecord()) return 'locked'
    const outcome = await leases.runOnce('backups.daily', dailyLeaseMs, async () => {
      const newest = listBackups(dataDir)[0]
      if (newest && clock.now().getTime() - Date.parse(newest.at) < dailyMs) return 'not-due' as const
      await create('daily')
      return 'made' as const
    })
    return outcome.ran ? outcome.value : 'elsewhere'
  }

  /** For hosts that stay up (the app, the bridge): checks now and every hour; returns a stop. */
  const startDaily = (): (() => void) => {
    const tick = () =>
      void writer.asHost('scheduler', runDaily).catch((error: unknown) =>
        logger.warn('daily backup failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
    tick()
    const timer = setInterval(tick, dailyCheckMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  const setKeep = (keep: number): BackupsView => {
    settings.set('backups.keep', keep)
    pruneBackups(dataDir, keep)
    return list()
  }

  return { list, create, restore, runDaily, startDaily, setKeep }
}

export type BackupService = ReturnType<typeof createBackupService>
