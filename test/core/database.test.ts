import { cpSync, writeFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { resources } from '../../src-main/core/paths.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'
import { migrationCount } from '../support/migrations.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

function track(temp: TempCore): TempCore {
  cleanups.push(temp.dispose)
  return temp
}

describe('database', () => {
  it('opens with WAL, foreign keys and secure_delete on', () => {
    const { core } = track(createTempCore())
    expect(core.db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(core.db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(core.db.$client.pragma('secure_delete', { simple: true })).toBe(1)
    // FULL (2): a commit is on disk before the write returns.
    expect(core.db.$client.pragma('synchronous', { simple: true })).toBe(2)
    expect(core.db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
  })

  it('applies every migration once and records its checksum', () => {
    const temp = track(createTempCore())
    const rows = temp.core.db.$client
      .prepare('SELECT hash FROM __drizzle_migrations ORDER BY created_at')
      .all()
    const info = temp.core.info()
    expect(info.schemaVersion).toBe(migrationCount)
    expect(rows).toEqual(info.migrations.map((m) => ({ hash: m.checksum })))
    expect(info.migrations.every((m) => m.applied && m.intact)).toBe(true)
    // A second start applies nothing new.
    temp.core.close()
    const again = createTempCore({ dataDir: temp.dataDir })
    expect(again.core.db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: migrationCount,
    })
    again.core.close()
  })

  it('refuses to start when an applied migration was edited afterwards', () => {
    const migrationsDir = join(tempDir(), 'migrations')
    cpSync(resources().migrationsDir, migrationsDir, { recursive: true })
    const temp = track(createTempCore({ migrationsDir }))
    temp.core.close()
    appendFileSync(join(migrationsDir, '0000_audit_events.sql'), '\n-- edited later\n')
    let error: unknown
    try {
      createTempCore({ dataDir: temp.dataDir, migrationsDir })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'CHECK_FAILED',
      message: expect.stringContaining('0000_audit_events'),
    })
  })

  it('refuses a data folder written by a newer Switchboard, and leaves it untouched', () => {
    const temp = track(createTempCore())
    temp.core.db.$client
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('f'.repeat(64), 9_999_999_999_999)
    temp.core.close()
    expect(() => createTempCore({ dataDir: temp.dataDir })).toThrow(/newer Switchboard/)
  })

  it('rejects a migrations folder without a journal with a clear error', () => {
    const migrationsDir = tempDir()
    writeFileSync(join(migrationsDir, 'x.sql'), 'SELECT 1')
    expect(() => createTempCore({ migrationsDir })).toThrow(/_journal\.json/)
  })
})
