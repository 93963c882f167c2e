// The health settings (intervals and rotation policy per environment, concurrency, timeout) as one
// object, read from and written to the data folder's shared settings (contract/settings.ts holds
// their defaults and bounds, so the app, the CLI and the scheduler agree).
import type { HealthSettings } from '../../contract/health.ts'
import type { SettingKey, SettingValues } from '../../contract/settings.ts'
import { settingDefaults } from '../../contract/settings.ts'
import type { Environment } from '../../contract/types.ts'

export interface SettingsAccess {
  get<K extends SettingKey>(key: K): SettingValues[K]
  set<K extends SettingKey>(key: K, value: SettingValues[K]): void
}

const environments: Environment[] = ['production', 'sandbox']

const keyOf = {
  intervalMinutes: (env: Environment) => `health.intervalMinutes.${env}` as const,
  rotationDays: (env: Environment) => `health.rotationDays.${env}` as const,
}

const perEnvironment = (read: (env: Environment) => number): Record<Environment, number> => ({
  production: read('production'),
  sandbox: read('sandbox'),
})

export function readHealthSettings(settings: Pick<SettingsAccess, 'get'>): HealthSettings {
  return {
    intervalMinutes: perEnvironment((env) => settings.get(keyOf.intervalMinutes(env))),
    rotationDays: perEnvironment((env) => settings.get(keyOf.rotationDays(env))),
    concurrency: settings.get('health.concurrency'),
    timeoutMs: settings.get('health.timeoutMs'),
  }
}

/** The defaults, without a data folder (the scheduler's pure functions, tests). */
export const defaultHealthSettings: HealthSettings = readHealthSettings({
  get: (key) => settingDefaults[key],
})

export type HealthSettingsChange = {
  intervalMinutes?: Partial<HealthSettings['intervalMinutes']>
  rotationDays?: Partial<HealthSettings['rotationDays']>
  concurrency?: number
  timeoutMs?: number
}

/** Stores each changed value (the settings service checks its bounds and records the change). */
export function writeHealthSettings(settings: SettingsAccess, change: HealthSettingsChange): void {
  for (const env of environments) {
    const interval = change.intervalMinutes?.[env]
    if (interval !== undefined) settings.set(keyOf.intervalMinutes(env), interval)
    const rotation = change.rotationDays?.[env]
    if (rotation !== undefined) settings.set(keyOf.rotationDays(env), rotation)
  }
  if (change.concurrency !== undefined) settings.set('health.concurrency', change.concurrency)
  if (change.timeoutMs !== undefined) settings.set('health.timeoutMs', change.timeoutMs)
}
