// The real PostgreSQL server of the export tests: scripts/start-test-postgres.sh starts one and exports
// SWITCHBOARD_TEST_POSTGRES_URL (.ci/run does). Without it, outside CI the tests that need it skip and
// say so in one line; under CI (CI=true) they fail instead, so CI never passes without them.
import { describe, expect, it } from 'vitest'

export const postgresUrl = process.env.SWITCHBOARD_TEST_POSTGRES_URL
const underCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0'

/** True where the PostgreSQL tests cannot run and may skip (not under CI). */
export const skipWithoutPostgres = !postgresUrl

/** Call once per test file that has PostgreSQL tests: the one-line notice, or CI's failure. */
export function reportPostgresAvailability(file: string): void {
  if (postgresUrl) return
  if (!underCi) {
    console.log(
      `${file}: PostgreSQL tests skipped (not under CI): SWITCHBOARD_TEST_POSTGRES_URL is unset; source scripts/start-test-postgres.sh to run them.`,
    )
    return
  }
  describe('a real PostgreSQL server in CI', () => {
    it('is configured', () => {
      expect.fail(
        'SWITCHBOARD_TEST_POSTGRES_URL is unset in CI; .ci/run should source scripts/start-test-postgres.sh',
      )
    })
  })
}
