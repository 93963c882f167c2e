import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Three projects: the core and shell logic in Node, the renderer in happy-dom, and end-to-end runs
// of the built renderer in Debian's Chromium (npm test builds first). The last line of a run is a
// plain "N passed, N failed, N skipped" summary (test/summary-reporter.ts).
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts'],
          testTimeout: 20_000,
          // Processed by Vite rather than loaded by Node, so a test's vi.mock('electron') reaches it.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 20_000,
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
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
})
