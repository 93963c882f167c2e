// Shared settings, stored in the data folder's database (so the app and the CLI agree), each change
// recorded in the audit trail with the change itself.
import { eq } from 'drizzle-orm'
import {
  settingBounds,
  settingDefaults,
  type SettingKey,
  type SettingValues,
} from '../../contract/settings.ts'
import type { Db } from '../db/open.ts'
import { settings } from '../db/schema.ts'
import type { Writer } from '../db/write.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'

export function createSettings({ db, writer, clock }: { db: Db; writer: Writer; clock: Clock }) {
  const get = <K extends SettingKey>(key: K): SettingValues[K] => {
    const row = db.select().from(settings).where(eq(settings.key, key)).get()
    return (row ? row.value : settingDefaults[key]) as SettingValues[K]
  }

  const all = (): SettingValues =>
    Object.fromEntries(
      (Object.keys(settingDefaults) as SettingKey[]).map((key) => [key, get(key)]),
    ) as SettingValues

  const set = <K extends SettingKey>(key: K, value: SettingValues[K]): void => {
    const { min, max } = settingBounds[key]
    if (!Number.isInteger(value) || value < min || value > max)
      throw AppError.invalid(`${key} must be a whole number from ${min} to ${max}.`, [
        { path: key, message: `must be a whole number from ${min} to ${max}` },
      ])
    const at = clock.now().toISOString()
    writer.write((tx, audit) => {
      tx.insert(settings)
        .values({ key, value, updatedAt: at })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
        .run()
      return audit.record({ action: 'settings.changed', target: key, details: { key, value } })
    })
  }

  return { get, all, set }
}

export type Settings = ReturnType<typeof createSettings>
