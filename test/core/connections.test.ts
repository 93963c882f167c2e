// Clients and connections against a real SQLite file and the bundled catalog.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportResult } from '../../src-main/contract/types.ts'
import { makeDefinition } from '../support/definitions.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
beforeEach(async () => {
  temp = createTempCore()
  await temp.core.vault.setup('correct horse battery')
})
afterEach(() => temp.dispose())

const stripeKey = 'sk_test_51Hx0000000000000000004242'

describe('clients', () => {
  it('get readable, unique ids and a colour', () => {
    const a = temp.core.clients.create({ name: 'Acme Corp.' })
    const b = temp.core.clients.create({ name: 'Acme Corp' })
    expect([a.id, b.id]).toEqual(['acme-corp', 'acme-corp-2'])
    expect(a.colour).toBeTruthy()
    expect(() => temp.core.clients.create({ name: '   ' })).toThrow(/needs a name/)
  })

  it('refuses a name another client has, whatever its case or spacing, and changes nothing', () => {
    const acme = temp.core.clients.create({ name: 'Acme Corp' })
    const initech = temp.core.clients.create({ name: 'Initech' })
    for (const name of ['Acme Corp', 'acme corp', '  ACME   Corp ']) {
      let error: unknown
      try {
        temp.core.clients.create({ name })
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({
        code: 'CONFLICT',
        message: 'There is already a client named “Acme Corp” (acme-corp): give this one another name.',
        details: { issues: [{ path: 'name', message: 'is already the name of client acme-corp' }] },
      })
    }
    expect(() => temp.core.clients.update({ id: initech.id, name: 'ACME CORP' })).toThrow(/already a client/)
    expect(temp.core.clients.list().map((c) => c.name)).toEqual(['Acme Corp', 'Initech'])
    // Its own name in another case is a rename, not a clash.
    expect(temp.core.clients.update({ id: acme.id, name: 'ACME Corp' }).name).toBe('ACME Corp')
  })
})

describe('connections', () => {
  beforeEach(() => temp.core.clients.create({ name: 'Acme' }))

  it('are created with validated config (defaults applied), sealed secrets and masked hints', () => {
    const view = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    expect(view).toMatchObject({
      id: 'conn_stripe_acme_sandbox',
      clientName: 'Acme',
      integrationName: 'Stripe',
      definitionVersion: '1.0.0',
      status: 'connected',
      secretRef: 'vault:conn_stripe_acme_sandbox',
      missingSecrets: [],
      secrets: [{ field: 'apiKey', title: 'Secret key', hint: 'sk_test_…4242', version: 1 }],
    })
    expect(JSON.stringify(view)).not.toContain(stripeKey)
    expect(temp.core.connections.readSecrets(view.id)).toEqual({ apiKey: stripeKey })
  })

  it('name each failing config field and each missing secret, and write nothing', () => {
    const bad = () =>
      temp.core.connections.create({
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'sandbox',
        config: { accountId: 'nope' },
        secrets: {},
      })
    expect(bad).toThrow(/^The connection is not valid \(2 problems\)\.$/)
    expect(() => bad()).toThrow(
      expect.objectContaining({
        details: {
          issues: [
            {
              path: 'config.accountId',
              message:
                'Connected account must start with acct_ — Optional: act on behalf of a connected account (acct_…).',
            },
            { path: 'secrets.apiKey', message: 'Secret key is required.' },
          ],
        },
      }),
    )
    const noSecret = () =>
      temp.core.connections.create({
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'sandbox',
        secrets: {},
      })
    expect(noSecret).toThrow(
      expect.objectContaining({
        details: { issues: [{ path: 'secrets.apiKey', message: 'Secret key is required.' }] },
      }),
    )
    expect(temp.core.connections.list()).toEqual([])
  })

  it('refuse an unknown integration or client and a duplicate id', () => {
    expect(() =>
      temp.core.connections.create({ clientId: 'acme', integrationId: 'nope', environment: 'sandbox' }),
    ).toThrow(/No integration definition "nope"/)
    expect(() =>
      temp.core.connections.create({ clientId: 'nobody', integrationId: 'stripe', environment: 'sandbox' }),
    ).toThrow(/No client "nobody"/)
    temp.core.connections.create({ clientId: 'acme', integrationId: 'stripe', environment: 'sandbox' })
    expect(() =>
      temp.core.connections.create({ clientId: 'acme', integrationId: 'stripe', environment: 'sandbox' }),
    ).toThrow(/already exists/)
  })

  it('rotate secrets under a new version and destroy the old', () => {
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    const before = temp.core.db.$client
      .prepare('SELECT sealed FROM connection_secrets WHERE connection_id = ?')
      .get(id) as { sealed: Buffer }
    const rotated = temp.core.connections.rotateSecret(id, { apiKey: 'sk_test_rotated0000000000009999' })
    expect(rotated.secrets).toMatchObject([{ version: 2, hint: 'sk_test_…9999' }])
    const rows = temp.core.db.$client
      .prepare('SELECT sealed FROM connection_secrets WHERE connection_id = ?')
      .all(id) as { sealed: Buffer }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]?.sealed.equals(before.sealed)).toBe(false)
    expect(temp.core.connections.readSecrets(id)).toEqual({ apiKey: 'sk_test_rotated0000000000009999' })
  })

  it('duplicate sandbox to production with the config and without the secrets', () => {
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      config: { accountId: 'acct_123' },
      secrets: { apiKey: stripeKey },
    })
    const copy = temp.core.connections.duplicate(id, { environment: 'production' })
    expect(copy).toMatchObject({
      id: 'conn_stripe_acme_production',
      environment: 'production',
      config: { accountId: 'acct_123' },
      secrets: [],
      missingSecrets: ['apiKey'],
      status: 'disconnected',
    })
  })

  it('filter by client and environment', () => {
    temp.core.clients.create({ name: 'Beta' })
    temp.core.connections.create({ clientId: 'acme', integrationId: 'stripe', environment: 'sandbox' })
    temp.core.connections.create({ clientId: 'beta', integrationId: 'stripe', environment: 'production' })
    expect(temp.core.connections.list({ clientId: 'beta' }).map((c) => c.id)).toEqual([
      'conn_stripe_beta_production',
    ])
    expect(temp.core.connections.list({ environment: 'sandbox' }).map((c) => c.id)).toEqual([
      'conn_stripe_acme_sandbox',
    ])
  })

  it('stay pinned to their definition version and upgrade with a plan of what changed', async () => {
    const v1 = makeDefinition('acme-api', {
      configSchema: { type: 'object', properties: { region: { type: 'string', default: 'eu' } } },
    })
    const v2 = makeDefinition('acme-api', {
      version: '2.0.0',
      configSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', enum: ['eu', 'us'] },
          timeout: { type: 'integer', default: 30 },
        },
        required: ['region'],
      },
    })
    await temp.core.definitions.importFiles([{ name: 'v1.json', content: JSON.stringify(v1) }])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'acme-api',
      environment: 'sandbox',
    })
    await temp.core.definitions.importFiles([{ name: 'v2.json', content: JSON.stringify(v2) }])
    expect(temp.core.connections.get(id)).toMatchObject({
      definitionVersion: '1.0.0',
      upgradeAvailable: '2.0.0',
      config: { region: 'eu' },
    })
    const plan = await temp.core.dispatch('connections.upgrade', { id, apply: false })
    expect(plan).toMatchObject({
      ok: true,
      value: {
        from: '1.0.0',
        to: '2.0.0',
        config: { region: 'eu', timeout: 30 },
        issues: [],
        changes: [
          { path: 'config.region', change: 'changed' },
          { path: 'config.timeout', change: 'added' },
          { path: 'config.region', change: 'changed', detail: 'now required' },
        ],
        applied: false,
      },
    })
    expect(temp.core.connections.get(id).definitionVersion).toBe('1.0.0')
    await temp.core.dispatch('connections.upgrade', { id, apply: true })
    expect(temp.core.connections.get(id)).toMatchObject({
      definitionVersion: '2.0.0',
      upgradeAvailable: null,
      config: { region: 'eu', timeout: 30 },
    })
  })

  it('refuse an upgrade whose config no longer fits, changing nothing', async () => {
    await temp.core.definitions.importFiles([
      { name: 'v1.json', content: JSON.stringify(makeDefinition('acme-api')) },
    ])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'acme-api',
      environment: 'sandbox',
      config: { region: 'apac' },
    })
    const v2 = makeDefinition('acme-api', {
      version: '1.1.0',
      configSchema: { type: 'object', properties: { region: { enum: ['eu', 'us'] } } },
    })
    await temp.core.definitions.importFiles([{ name: 'v2.json', content: JSON.stringify(v2) }])
    const outcome = await temp.core.dispatch('connections.upgrade', { id, apply: true })
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        details: { issues: [{ path: 'config.region', message: 'region must be one of eu or us.' }] },
      },
    })
    expect(temp.core.connections.get(id).definitionVersion).toBe('1.0.0')
  })

  it('upgrade with the settings filled in for the new version, checked against it', async () => {
    await temp.core.definitions.importFiles([
      { name: 'v1.json', content: JSON.stringify(makeDefinition('acme-api')) },
    ])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'acme-api',
      environment: 'sandbox',
      config: { region: 'apac' },
    })
    const v2 = makeDefinition('acme-api', {
      version: '2.0.0',
      configSchema: {
        type: 'object',
        properties: { region: { enum: ['eu', 'us'] }, tenant: { type: 'string', minLength: 1 } },
        required: ['tenant'],
      },
    })
    await temp.core.definitions.importFiles([{ name: 'v2.json', content: JSON.stringify(v2) }])
    const planned = await temp.core.dispatch('connections.upgrade', {
      id,
      apply: false,
      config: { region: 'eu' },
    })
    expect(planned).toMatchObject({
      ok: true,
      value: { config: { region: 'eu' }, issues: [{ path: 'config.tenant' }], applied: false },
    })
    const refused = await temp.core.dispatch('connections.upgrade', {
      id,
      apply: true,
      config: { region: 'eu' },
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'config.tenant' }] } },
    })
    expect(temp.core.connections.get(id)).toMatchObject({
      definitionVersion: '1.0.0',
      config: { region: 'apac' },
    })
    const bad = await temp.core.dispatch('connections.upgrade', { id, apply: true, config: 'eu' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    await temp.core.dispatch('connections.upgrade', {
      id,
      apply: true,
      config: { region: 'eu', tenant: 't-1' },
    })
    expect(temp.core.connections.get(id)).toMatchObject({
      definitionVersion: '2.0.0',
      config: { region: 'eu', tenant: 't-1' },
    })
  })
})

