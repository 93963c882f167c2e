// The health settings (intervals and rotation policy per environment, concurrency, timeout): their
// defaults, and reading them from where the data folder keeps settings. A stored value that is not
// valid (an older version wrote it, someone edited the file) falls back to the default for that field
// only, never to a crash.
import { healthSettingLimits, type HealthSettings } from '../../contract/health.ts'

export const defaultHealthSettings: HealthSettings = {
  intervalMinutes: { production: 15, sandbox: 60 },
  rotationDays: { production: 90, sandbox: 180 },
  concurrency: 8,
  timeoutMs: 10_000,
}

/** Where the settings live: the data folder's settings table, or memory for a host without one. */
export interface SettingsStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export function memorySettings(): SettingsStore {
  const values = new Map<string, unknown>()
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) }
}

export const healthSettingsKey = 'health'

const within = (value: unknown, limits: { minimum: number; maximum: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= limits.minimum && value <= limits.maximum

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}

export function parseHealthSettings(stored: unknown): HealthSettings {
  const s = record(stored)
  const perEnv = (key: 'intervalMinutes' | 'rotationDays') => {
    const value = record(s[key])
    const limits = healthSettingLimits[key]
    return {
      production: within(value.production, limits) ? value.production : defaultHealthSettings[key].production,
      sandbox: within(value.sandbox, limits) ? value.sandbox : defaultHealthSettings[key].sandbox,
    }
  }
  return {
    intervalMinutes: perEnv('intervalMinutes'),
    rotationDays: perEnv('rotationDays'),
    concurrency: within(s.concurrency, healthSettingLimits.concurrency)
      ? s.concurrency
      : defaultHealthSettings.concurrency,
    timeoutMs: within(s.timeoutMs, healthSettingLimits.timeoutMs)
      ? s.timeoutMs
      : defaultHealthSettings.timeoutMs,
  }
}

export type HealthSettingsChange = {
  intervalMinutes?: Partial<HealthSettings['intervalMinutes']>
  rotationDays?: Partial<HealthSettings['rotationDays']>
  concurrency?: number
  timeoutMs?: number
}

export function mergeHealthSettings(current: HealthSettings, change: HealthSettingsChange): HealthSettings {
  return {
    intervalMinutes: { ...current.intervalMinutes, ...change.intervalMinutes },
    rotationDays: { ...current.rotationDays, ...change.rotationDays },
    concurrency: change.concurrency ?? current.concurrency,
    timeoutMs: change.timeoutMs ?? current.timeoutMs,
  }
}
