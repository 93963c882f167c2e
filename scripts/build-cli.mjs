// Builds the `switchboard` CLI into out/cli/: one esbuild bundle of our code and its packages, so a
// command loads a few files instead of ~700 modules through ~2,400 resolutions (issue 9's profile:
// 0.24× the time, a third of the memory). Native addons stay outside the bundle and load from
// node_modules: better-sqlite3's prebuilt binary, and pg's optional pg-native.
// The core is a separate chunk, imported only when a command runs: --help and --version stay lazy.
//
// Plain JavaScript, not TypeScript: `npm install` runs it (package.json's "prepare") before anything is
// built, on any Node the engines field allows.
//   node scripts/build-cli.mjs              build
//   node scripts/build-cli.mjs --quiet      build, printing only problems (npm run switchboard)
//   node scripts/build-cli.mjs --metafile   also write out/cli/meta.json (for esbuild's analyzer)
import { build } from 'esbuild'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { builtConnectors } from './built-connectors.mjs'

const root = join(import.meta.dirname, '..')
const outdir = join(root, 'out', 'cli')
const native = ['better-sqlite3', 'pg-native']

// The manifest's TypeScript connectors are entries of this build too, so they share its chunks (one
// CallFailure class); the core is told which file stands for which source.
const connectors = builtConnectors(root, 'out/cli')

rmSync(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: { switchboard: 'src-main/cli.ts', ...connectors.entries },
  define: connectors.define,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  external: native,
  // Packages written as CommonJS call require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __switchboardRequire } from 'node:module'; const require = __switchboardRequire(import.meta.url);",
  },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: process.argv.includes('--metafile'),
})
if (result.metafile) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile))
// On stderr: `npm run switchboard -- … --json` keeps a clean stdout.
if (!process.argv.includes('--quiet')) process.stderr.write(`built ${join('out', 'cli', 'switchboard.js')}\n`)