/** An export with secrets as the renderer asks for it: the main process writes it; here it is read back. */
async function exportWithSecrets(): Promise<string> {
  const outcome = await temp.core.dispatch('connections.export', {
    passphrase: 'moving day passphrase',
    vaultPassphrase: 'correct horse battery',
  })
  if (!outcome.ok) throw new Error(outcome.error.message)
  const { savedTo, content } = outcome.value as ExportResult
  expect(content).toBeNull()
  if (!savedTo) throw new Error('not saved')
  return readFileSync(savedTo, 'utf8')
}

describe('moving laptops', () => {
  it('exports secrets only with the vault passphrase again, written by the core, never returned', async () => {
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    const exported = () => temp.core.audit.list({}).events.filter((e) => e.action === 'connections.exported')
    const without = await temp.core.dispatch('connections.export', { passphrase: 'chosen by a script' })
    expect(without).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'vaultPassphrase' }] } },
    })
    const wrong = await temp.core.dispatch('connections.export', {
      passphrase: 'chosen by a script',
      vaultPassphrase: 'a guess at the vault',
    })
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', details: { issues: [{ path: 'vaultPassphrase' }] } },
    })
    expect(exported()).toEqual([])
    expect(existsSync(join(temp.dataDir, 'exports'))).toBe(false)

    const outcome = await temp.core.dispatch('connections.export', {
      passphrase: 'moving day passphrase',
      vaultPassphrase: 'correct horse battery',
    })
    if (!outcome.ok) throw new Error(outcome.error.message)
    const result = outcome.value as ExportResult
    expect(result).toMatchObject({ includesSecrets: true, content: null })
    expect(JSON.stringify(result)).not.toContain('payload')
    const savedTo = result.savedTo ?? ''
    expect(savedTo.startsWith(join(temp.dataDir, 'exports'))).toBe(true)
    expect(statSync(savedTo).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(savedTo, 'utf8'))).toMatchObject({ encrypted: true })
    expect(exported()).toHaveLength(1)
  })

  it('exports with a passphrase and imports everything, secrets included, on another data folder', async () => {
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    const content = await exportWithSecrets()
    expect(content).not.toContain(stripeKey)

    const other = createTempCore()
    try {
      await other.core.vault.setup('another laptop pass')
      const wrong = await other.core.dispatch('connections.import', {
        content,
        passphrase: 'not the passphrase',
      })
      expect(wrong).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
      expect(other.core.clients.list()).toEqual([])
      const done = await other.core.dispatch('connections.import', {
        content,
        passphrase: 'moving day passphrase',
      })
      expect(done).toMatchObject({ ok: true, value: { clients: 1, connections: 1, secrets: 1 } })
      expect(other.core.connections.readSecrets('conn_stripe_acme_sandbox')).toEqual({ apiKey: stripeKey })
      const again = await other.core.dispatch('connections.import', {
        content,
        passphrase: 'moving day passphrase',
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    } finally {
      other.dispose()
    }
  })

  it('refuses a file (or key slot) asking scrypt for too much before deriving anything', async () => {
    temp.core.clients.create({ name: 'Acme' })
    const envelope = JSON.parse(await exportWithSecrets()) as { kdf: object }
    const crafted = [
      [{ N: 2 ** 26 }, 'kdf.N'],
      [{ N: 3000 }, 'kdf.N'],
      [{ N: 2 ** 14, r: 17 }, 'kdf.r'],
      [{ N: 2 ** 14, p: 5 }, 'kdf.p'],
    ] as const
    for (const [kdf, path] of crafted) {
      const content = JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, ...kdf } })
      // Without a passphrase too: the file is refused for what it is, not for a wrong guess.
      for (const passphrase of ['moving day passphrase', undefined]) {
        const outcome = await temp.core.dispatch('connections.import', {
          content,
          ...(passphrase ? { passphrase } : {}),
        })
        expect(outcome, JSON.stringify(kdf)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_ARGUMENT', details: { issues: [{ path }] } },
        })
      }
    }
    // A key slot in the database is held to the same bounds.
    temp.core.db.$client
      .prepare("UPDATE vault_key_slots SET kdf = json_set(kdf, '$.N', ?) WHERE kind = 'passphrase'")
      .run(2 ** 26)
    temp.core.vault.lock()
    await expect(temp.core.vault.unlock('correct horse battery')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })

  it('exports without a passphrase carrying no secrets, and rejects a damaged file', async () => {
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: stripeKey },
    })
    const file = await temp.core.dispatch('connections.export', {})
    if (!file.ok) throw new Error(file.error.message)
    const { content, includesSecrets } = file.value as { content: string; includesSecrets: boolean }
    expect(includesSecrets).toBe(false)
    expect(content).not.toContain(stripeKey)
    expect(JSON.parse(content)).toMatchObject({
      encrypted: false,
      content: { connections: [{ id: 'conn_stripe_acme_sandbox' }] },
    })
    expect(await temp.core.dispatch('connections.import', { content: '{"format":"other"}' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })
})
