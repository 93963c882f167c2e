// The vault locks itself after the idle time set in Settings (default 15 minutes), and locking wipes
// the keys: the very Buffers the vault held (master key and every client's data key) are zero-filled,
// not just dropped. Only the person's activity keeps it open — their input, which the shell reports,
// and the commands they give — never the reads the renderer makes by itself after a push.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'
import type { PushEvents } from '../../src-main/contract/events.ts'
import type { KeyProtector } from '../../src-main/core/vault/key-protector.ts'
import { isPersonCommand } from '../../src-main/core/vault/idle-lock.ts'
import type * as SealedBox from '../../src-main/core/vault/sealed-box.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

/** The data-key Buffers the vault sealed or opened a client's secrets with: its own, not copies. */
const dataKeysUsed = vi.hoisted(() => [] as Buffer[])
vi.mock('../../src-main/core/vault/sealed-box.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof SealedBox>()
  const isClientSecret = (aad: string) =>
    aad.startsWith('switchboard|secret|') || aad.startsWith('switchboard|client-record|')
  return {
    ...actual,
    seal: (key: Buffer, plaintext: Buffer, aad: string, keyVersion?: number) => {
      if (isClientSecret(aad)) dataKeysUsed.push(key)
      return actual.seal(key, plaintext, aad, keyVersion)
    },
    open: (key: Buffer, blob: Buffer, aad: string, what?: string) => {
      if (isClientSecret(aad)) dataKeysUsed.push(key)
      return actual.open(key, blob, aad, what)
    },
  }
})

let temp: TempCore
/** The key Buffers the vault handed to the keyring: its own, not copies. */
const handed: Buffer[] = []

/** An OS keyring stand-in that keeps the vault's Buffer as given (so the test can watch it). */
function watchingKeyring(): KeyProtector {
  let held: Buffer | null = null
  return {
    status: () => ({ kind: 'safeStorage', available: true, secure: true, detail: 'OS keyring (test).' }),
    store: {
      read: async () => (held ? Buffer.from(held) : null),
      write: async (key) => {
        handed.push(key)
        held = Buffer.from(key)
      },
      clear: async () => void (held = null),
    },
  }
}

beforeEach(() => {
  // Before the core exists, so its clock and timers are the fake ones.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  handed.length = 0
  dataKeysUsed.length = 0
  temp = createTempCore({ keyProtector: watchingKeyring() })
})
afterEach(() => {
  temp.dispose()
  vi.useRealTimers()
})

