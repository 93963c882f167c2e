// A connector module the manifest names as TypeScript source (definitions/connectors.manifest.json →
// src-main/…/google-sheets.ts) is, in a built Switchboard, compiled into the build beside the core
// (scripts/build-cli.mjs), sharing its chunks — so the connector's CallFailure is the runtime's
// CallFailure, and no TypeScript is loaded at run time. The build writes which file stands for which
// source into __SWITCHBOARD_BUILT_CONNECTORS__; from source (tests, `node src-main/cli.ts`) there is
// none, and the source itself is imported.
import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

declare const __SWITCHBOARD_BUILT_CONNECTORS__: string | undefined

/** Source path relative to the project root → built file relative to it (posix separators). */
const builtConnectors: Record<string, string> =
  typeof __SWITCHBOARD_BUILT_CONNECTORS__ === 'string'
    ? (JSON.parse(__SWITCHBOARD_BUILT_CONNECTORS__) as Record<string, string>)
    : {}

/**
 * The built file to import for the module at `file`, or `file` itself when there is none. `root` is
 * the project root, or a packaged app's resources folder (whose out/ is inside app.asar).
 */
export function moduleToImport(file: string, root: string): string {
  const built = builtConnectors[relative(root, file).split(sep).join('/')]
  if (!built) return file
  return [join(root, built), join(root, 'app.asar', built)].find((path) => existsSync(path)) ?? file
}
