import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Three projects: the core and shell logic in Node, the renderer in happy-dom, and end-to-end runs
// of the built renderer in Debian's Chromium (npm test builds first). The last line of a run is a
// plain "N passed, N failed, N skipped" summary (test/summary-reporter.ts).
// Timeouts leave at least 3× a test's typical time on a quiet 2-core machine: CI's may be slower or
// busier (the slowest, cli-auth's sign-in through a spawned CLI and Chromium, takes ~20 s when loaded).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts'],
          // The CLI tests run the built bundle; rebuild it first when a source is newer.
          globalSetup: ['test/support/cli-build.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Processed by Vite rather than loaded by Node, so a test's vi.mock('electron') reaches it.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [react()],
        // As in the app build: @readme/httpsnippet's `url` import gets the npm port of Node's module.
        resolve: { alias: [{ find: /^url$/, replacement: 'url/url.js' }] },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 60_000,
          // @rjsf/mantine's ESM build imports 'dayjs/plugin/customParseFormat' without its .js, which
          // Node's resolver refuses (dayjs has no exports map); let Vite resolve it, as the app build does.
          server: { deps: { inline: ['@rjsf/mantine'] } },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // expect.poll's 1 s default is short for a busy CI machine's browser (a sidebar label that
          // settles after a width transition missed it once).
          expect: { poll: { timeout: 10_000 } },
          // One browser at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
