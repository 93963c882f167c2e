import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { builtConnectors } from './scripts/built-connectors.mjs'
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

// The manifest's TypeScript connectors, built as entries of the main bundle (sharing its chunks).
const mainConnectors = builtConnectors(import.meta.dirname, 'out/main')

export default defineConfig({
  main: {
    define: mainConnectors.define,
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: 'src-main/index.ts', ...mainConnectors.entries } },
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