const call = async (name: string, args: unknown = {}) => {
  const outcome = await temp.core.dispatch(name, args)
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`)
  return outcome.value
}
const minutes = (n: number) => vi.advanceTimersByTime(n * 60_000)

describe('the idle lock', () => {
  it('locks after the set quiet minutes, counting from the last command, and zeroes the key', async () => {
    expect(await call('settings.get')).toMatchObject({ 'vault.idleLockMinutes': 15 })
    const pushed: PushEvents['vault.state'][] = []
    temp.core.events.subscribe((name, payload) => {
      if (name === 'vault.state') pushed.push(payload as PushEvents['vault.state'])
    })
    await call('vault.setup', { passphrase: 'correct horse battery' })
    const [key] = handed
    if (!key) throw new Error('the keyring was given no key')
    expect(key.some((byte) => byte !== 0)).toBe(true)

    minutes(14)
    await call('clients.create', { name: 'Acme' })
    // 28 minutes after set-up, 14 after the last command: still open; 15 after it: locked.
    minutes(14)
    expect(temp.core.vault.isUnlocked()).toBe(true)
    expect(key.some((byte) => byte !== 0)).toBe(true)
    minutes(1.01)
    expect(temp.core.vault.isUnlocked()).toBe(false)
    expect(key.every((byte) => byte === 0)).toBe(true)
    expect(pushed).toEqual([{ state: 'locked', reason: 'idle' }])
    expect(temp.core.vault.status()).toMatchObject({ state: 'locked' })
  })

  it('takes a new value at once, refuses one out of bounds, and 0 never locks', async () => {
    await call('vault.setup', { passphrase: 'correct horse battery' })
    const refused = await temp.core.dispatch('settings.setIdleLock', { minutes: 2000 })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'minutes' }] } },
    })
    expect(await call('settings.get')).toMatchObject({ 'vault.idleLockMinutes': 15 })
    expect(await call('settings.setIdleLock', { minutes: 1 })).toMatchObject({
      'vault.idleLockMinutes': 1,
    })
    minutes(1.01)
    expect(temp.core.vault.isUnlocked()).toBe(false)

    await call('vault.unlock', { passphrase: 'correct horse battery' })
    await call('settings.setIdleLock', { minutes: 0 })
    minutes(24 * 60)
    expect(temp.core.vault.isUnlocked()).toBe(true)
    // Kept beside the database for every host on this data folder.
    const again = createTempCore({ dataDir: temp.dataDir })
    try {
      expect(again.core.settings.get('vault.idleLockMinutes')).toBe(0)
    } finally {
      again.core.close()
    }
  })

  it('is not kept open by the renderer’s re-fetches after pushes, only by the person’s input and commands', async () => {
    await call('vault.setup', { passphrase: 'correct horse battery' })
    await call('settings.setIdleLock', { minutes: 1 })
    await call('clients.create', { name: 'Acme' })
    const { id } = (await call('connections.create', {
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_idle0123456789abcdef' },
    })) as { id: string }
    // What the health and webhook pages fetch again on each health.result / webhooks.event push, and
    // the queries polling beside them: every 10 seconds for two minutes.
    const refetches: [string, unknown][] = [
      ['health.overview', {}],
      ['health.history', { connectionId: id }],
      ['health.settings', {}],
      ['webhooks.list', {}],
      ['webhooks.endpoints', {}],
      ['connections.list', {}],
      ['connections.get', { id }],
      ['auth.status', { connectionId: id }],
      ['vault.status', {}],
      ['settings.get', {}],
    ]
    const refetch = async () => {
      for (const [name, args] of refetches) expect((await temp.core.dispatch(name, args)).ok, name).toBe(true)
    }
    for (let second = 10; second <= 120; second += 10) {
      vi.advanceTimersByTime(10_000)
      await refetch()
    }
    expect(temp.core.vault.isUnlocked()).toBe(false)

    // The person working in the window (the shell reports each input event): open for five minutes,
    // the same re-fetches still arriving; then a minute without input locks it.
    await call('vault.unlock', { passphrase: 'correct horse battery' })
    for (let second = 10; second <= 300; second += 10) {
      vi.advanceTimersByTime(10_000)
      temp.core.idleLock.activity()
      await refetch()
    }
    expect(temp.core.vault.isUnlocked()).toBe(true)
    minutes(0.5)
    await refetch()
    expect(temp.core.vault.isUnlocked()).toBe(true)
    minutes(0.51)
    expect(temp.core.vault.isUnlocked()).toBe(false)

    // A command the person gives counts (a host that cannot see input, like the browser bridge).
    await call('vault.unlock', { passphrase: 'correct horse battery' })
    minutes(0.75)
    await call('connections.update', { id, label: 'Sandbox' })
    minutes(0.75)
    expect(temp.core.vault.isUnlocked()).toBe(true)
    minutes(0.26)
    expect(temp.core.vault.isUnlocked()).toBe(false)
  })

  it('zero-fills every client data key it held, not only the master key', async () => {
    await call('vault.setup', { passphrase: 'correct horse battery' })
    await call('clients.create', { name: 'Acme' })
    await call('clients.create', { name: 'Globex' })
    for (const clientId of ['acme', 'globex'])
      await call('connections.create', {
        clientId,
        integrationId: 'stripe',
        environment: 'sandbox',
        secrets: { apiKey: `sk_test_${clientId}0123456789abcdef` },
      })
    // After an unlock the data keys are opened again (not the ones made at creation): used once more.
    await call('vault.lock')
    await call('vault.unlock', { passphrase: 'correct horse battery' })
    for (const clientId of ['acme', 'globex'])
      expect(temp.core.connections.readSecrets(`conn_stripe_${clientId}_sandbox`)).toEqual({
        apiKey: `sk_test_${clientId}0123456789abcdef`,
      })
    const held = [...new Set(dataKeysUsed)]
    // Two made at creation (wiped by vault.lock above), two opened after the unlock.
    expect(held).toHaveLength(4)
    const live = held.filter((key) => key.some((byte) => byte !== 0))
    expect(live).toHaveLength(2)
    minutes(15.01)
    expect(temp.core.vault.isUnlocked()).toBe(false)
    for (const key of held) expect(key.every((byte) => byte === 0)).toBe(true)
  })

  it('knows every contract call as a command or a read', () => {
    expect(Object.keys(isPersonCommand).sort()).toEqual([...callNames].sort())
    // What the renderer fetches by itself never counts.
    for (const read of ['health.overview', 'webhooks.list', 'connections.upgrade', 'auth.waitSignIn'])
      expect(isPersonCommand[read as keyof typeof isPersonCommand], read).toBe(false)
  })
})
