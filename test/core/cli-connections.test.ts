// `switchboard clients …` and `switchboard connections …` as a user runs them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.ts'
import { makeDefinition } from '../support/definitions.ts'
import { tempDir } from '../support/temp-core.ts'

const work = tempDir('switchboard-cli-conn-')
afterAll(() => rmSync(work, { recursive: true, force: true }))
const passphrase = 'correct horse battery'
const secret = 'sk_test_CLIsecret00000000004242'

function run(
  dataDir: string,
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined> } = {},
) {
  return runCli(['--data-dir', dataDir, ...args], {
    input: options.input ?? '',
    env: { SWITCHBOARD_PASSPHRASE: passphrase, ...options.env },
  })
}

describe('switchboard clients and connections', () => {
  const data = join(work, 'data')

  it('adds and lists clients', () => {
    expect(run(data, ['clients', 'list'])).toMatchObject({
      code: 0,
      stdout: '(no clients yet: switchboard clients add <name>)\n',
    })
    expect(run(data, ['clients', 'add', 'Acme Corp'])).toMatchObject({
      code: 0,
      stdout: 'added client acme-corp (Acme Corp)\n',
    })
    expect(JSON.parse(run(data, ['clients', 'list', '--json']).stdout)).toMatchObject([
      { id: 'acme-corp', connectionCount: 0 },
    ])
    expect(run(data, ['clients', 'add', 'ACME corp'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is already a client named “Acme Corp” (acme-corp)'),
    })
  })

  it('creates a connection with secrets from stdin and never prints them', () => {
    const created = run(
      data,
      [
        'connections',
        'create',
        '--integration',
        'stripe',
        '--client',
        'acme-corp',
        '--env',
        'sandbox',
        '--secret-stdin',
      ],
      {
        input: JSON.stringify({ apiKey: secret }),
      },
    )
    expect(created).toMatchObject({ code: 0, stdout: 'created conn_stripe_acme-corp_sandbox (connected)\n' })
    const shown = run(data, ['connections', 'show', 'conn_stripe_acme-corp_sandbox'])
    expect(shown.stdout).toMatch(/Secrets\s+apiKey sk_test_…4242 \(v1/)
    const listed = run(data, ['connections', 'list', '--json', '--env', 'sandbox'])
    for (const output of [created, shown, listed]) expect(output.stdout + output.stderr).not.toContain(secret)
  })

  it('names each invalid field, an unknown integration, client or environment, and a duplicate id', () => {
    const create = (overrides: { integration?: string; client?: string; env?: string }, ...extra: string[]) =>
      run(data, [
        ...['connections', 'create', '--integration', overrides.integration ?? 'stripe'],
        ...['--client', overrides.client ?? 'acme-corp', '--env', overrides.env ?? 'production', ...extra],
      ])
    const badConfig = create({}, '--config', '{"accountId":"x"}')
    expect(badConfig.code).toBe(1)
    expect(badConfig.stderr).toContain(
      'switchboard: The connection is not valid (1 problem).\n  config.accountId: Connected account must start with acct_ — Optional: act on behalf of a connected account (acct_…).\n',
    )
    const badSecret = run(
      data,
      [
        'connections',
        'create',
        '--integration',
        'stripe',
        '--client',
        'acme-corp',
        '--env',
        'production',
        '--secret-stdin',
      ],
      { input: '{}' },
    )
    expect(badSecret.stderr).toContain('  secrets.apiKey: Secret key is required.')
    expect(create({ integration: 'nope' }).stderr).toContain('No integration definition "nope"')
    expect(create({ client: 'nobody' }).stderr).toContain('No client "nobody"')
    expect(create({ env: 'staging' }).stderr).toContain('--env must be sandbox or production')
    expect(create({ env: 'sandbox' }).stderr).toContain('already exists')
    expect(create({}, '--config', '{nope').stderr).toContain('--config is not valid JSON')
    expect(JSON.parse(run(data, ['connections', 'list', '--json']).stdout)).toHaveLength(1)
  })

  it('refuses a wrong passphrase, changing nothing', () => {
    const wrong = run(
      data,
      ['connections', 'rotate-secret', 'conn_stripe_acme-corp_sandbox', '--secret-stdin'],
      {
        input: JSON.stringify({ apiKey: 'sk_test_other000000000000000001' }),
        env: { SWITCHBOARD_PASSPHRASE: 'not the passphrase' },
      },
    )
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('Wrong passphrase.') })
    expect(run(data, ['connections', 'show', 'conn_stripe_acme-corp_sandbox']).stdout).toContain(
      'sk_test_…4242 (v1',
    )
  })

  it('rotates, updates config, exports and imports on another data folder', () => {
    expect(
      run(data, ['connections', 'rotate-secret', 'conn_stripe_acme-corp_sandbox', '--secret-stdin'], {
        input: JSON.stringify({ apiKey: 'sk_test_rotated000000000000009999' }),
      }).stdout,
    ).toBe('rotated conn_stripe_acme-corp_sandbox: apiKey sk_test_…9999 v2\n')
    expect(
      run(data, [
        'connections',
        'update-config',
        'conn_stripe_acme-corp_sandbox',
        '--config',
        '{"accountId":"acct_1"}',
      ]).code,
    ).toBe(0)
    const plainFile = join(work, 'plain.json')
    expect(run(data, ['connections', 'export', '--out', plainFile]).stdout).toContain('no secrets included')
    expect(readFileSync(plainFile, 'utf8')).not.toContain('sk_test_rotated')
    const sealedFile = join(work, 'moving.sbvault')
    expect(
      run(data, ['connections', 'export', '--out', sealedFile, '--passphrase-stdin'], {
        input: 'moving day passphrase\n',
      }).code,
    ).toBe(0)
    const other = join(work, 'other')
    const wrong = run(other, ['connections', 'import', sealedFile, '--passphrase-stdin'], {
      input: 'wrong passphrase here\n',
    })
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Wrong passphrase, or the file was changed.'),
    })
    expect(
      run(other, ['connections', 'import', sealedFile, '--passphrase-stdin'], {
        input: 'moving day passphrase\n',
      }).stdout,
    ).toBe('imported 1 client(s), 1 connection(s), 1 secret(s)\n')
    expect(run(other, ['connections', 'show', 'conn_stripe_acme-corp_sandbox']).stdout).toContain(
      'sk_test_…9999',
    )
  })

  it('removes a client only with --yes, and deletes connections', () => {
    expect(run(data, ['clients', 'remove', 'acme-corp']).code).toBe(1)
    expect(run(data, ['connections', 'delete', 'conn_stripe_acme-corp_sandbox']).stdout).toBe(
      'deleted conn_stripe_acme-corp_sandbox\n',
    )
    expect(run(data, ['clients', 'remove', 'acme-corp', '--yes']).stdout).toContain(
      'removed client acme-corp and 0 connection(s)',
    )
  })
})

