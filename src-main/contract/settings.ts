// Settings of a data folder that every host shares (the app, the CLI, the scheduler), with their
// defaults: one list, read by the core and shown by the renderer. Dependency-free on purpose.
export const settingDefaults = {
  /** How many backups the backups folder keeps (the newest; older ones are deleted). */
  'backups.keep': 7,
  /** Minutes between scheduled health checks of production connections. */
  'health.intervalMinutes.production': 15,
  'health.intervalMinutes.sandbox': 60,
  /** Days after which a secret should be rotated (the health check's secret age), per environment. */
  'health.rotationDays.production': 90,
  'health.rotationDays.sandbox': 180,
  /** Health checks that may run at once. */
  'health.concurrency': 8,
  /** How long one part of a health check may take, in milliseconds. */
  'health.timeoutMs': 10_000,
  /** Minutes without activity after which the vault locks itself and wipes its keys; 0 never. */
  'vault.idleLockMinutes': 15,
} as const

export type SettingKey = keyof typeof settingDefaults
export type SettingValues = {
  -readonly [K in SettingKey]: (typeof settingDefaults)[K] extends number
    ? number
    : (typeof settingDefaults)[K]
}

/** Bounds the contract and the core both check. */
export const settingBounds: Record<SettingKey, { min: number; max: number }> = {
  'backups.keep': { min: 1, max: 100 },
  'health.intervalMinutes.production': { min: 1, max: 7 * 24 * 60 },
  'health.intervalMinutes.sandbox': { min: 1, max: 7 * 24 * 60 },
  'health.rotationDays.production': { min: 1, max: 3650 },
  'health.rotationDays.sandbox': { min: 1, max: 3650 },
  'health.concurrency': { min: 1, max: 64 },
  'health.timeoutMs': { min: 500, max: 120_000 },
  'vault.idleLockMinutes': { min: 0, max: 1440 },
}
