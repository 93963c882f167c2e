// The vault's promises, each with a test that would catch its breach:
//  - secrets never appear in clear in the database, its WAL, the keyring store, logs, exports or any
//    response crossing the API boundary;
//  - a changed byte of a sealed secret is detected, and the connection is marked locked, not dropped;
//  - removing a client shreds its data key: its secrets cannot be opened even with the master key,
//    and the sealed key's bytes are gone from the database and WAL files.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Outcome } from '../../src-main/contract/errors.ts'
import type { Logger } from '../../src-main/core/host.ts'
import { secretHint } from '../../src-main/core/connections/secret-hint.ts'
import { secretAad } from '../../src-main/core/vault/vault.ts'
import { asFile, makeDefinition } from '../support/definitions.ts'
import { safeStorageProtector } from '../../src-main/safe-storage-protector.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

// electron-store imports `electron`, which cannot load here: only that module is replaced.
vi.mock('electron', () => ({ default: {} }))
const { default: ElectronStore } = await import('electron-store')

const planted = {
  create: 'sk_test_PLANTEDcreate7f3a9c2e1b0d',
  rotate: 'sk_test_PLANTEDrotate4e8d2a6b9c1f',
  invalid: 'PLANTEDinvalid-not-a-stripe-key-91c3',
  passphrase: 'PLANTED passphrase 5d1e',
  exportPassphrase: 'PLANTED export passphrase 77aa',
}

/** A reversible stand-in for the OS keyring's encryption, so real electron-store files can be scanned. */
const fakeSafeStorage = {
  encryptStringAsync: async (text: string) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
  decryptStringAsync: async (data: Buffer) => ({
    result: Buffer.from(data.map((b) => b ^ 0x5a)).toString(),
    shouldReEncrypt: false,
  }),
  getSelectedStorageBackend: () => 'gnome_libsecret',
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function leaks(haystack: Buffer | string, needles: string[]): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1')
  return needles.filter(
    (needle) => text.includes(needle) || text.includes(Buffer.from(needle, 'utf16le').toString('latin1')),
  )
}

describe('secrets never leak', () => {
  let temp: TempCore
  const logLines: string[] = []
  const responses: Outcome<unknown>[] = []
  const storeDir = tempDir('switchboard-keyring-')

  beforeEach(async () => {
    const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      logLines.push(JSON.stringify({ level, message, ...fields }))
    const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
    const kv = new ElectronStore({ cwd: storeDir, name: 'keyring' })
    temp = createTempCore({
      logger,
      keyProtector: safeStorageProtector(fakeSafeStorage, kv, { available: true, platform: 'linux' }),
    })
  })
  afterEach(() => temp.dispose())

  it('through every path: create, errors, rotate, exports, logs and responses', async () => {
    const call = async (name: string, args: unknown) => {
      const outcome = await temp.core.dispatch(name, args)
      responses.push(outcome)
      return outcome
    }
    await call('vault.setup', { passphrase: planted.passphrase })
    await call('clients.create', { name: 'Acme' })
    await call('connections.create', {
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: planted.create },
    })
    // Failures that carry secrets in their arguments: a secret failing its pattern, a bad config, a bad id.
    const invalid = await call('connections.create', {
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'production',
      secrets: { apiKey: planted.invalid },
    })
    expect(invalid.ok).toBe(false)
    await call('connections.create', {
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'production',
      config: { accountId: 1 },
      secrets: { apiKey: planted.create },
    })
    await call('connections.create', {
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: planted.create },
    })
    await call('connections.rotateSecret', {
      id: 'conn_stripe_acme_sandbox',
      secrets: { apiKey: planted.rotate },
    })
    await call('connections.rotateSecret', {
      id: 'conn_stripe_acme_sandbox',
      secrets: { apiKey: planted.invalid },
    })
    await call('vault.unlock', { passphrase: 'wrong passphrase!' })
    const plain = await call('connections.export', {})
    const sealed = await call('connections.export', {
      passphrase: planted.exportPassphrase,
      vaultPassphrase: planted.passphrase,
    })
    for (const name of [
      'connections.list',
      'connections.get',
      'clients.list',
      'vault.status',
      'audit.list',
      'app.info',
    ]) {
      await call(name, name === 'connections.get' ? { id: 'conn_stripe_acme_sandbox' } : {})
    }
    // The secret is really there, for the runtime:
    expect(temp.core.connections.readSecrets('conn_stripe_acme_sandbox')).toEqual({ apiKey: planted.rotate })
    temp.core.db.$client.pragma('wal_checkpoint(PASSIVE)')

    const all = Object.values(planted)
    expect(leaks(JSON.stringify(responses), all), 'API responses').toEqual([])
    expect(leaks(logLines.join('\n'), all), 'logs').toEqual([])
    for (const outcome of [plain, sealed]) expect(outcome.ok).toBe(true)
    expect(leaks(JSON.stringify(plain), all), 'export without passphrase').toEqual([])
    expect(leaks(JSON.stringify(sealed), all), 'export with passphrase').toEqual([])
    const files = [...filesUnder(temp.dataDir), ...filesUnder(storeDir)]
    expect(files.some((file) => file.endsWith('switchboard.db-wal'))).toBe(true)
    expect(files.some((file) => file.endsWith('keyring.json'))).toBe(true)
    for (const file of files) expect(leaks(readFileSync(file), all), file).toEqual([])
  })
})

