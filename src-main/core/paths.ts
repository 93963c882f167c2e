import { homedir } from 'node:os'
import { join } from 'node:path'

export const productName = 'Switchboard'

/**
 * The folder Electron's app.getPath('userData') gives a packaged Switchboard, computed without
 * Electron so the CLI opens the same data as the app on the same laptop.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), productName)
}

/** The data folder for a headless host: an explicit choice, then SWITCHBOARD_DATA_DIR, then the app's. */
export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.SWITCHBOARD_DATA_DIR || defaultDataDir(process.platform, env)
}
