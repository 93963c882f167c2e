// Where things are on disk: the user's data folder, and the resources Switchboard ships (bundled
// definitions, database migrations, the built renderer). This is the one module that knows the
// layouts; nothing else finds a file relative to its own module, because the same code runs
//   - from source (src-main/core/paths.ts, under the project root),
//   - bundled (the CLI in out/cli/, the Electron main process in out/main/, under the project root),
//   - packaged by electron-builder (out/ inside app.asar; definitions/ and migrations/ copied next to
//     it into process.resourcesPath by the "extraResources" of package.json).
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

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

export interface Resources {
  /** How they were found: from the project tree (source or a build in out/), or a packaged app. */
  layout: 'project' | 'packaged'
  /** The project root, or the packaged app's resources folder. */
  root: string
  /** Bundled integration definitions (JSON files). */
  definitionsDir: string
  /** drizzle-kit's migrations (SQL files and meta/_journal.json). */
  migrationsDir: string
  /** The built renderer (index.html and assets); in the project tree only once `npm run build` ran. */
  rendererDir: string
}

const migrationsJournal = (migrationsDir: string) => join(migrationsDir, 'meta', '_journal.json')

function projectResources(root: string): Resources {
  return {
    layout: 'project',
    root,
    definitionsDir: join(root, 'definitions'),
    migrationsDir: join(root, 'resources', 'migrations'),
    rendererDir: join(root, 'out', 'renderer'),
  }
}

function packagedResources(resourcesPath: string): Resources {
  return {
    layout: 'packaged',
    root: resourcesPath,
    definitionsDir: join(resourcesPath, 'definitions'),
    migrationsDir: join(resourcesPath, 'migrations'),
    // electron-builder packs out/** into app.asar, beside the extra resources.
    rendererDir: join(resourcesPath, 'app.asar', 'out', 'renderer'),
  }
}

/**
 * Finds the shipped resources. `from` is where the running code lives (this module's folder, which
 * the bundlers keep as the output file's folder); `resourcesPath` is Electron's
 * process.resourcesPath (undefined under plain Node).
 */
export function locateResources(
  from: string = import.meta.dirname,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): Resources {
  if (resourcesPath && existsSync(migrationsJournal(join(resourcesPath, 'migrations')))) {
    return packagedResources(resourcesPath)
  }
  // The project root is the nearest folder above the code that holds both definitions/ and the
  // migrations: src-main/core/ from source, out/cli/ or out/main/ when built.
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = projectResources(dir)
    if (existsSync(migrationsJournal(candidate.migrationsDir)) && existsSync(candidate.definitionsDir)) {
      return candidate
    }
    if (dirname(dir) === dir) break
  }
  throw new Error(
    `Switchboard's resources (definitions/ and resources/migrations/) were not found above ${from}` +
      (resourcesPath ? ` nor in ${resourcesPath}` : '') +
      ': the installation is incomplete.',
  )
}

let located: Resources | undefined

/** The resources of this installation, located once per process. */
export function resources(): Resources {
  return (located ??= locateResources())
}