describe('tampering and shredding', () => {
  let temp: TempCore
  beforeEach(async () => {
    temp = createTempCore()
    await temp.core.vault.setup('correct horse battery')
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: planted.create },
    })
  })
  afterEach(() => temp.dispose())

  it('a flipped byte of a sealed secret fails loudly and marks the connection locked, keeping everything', async () => {
    const sqlite = temp.core.db.$client
    const row = sqlite.prepare('SELECT sealed FROM connection_secrets').get() as { sealed: Buffer }
    const flipped = Buffer.from(row.sealed)
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 0x01
    sqlite.prepare('UPDATE connection_secrets SET sealed = ?').run(flipped)
    expect(() => temp.core.connections.readSecrets('conn_stripe_acme_sandbox')).toThrow(
      /conn_stripe_acme_sandbox is locked/,
    )
    const view = temp.core.connections.get('conn_stripe_acme_sandbox')
    expect(view).toMatchObject({
      status: 'locked',
      lastErrorMessage: expect.stringMatching(/cannot be decrypted/),
    })
    expect(view.secrets).toHaveLength(1)
    expect(
      (sqlite.prepare('SELECT sealed FROM connection_secrets').get() as { sealed: Buffer }).sealed.equals(
        flipped,
      ),
    ).toBe(true)
    // Entering the secret again unlocks it.
    temp.core.connections.rotateSecret('conn_stripe_acme_sandbox', { apiKey: planted.rotate })
    expect(temp.core.connections.get('conn_stripe_acme_sandbox').status).toBe('connected')
  })

  it('removing a client destroys its data key first: secrets unrecoverable, key bytes gone from DB and WAL', () => {
    const sqlite = temp.core.db.$client
    const key = sqlite.prepare('SELECT sealed FROM client_keys WHERE client_id = ?').get('acme') as {
      sealed: Buffer
    }
    const secret = sqlite.prepare('SELECT sealed, version, field FROM connection_secrets').get() as {
      sealed: Buffer
      version: number
      field: string
    }
    const removed = temp.core.clients.remove('acme')
    expect(removed).toEqual({ connections: 1 })
    expect(sqlite.prepare('SELECT count(*) AS n FROM client_keys').get()).toEqual({ n: 0 })
    expect(sqlite.prepare('SELECT count(*) AS n FROM connection_secrets').get()).toEqual({ n: 0 })
    // Even holding the master key (the vault is unlocked) and the old ciphertext, nothing opens it:
    // the data key it was sealed with no longer exists anywhere.
    expect(() =>
      temp.core.vault.openSecret(
        'acme',
        'conn_stripe_acme_sandbox',
        secret.field,
        secret.version,
        secret.sealed,
      ),
    ).toThrow(/no data key/)
    // And the sealed key's bytes are gone from the files.
    for (const name of ['switchboard.db', 'switchboard.db-wal']) {
      const file = join(temp.dataDir, name)
      if (!existsSync(file)) continue
      const bytes = readFileSync(file)
      expect(bytes.includes(key.sealed), name).toBe(false)
      expect(bytes.includes(secret.sealed), name).toBe(false)
    }
  })

  it('rotating or deleting a secret leaves no old sealed copy in the database or its WAL', () => {
    const sqlite = temp.core.db.$client
    const sealedNow = () =>
      (sqlite.prepare('SELECT sealed FROM connection_secrets').all() as { sealed: Buffer }[]).map(
        (row) => row.sealed,
      )
    const [first] = sealedNow()
    if (!first) throw new Error('no sealed secret')
    const onDisk = (blob: Buffer) =>
      ['switchboard.db', 'switchboard.db-wal']
        .map((name) => join(temp.dataDir, name))
        .filter((file) => existsSync(file) && readFileSync(file).includes(blob))
    temp.core.connections.rotateSecret('conn_stripe_acme_sandbox', { apiKey: planted.rotate })
    const [second] = sealedNow()
    if (!second) throw new Error('no sealed secret after rotation')
    expect(onDisk(first), 'the sealed copy before rotation').toEqual([])
    temp.core.connections.remove('conn_stripe_acme_sandbox')
    expect(onDisk(second), 'the sealed copy of a deleted connection').toEqual([])
  })

  it('a refreshed or signed-out OAuth token set leaves no old sealed copy in the database or its WAL', async () => {
    const { apiKeyConfig: _unused, ...oauthy } = makeDefinition('oauthy', {
      authType: 'oauth2',
      oauth2Config: {
        authorizationUrl: 'https://login.oauthy.example/authorize',
        tokenUrl: 'https://login.oauthy.example/token',
        scopes: ['read'],
        clientAuthMethod: 'none',
      },
      secretSchema: { type: 'object', properties: {} },
    })
    const report = await temp.core.definitions.importFiles([asFile('oauthy.json', oauthy)])
    expect(report.rejected).toBeFalsy()
    temp.core.auth.apps.set({ integrationId: 'oauthy', clientId: 'switchboard-test' })
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'oauthy',
      environment: 'production',
    })
    const sqlite = temp.core.db.$client
    const sealedNow = () =>
      (
        sqlite.prepare('SELECT sealed FROM oauth_tokens WHERE connection_id = ?').get(id) as
          { sealed: Buffer } | undefined
      )?.sealed
    const onDisk = (blob: Buffer) =>
      ['switchboard.db', 'switchboard.db-wal']
        .map((name) => join(temp.dataDir, name))
        .filter((file) => existsSync(file) && readFileSync(file).includes(blob))
    // The token store's own write, as a sign-in (then a refresh) makes it.
    const store = (accessToken: string, newSignIn: boolean) =>
      temp.core.writer.write((tx, audit) => {
        temp.core.auth.tokenStore.save(tx, id, {
          set: { access_token: accessToken, token_type: 'Bearer', refresh_token: `${accessToken}-refresh` },
          grantType: 'authorization_code',
          requestedScopes: ['read'],
          grantedScopes: ['read'],
          account: 'someone@example.com',
          newSignIn,
        })
        return audit.record({ action: newSignIn ? 'auth.signed-in' : 'auth.refreshed', connection: id })
      })
    store('PLANTEDaccess-first-0123456789', true)
    const first = sealedNow()
    if (!first) throw new Error('no sealed token set')
    store('PLANTEDaccess-second-9876543210', false)
    const second = sealedNow()
    if (!second) throw new Error('no sealed token set after the refresh')
    expect(temp.core.auth.tokenStore.read(id)?.set.access_token).toBe('PLANTEDaccess-second-9876543210')
    expect(onDisk(first), 'the sealed token set before the refresh').toEqual([])
    expect(onDisk(second), 'the sealed token set in use is on disk').not.toEqual([])

    // Signing out (the provider has no revocation endpoint: deleted here only).
    expect(await temp.core.auth.disconnect(id)).toMatchObject({ revocationSupported: false })
    expect(sealedNow()).toBeUndefined()
    expect(onDisk(second), 'the sealed token set after sign-out').toEqual([])
  })

  it('a secret sealed for one connection does not open as another’s', () => {
    const row = temp.core.db.$client.prepare('SELECT sealed FROM connection_secrets').get() as {
      sealed: Buffer
    }
    expect(() => temp.core.vault.openSecret('acme', 'conn_other', 'apiKey', 1, row.sealed)).toThrow(
      /cannot be decrypted/,
    )
    expect(secretAad('acme', 'conn_other', 'apiKey', 1)).not.toBe(
      secretAad('acme', 'conn_stripe_acme_sandbox', 'apiKey', 1),
    )
  })
})

