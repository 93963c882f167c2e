// Settings of a data folder that every host shares (the app, the CLI, the scheduler), with their
// defaults: one list, read by the core and shown by the renderer. Dependency-free on purpose.
export const settingDefaults = {
  /** How many backups the backups folder keeps (the newest; older ones are deleted). */
  'backups.keep': 7,
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
}
