// Which connectors of definitions/connectors.manifest.json are our own TypeScript sources, for the
// builds that compile them with the core (scripts/build-cli.mjs, electron.vite.config.ts): the entry
// points to add, and the map the core reads to import the compiled file instead of the source
// (src-main/core/connectors/built-modules.ts). Plain JavaScript: `npm install`'s prepare runs it.
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** `outDir`: the build's folder relative to the project root (out/cli, out/main). */
export function builtConnectors(root, outDir) {
  const manifestPath = join(root, 'definitions', 'connectors.manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const entries = {}
  const map = {}
  for (const [name, entry] of Object.entries(manifest.connectors ?? {})) {
    const source = relative(root, resolve(dirname(manifestPath), entry.module))
      .split('\\')
      .join('/')
    if (!source.endsWith('.ts') || source.startsWith('..')) continue
    entries[`connectors/${name}`] = source
    map[source] = `${outDir}/connectors/${name}.js`
  }
  return { entries, define: { __SWITCHBOARD_BUILT_CONNECTORS__: JSON.stringify(JSON.stringify(map)) } }
}