describe('masked hints give nothing of a secret away', () => {
  // Secrets people make up from words: a hint must not keep their words, nor the end of short ones.
  const wordy = {
    short: 'hello_world_2024',
    pass: 'Summer_Pass_1!',
    long: 'correct_horse_battery_staple_77',
    passwordField: 'my_long_company_password_2024!',
  }
  let temp: TempCore
  beforeEach(async () => {
    temp = createTempCore()
    await temp.core.vault.setup('correct horse battery')
    temp.core.clients.create({ name: 'Acme' })
    const definition = makeDefinition('hinted', {
      secretSchema: {
        type: 'object',
        properties: {
          apiKey: { type: 'string' },
          short: { type: 'string' },
          pass: { type: 'string' },
          login: { type: 'string', format: 'password' },
        },
        required: ['apiKey'],
      },
    })
    const report = await temp.core.definitions.importFiles([asFile('hinted.json', definition)])
    expect(JSON.stringify(report)).not.toMatch(/"ok":false/)
  })
  afterEach(() => temp.dispose())

  it('keep only vendor prefixes, the last four of long secrets, and nothing of passwords', async () => {
    const view = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'hinted',
      environment: 'sandbox',
      secrets: { apiKey: wordy.long, short: wordy.short, pass: wordy.pass, login: wordy.passwordField },
    })
    const hints = Object.fromEntries(view.secrets.map((s) => [s.field, s.hint]))
    expect(hints).toEqual({ apiKey: '…e_77', short: '••••••', pass: '••••••', login: '••••••' })
    await temp.core.dispatch('auth.setApp', {
      integrationId: 'github',
      clientId: 'client-1',
      clientSecret: wordy.pass,
    })
    const app = await temp.core.dispatch('auth.getApp', { integrationId: 'github' })
    expect(app).toMatchObject({ ok: true, value: { secretHint: '••••••' } })
    // No word of any of them is in what the API returns or the database holds in clear.
    const words = Object.values(wordy).flatMap((secret) => secret.split(/[_!]/).filter((w) => w.length >= 4))
    const listed = JSON.stringify([
      await temp.core.dispatch('connections.list', {}),
      await temp.core.dispatch('connections.get', { id: view.id }),
      app,
    ])
    expect(leaks(listed, words)).toEqual([])
    const clearColumns = temp.core.db.$client
      .prepare('SELECT hint FROM connection_secrets UNION ALL SELECT client_secret_hint FROM oauth_apps')
      .all()
    expect(leaks(JSON.stringify(clearColumns), words)).toEqual([])
  })

  it('show documented vendor prefixes only', () => {
    expect(secretHint('sk_live_51Habcdefghijklmnopqr4242')).toBe('sk_live_…4242')
    expect(secretHint('xoxb-1234567890-abcdefghijkl')).toBe('xoxb-…ijkl')
    expect(secretHint('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('ghp_…6789')
    expect(secretHint('glpat-abcdefghij0123')).toBe('glpat-…')
    expect(secretHint(wordy.short)).toBe('••••••')
    expect(secretHint(wordy.pass)).toBe('••••••')
    expect(secretHint('sk_live_51Habcdefghijklmnopqr4242', { password: true })).toBe('••••••')
  })
})
