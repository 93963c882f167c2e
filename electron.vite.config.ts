import react from '@vitejs/plugin-react'
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './src-main/hosting/csp.ts'

/** Writes the one CSP into the built index.html (dev keeps Vite's inline HMR preamble working). */
function cspMeta(): Plugin {
  return {
    name: 'switchboard-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
      ),
  }
}

/**
 * The manifest's connectors written as our own TypeScript, built as entries of the main bundle (so
 * they share its chunks), and which built file stands for which source (core/connectors/built-modules.ts).
 */
function builtConnectors(outDir: string) {
  const root = import.meta.dirname
  const manifestPath = join(root, 'definitions', 'connectors.manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    connectors?: Record<string, { module: string }>
  }
  const inputs: Record<string, string> = {}
  const map: Record<string, string> = {}
  for (const [name, entry] of Object.entries(manifest.connectors ?? {})) {
    const source = relative(root, resolve(dirname(manifestPath), entry.module))
      .split('\\')
      .join('/')
    if (!source.endsWith('.ts') || source.startsWith('..')) continue
    inputs[`connectors/${name}`] = source
    map[source] = `${outDir}/connectors/${name}.js`
  }
  return { inputs, define: { __SWITCHBOARD_BUILT_CONNECTORS__: JSON.stringify(JSON.stringify(map)) } }
}

const mainConnectors = builtConnectors('out/main')

export default defineConfig({
  main: {
    define: mainConnectors.define,
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: 'src-main/index.ts', ...mainConnectors.inputs } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle everything it uses into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src-preload/index.ts' },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), cspMeta()],
    resolve: {
      // @readme/httpsnippet (the Playground's snippets) imports Node's `url`; the browser gets the
      // npm port of it instead of Vite's throwing stub.
      alias: [{ find: /^url$/, replacement: 'url/url.js' }],
    },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: 'src-renderer/index.html' },
    },
  },
})
