// `switchboard definitions …` as a user runs it: the real bin, real files, a real SQLite data folder.
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { recordedActions } from '../support/audit-file.ts'
import { runCli, type CliOptions } from '../support/cli.ts'
import { makeDefinition } from '../support/definitions.ts'
import { postgresUrl, reportPostgresAvailability, skipWithoutPostgres } from '../support/postgres.ts'
import { tempDir } from '../support/temp-core.ts'

const work = tempDir('switchboard-cli-defs-')
afterAll(() => rmSync(work, { recursive: true, force: true }))
reportPostgresAvailability('cli-definitions.test')

const run = (dataDir: string, ...args: string[]) => runCli(['--data-dir', dataDir, ...args])
const runWith = (options: CliOptions, dataDir: string, ...args: string[]) =>
  runCli(['--data-dir', dataDir, ...args], options)

function file(name: string, value: unknown): string {
  const path = join(work, name)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}

describe('switchboard definitions', () => {
  const dataDir = join(work, 'data')

  it('lists the bundled catalog, as a table and as JSON', () => {
    const table = run(dataDir, 'definitions', 'list')
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^ID\s+NAME\s+VERSION\s+CATEGORY\s+AUTH\s+METHODS/)
    expect(table.stdout).toMatch(/\nstripe\s+Stripe\s+1\.0\.0\s+payments\s+apikey\s+5\n/)
    const json = JSON.parse(
      run(dataDir, 'definitions', 'list', '--json', '--category', 'payments').stdout,
    ) as {
      definitions: { integrationId: string }[]
    }
    expect(json.definitions.map((d) => d.integrationId)).toContain('stripe')
    expect(run(dataDir, 'definitions', 'list', '--search', 'refund', '--json').stdout).toContain('"stripe"')
  })

  it('shows one definition and fails clearly for an unknown one', () => {
    expect(run(dataDir, 'definitions', 'show', 'stripe').stdout).toContain(
      'refunds.create      Refund a payment     POST /v1/refunds',
    )
    const missing = run(dataDir, 'definitions', 'show', 'nope')
    expect(missing).toMatchObject({ code: 1, stderr: 'switchboard: No integration definition "nope".\n' })
  })

  it('validate prints one line per error (file, JSON path, reason) and exits 1', () => {
    const good = file('good.json', makeDefinition('good'))
    const bad = file('bad.json', { ...makeDefinition('bad'), version: 'one', authType: 'oauth2' })
    const broken = file('broken.json', '{"integrationId":')
    const result = run(dataDir, 'definitions', 'validate', good, bad, broken)
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines.some((l) => l.startsWith(`${bad}: version: `))).toBe(true)
    expect(lines.some((l) => l.startsWith(`${broken}: (root): is not valid JSON`))).toBe(true)
    expect(result.stdout).toBe('1 valid, 2 invalid\n')
    expect(run(dataDir, 'definitions', 'validate', good).code).toBe(0)
    // Nothing was imported by validate.
    expect(run(dataDir, 'definitions', 'show', 'good').code).toBe(1)
  })

  it('imports, refuses a downgrade, and accepts it with --force', () => {
    const v2 = file('acme-v2.json', makeDefinition('acme', { version: '2.0.0' }))
    const v1 = file('acme-v1.json', makeDefinition('acme', { version: '1.0.0' }))
    expect(run(dataDir, 'definitions', 'import', v2)).toMatchObject({
      code: 0,
      stdout: `imported  ${v2}  (acme 2.0.0)\n`,
    })
    const downgrade = run(dataDir, 'definitions', 'import', v1)
    expect(downgrade.code).toBe(1)
    expect(downgrade.stderr).toContain(`${v1}: version: acme 1.0.0 is not newer than the installed 2.0.0`)
    expect(run(dataDir, 'definitions', 'import', v1, '--force')).toMatchObject({
      code: 0,
      stdout: `upgraded  ${v1}  (acme 2.0.0 → 1.0.0)\n`,
    })
    expect(run(dataDir, 'definitions', 'rollback', 'acme', '2.0.0')).toMatchObject({
      code: 0,
      stdout: 'acme is now at 2.0.0\n',
    })
  })

  it('refuses a 100 MB file without reading it', () => {
    const huge = join(work, 'huge.json')
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, 100 * 1024 * 1024)
    closeSync(fd)
    const result = run(dataDir, 'definitions', 'import', huge)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${huge}: (root): is 100.0 MB; files over 32 MB are refused\n`)
  })

  it('exports a JSON bundle and PostgreSQL SQL that runs', async () => {
    const out = join(work, 'bundle.json')
    expect(run(dataDir, 'definitions', 'export', '--format', 'json', '--out', out).code).toBe(0)
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as {
      format: string
      definitions: { integrationId: string }[]
    }
    expect(bundle.format).toBe('switchboard.definitions')
    expect(bundle.definitions.length).toBeGreaterThanOrEqual(31)
    const sql = run(dataDir, 'definitions', 'export', '--format', 'sql', '--id', 'stripe', 'acme')
    expect(sql.code).toBe(0)
    const pg = new PGlite()
    await pg.exec(sql.stdout)
    const rows = await pg.query<{ integration_id: string }>(
      'SELECT integration_id FROM integration_definitions ORDER BY 1',
    )
    expect(rows.rows.map((r) => r.integration_id)).toEqual(['acme', 'stripe'])
    await pg.close()
    expect(run(dataDir, 'definitions', 'export', '--format', 'yaml')).toMatchObject({ code: 1 })
  })

  // The server comes from scripts/start-test-postgres.sh (CI); test/support/postgres.ts.
  it.skipIf(skipWithoutPostgres)('pushes into a real PostgreSQL server, idempotently', () => {
    // The password never goes on the command line: from PGPASSWORD, or piped in.
    const withPassword = new URL(postgresUrl ?? '')
    const password = decodeURIComponent(withPassword.password)
    withPassword.password = ''
    const url = withPassword.toString()
    const first = runWith(
      { env: { PGPASSWORD: password } },
      dataDir,
      'definitions',
      'push',
      '--postgres',
      url,
      '--id',
      'stripe',
      'slack',
      '--json',
    )
    expect(first.code).toBe(0)
    const counts = JSON.parse(first.stdout) as { inserted: number; updated: number; unchanged: number }
    expect(counts.inserted + counts.updated + counts.unchanged).toBe(2)
    const again = JSON.parse(
      runWith(
        { input: `${password}\n` },
        dataDir,
        'definitions',
        'push',
        '--postgres',
        url,
        '--password-stdin',
        '--id',
        'stripe',
        'slack',
        '--json',
      ).stdout,
    )
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    // Each push is in the trail: where to (no user name, no password) and what.
    const pushed = recordedActions(dataDir, 'definitions.pushed')
    expect(pushed).toHaveLength(2)
    expect(pushed[0]?.details).toMatchObject({ inserted: counts.inserted })
    expect((pushed[0]?.details as { definitions: string[] }).definitions.sort()).toEqual(['slack', 'stripe'])
    if (password) expect(JSON.stringify(pushed)).not.toContain(password)
  })

  it('push refuses a password on the command line, and names a bad connection without its password', () => {
    const inUrl = run(
      dataDir,
      'definitions',
      'push',
      '--postgres',
      'postgres://me:hunter2secret@127.0.0.1:1/db',
      '--id',
      'stripe',
    )
    expect(inUrl.code).toBe(1)
    expect(inUrl.stderr).toContain('Leave the password out of --postgres')
    expect(inUrl.stderr).not.toContain('hunter2secret')
    const result = runWith(
      { input: 'hunter2secret\n' },
      dataDir,
      'definitions',
      'push',
      '--postgres',
      'postgres://me@127.0.0.1:1/db',
      '--password-stdin',
      '--id',
      'stripe',
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/127\.0\.0\.1:1/)
    expect(result.stderr).not.toContain('hunter2secret')
  })
})
