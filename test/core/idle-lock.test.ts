// The vault locks itself after the idle time set in Settings (default 15 minutes), and locking wipes
// the master key: the very Buffer the vault held is zero-filled, not just dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PushEvents } from '../../src-main/contract/events.ts'
import type { KeyProtector } from '../../src-main/core/vault/key-protector.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

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
  it('locks after the set quiet minutes, counting from the last call, and zeroes the key', async () => {
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
    await call('clients.list')
    // 28 minutes after set-up, 14 after the last call: still open; 15 after it: locked.
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
})
