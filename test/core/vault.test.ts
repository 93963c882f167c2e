// The vault against a real SQLite file: set-up, unlock, passphrases, keyring slots, and sealing.
import { afterEach, describe, expect, it } from 'vitest'
import { open, seal } from '../../src-main/core/vault/sealed-box.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'
import { randomBytes } from 'node:crypto'
import { memoryKeyring } from '../support/keyring.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))
const track = (temp: TempCore) => (cleanups.push(temp.dispose), temp)

describe('sealed box', () => {
  it('opens what it sealed, only with the same key and associated data', () => {
    const key = randomBytes(32)
    const blob = seal(key, Buffer.from('sk_live_x'), 'here')
    expect(open(key, blob, 'here').toString()).toBe('sk_live_x')
    expect(() => open(key, blob, 'elsewhere')).toThrow(/cannot be decrypted/)
    expect(() => open(randomBytes(32), blob, 'here')).toThrow(/cannot be decrypted/)
    expect(() => open(key, blob.subarray(0, 20), 'here')).toThrow(/cannot be decrypted/)
    const flipped = Buffer.from(blob)
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1
    expect(() => open(key, flipped, 'here')).toThrow(/cannot be decrypted/)
  })

  it('uses a fresh nonce every time and records its format', () => {
    const key = randomBytes(32)
    const a = seal(key, Buffer.from('same'), 'x')
    const b = seal(key, Buffer.from('same'), 'x')
    expect(a.equals(b)).toBe(false)
    expect(a.subarray(0, 4)).toEqual(Buffer.from([0x53, 0x42, 1, 1]))
  })
})

describe('vault', () => {
  it('without an OS keyring, requires a passphrase to set up, and no plaintext fallback exists', async () => {
    const { core } = track(createTempCore())
    expect(core.vault.status()).toMatchObject({ state: 'uninitialized', passphraseSet: false })
    await expect(core.vault.setup()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { issues: [{ path: 'passphrase' }] },
    })
    await expect(core.vault.setup('short')).rejects.toThrow(/at least 10 characters/)
    expect(() => core.clients.create({ name: 'Acme' })).toThrow(/vault is locked/)
    expect(core.vault.status().state).toBe('uninitialized')
  })

  it('sets up with a passphrase, locks on restart, and unlocks only with the right passphrase', async () => {
    const temp = track(createTempCore())
    await temp.core.vault.setup('correct horse battery')
    expect(temp.core.vault.status()).toMatchObject({ state: 'unlocked', passphraseSet: true })
    temp.core.clients.create({ name: 'Acme' })
    temp.core.close()
    const again = createTempCore({ dataDir: temp.dataDir })
    cleanups.push(() => again.core.close())
    expect(again.core.vault.status().state).toBe('locked')
    expect(again.core.connections.list()).toEqual([])
    await expect(again.core.vault.unlock('wrong horse battery')).rejects.toMatchObject({
      code: 'LOCKED',
      message: 'Wrong passphrase.',
    })
    await again.core.vault.unlock('correct horse battery')
    expect(again.core.vault.status().state).toBe('unlocked')
  })

  it('opens from the OS keyring at start, and falls back to the passphrase when the keyring was reset', async () => {
    const keyring = memoryKeyring()
    const temp = track(createTempCore({ keyProtector: keyring }))
    await temp.core.vault.openWithKeyring()
    await temp.core.vault.setup()
    expect(keyring.held()?.length).toBe(32)
    await temp.core.vault.setPassphrase('a long passphrase')
    temp.core.clients.create({ name: 'Acme' })
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_0000000000000000004242' },
    })
    temp.core.close()

    const restarted = createTempCore({ dataDir: temp.dataDir, keyProtector: keyring })
    cleanups.push(() => restarted.core.close())
    expect(await restarted.core.vault.openWithKeyring()).toMatchObject({
      state: 'unlocked',
      keyringInUse: true,
    })
    restarted.core.close()

    keyring.wipe() // the keyring now holds a different key: nothing must open with it
    const reset = createTempCore({ dataDir: temp.dataDir, keyProtector: keyring })
    cleanups.push(() => reset.core.close())
    await reset.core.vault.openWithKeyring()
    expect(reset.core.vault.status()).toMatchObject({
      state: 'locked',
      lockReason: expect.stringMatching(/was the keyring reset/),
    })
    expect(reset.core.connections.get('conn_stripe_acme_sandbox')).toMatchObject({
      status: 'locked',
      lastErrorMessage: expect.stringMatching(/was the keyring reset/),
    })
    await reset.core.vault.unlock('a long passphrase')
    expect(reset.core.connections.get('conn_stripe_acme_sandbox').status).toBe('connected')
    expect(reset.core.vault.status().state).toBe('unlocked')
  })

  it('never trusts a keyring that is not secure (Linux basic_text)', async () => {
    const keyring = memoryKeyring(false)
    const { core } = track(createTempCore({ keyProtector: keyring }))
    await expect(core.vault.setup()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await core.vault.setup('a long passphrase')
    expect(keyring.held()).toBeNull()
  })
})