describe('the vault from the CLI', () => {
  const data = join(work, 'vault-data')
  const derivations = (stderr: string) => stderr.split('vault: passphrase key derived (scrypt)').length - 1
  const withoutPassphrase = { SWITCHBOARD_PASSPHRASE: undefined }

  it('with no vault yet and no terminal, says so and how to create one', () => {
    const result = runCli(['--data-dir', data, 'clients', 'add', 'Initech'], { env: withoutPassphrase })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('There is no vault yet')
    expect(result.stderr).toContain('set SWITCHBOARD_PASSPHRASE')
    expect(result.stderr).not.toContain('The vault is locked')
    expect(runCli(['--data-dir', data, 'clients', 'list', '--json']).stdout).toBe('[]\n')
  })

  it('derives the passphrase key once in a command that needs the vault, never in one that does not', () => {
    const added = run(data, ['--verbose', 'clients', 'add', 'Initech'])
    expect(added.code).toBe(0)
    expect(derivations(added.stderr)).toBe(1)
    const created = run(
      data,
      [
        '--verbose',
        ...['connections', 'create', '--integration', 'stripe', '--client', 'initech'],
        '--env',
        'sandbox',
        '--secret-stdin',
      ],
      { input: JSON.stringify({ apiKey: secret }) },
    )
    expect(created.code).toBe(0)
    expect(derivations(created.stderr)).toBe(1)
    for (const args of [
      ['definitions', 'list', '--json'],
      ['clients', 'list'],
      ['connections', 'list', '--json'],
    ]) {
      const result = runCli(['--data-dir', data, '--verbose', ...args], { env: withoutPassphrase })
      expect(result.code).toBe(0)
      expect(derivations(result.stderr)).toBe(0)
    }
    expect(derivations(run(data, ['--verbose', 'definitions', 'list', '--json']).stderr)).toBe(0)
  })

  it('lists real statuses when SWITCHBOARD_PASSPHRASE is set, and says why "locked" when it is not', () => {
    const opened = run(data, ['--verbose', 'connections', 'list'])
    expect(opened.stdout).toMatch(/conn_stripe_initech_sandbox\s+initech\s+stripe\s+sandbox\s+connected/)
    expect(derivations(opened.stderr)).toBe(1)
    expect(run(data, ['connections', 'show', 'conn_stripe_initech_sandbox']).stdout).toMatch(
      /Status\s+connected/,
    )
    const shut = runCli(['--data-dir', data, 'connections', 'list'], { env: withoutPassphrase })
    expect(shut.stdout).toMatch(/conn_stripe_initech_sandbox\s+initech\s+stripe\s+sandbox\s+locked/)
    expect(shut.stderr).toContain(
      '"locked" means this command did not open the vault: set SWITCHBOARD_PASSPHRASE',
    )
  })

  it('doctor opens the vault the same way, and fails its check on a wrong passphrase', () => {
    const report = JSON.parse(run(data, ['doctor', '--json']).stdout) as {
      vault: { state: string }
      checks: { name: string; ok: boolean; detail: string }[]
    }
    expect(report.vault.state).toBe('unlocked')
    expect(report.checks).toContainEqual({
      name: 'vault',
      ok: true,
      detail: 'opens with SWITCHBOARD_PASSPHRASE',
    })
    const wrong = run(data, ['doctor'], { env: { SWITCHBOARD_PASSPHRASE: 'not the passphrase' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toMatch(/Check vault\s+FAILED — SWITCHBOARD_PASSPHRASE does not open it/)
    const shut = runCli(['--data-dir', data, 'doctor'], { env: withoutPassphrase })
    expect(shut.code).toBe(0)
    expect(shut.stdout).toMatch(/Vault\s+locked, passphrase set\n/)
    expect(shut.stdout).toMatch(/Check vault\s+ok — passphrase set; commands that need secrets ask for it/)
  })
})

describe('switchboard connections upgrade', () => {
  const data = join(work, 'upgrade')
  const version = (v: string, strict: boolean) =>
    makeDefinition('acme-api', {
      version: v,
      configSchema: strict
        ? {
            type: 'object',
            properties: {
              region: { type: 'string', enum: ['eu', 'us'] },
              tenant: { type: 'string', minLength: 1 },
              timeout: { type: 'integer', default: 30 },
            },
            required: ['region', 'tenant'],
          }
        : { type: 'object', properties: { region: { type: 'string' } } },
    })
  const importVersion = (v: string, strict: boolean) => {
    const file = join(work, `acme-api-${v}.json`)
    writeFileSync(file, JSON.stringify(version(v, strict)))
    return run(data, ['definitions', 'import', file])
  }
  const id = 'conn_acme-api_acme_sandbox'

  it('plans, refuses what does not fit naming each field, and applies with the settings given', () => {
    expect(importVersion('1.0.0', false).code).toBe(0)
    expect(run(data, ['clients', 'add', 'Acme']).code).toBe(0)
    const created = run(data, [
      'connections',
      'create',
      '--integration',
      'acme-api',
      '--client',
      'acme',
      '--env',
      'sandbox',
      '--config',
      '{"region":"mars"}',
    ])
    expect(created.code).toBe(0)
    expect(importVersion('2.0.0', true).code).toBe(0)

    const plan = run(data, ['connections', 'upgrade', id, '--dry-run'])
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain(`plan for ${id}: 1.0.0 → 2.0.0`)
    expect(plan.stdout).toContain('config.tenant: added (new setting)')
    expect(plan.stdout).toMatch(/config\.region: .*one of eu or us/)
    expect(plan.stdout).toContain('give the fields above with --config')

    const refused = run(data, ['connections', 'upgrade', id])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('config.region')
    expect(refused.stderr).toContain('config.tenant')
    expect(JSON.parse(run(data, ['connections', 'show', id, '--json']).stdout)).toMatchObject({
      definitionVersion: '1.0.0',
      config: { region: 'mars' },
    })

    const bad = run(data, ['connections', 'upgrade', id, '--config', '[1]'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--config')

    const applied = run(data, ['connections', 'upgrade', id, '--config', '{"region":"eu","tenant":"t-1"}'])
    expect(applied).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`upgraded ${id}: 1.0.0 → 2.0.0`),
    })
    expect(JSON.parse(run(data, ['connections', 'show', id, '--json']).stdout)).toMatchObject({
      definitionVersion: '2.0.0',
      config: { region: 'eu', tenant: 't-1', timeout: 30 },
    })
    const again = run(data, ['connections', 'upgrade', id, '--to', '2.0.0'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('2.0.0 is not a newer version')
  })
})
