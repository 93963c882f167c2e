// The app's key protector: Electron safeStorage, i.e. the OS keyring (Keychain, DPAPI, libsecret or
// KWallet), with the sealed copy of the vault's master key kept in electron-store. On Linux without a
// keyring safeStorage silently uses a hard-coded key ("basic_text"); we report that as not secure,
// so the vault asks for a passphrase instead of pretending. Uses the async API (Electron ≥ 36).
// The master key itself never becomes a string (see safeStorageProtector).
import { randomBytes } from 'node:crypto'
import type { KeyProtectorStatus } from './contract/types.ts'
import { open, seal } from './core/vault/sealed-box.ts'
import type { KeyProtector } from './core/vault/key-protector.ts'

/** The parts of Electron's safeStorage used here (structural, so tests need no Electron). */
export interface SafeStorageLike {
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  getSelectedStorageBackend?(): string
}

/** The parts of electron-store used here. */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** Where electron-store keeps the keyring key (sealed by safeStorage) and the master key it seals. */
const wrappedKey = 'vault.masterKey.wrapped'
const wrappedAad = 'switchboard|vault-master-key|keyring'
/** The earlier layout: safeStorage sealed the master key's base64 text itself. */
const legacyKey = 'vault.masterKey.safeStorage'

export function safeStorageStatus(
  available: boolean,
  backend: string,
  platform: NodeJS.Platform,
): KeyProtectorStatus {
  if (!available) {
    return {
      kind: 'safeStorage',
      available,
      secure: false,
      detail: 'No OS keyring is available: Switchboard will ask for a passphrase.',
    }
  }
  if (platform === 'linux' && (backend === 'basic_text' || backend === 'unknown')) {
    return {
      kind: 'safeStorage',
      available,
      secure: false,
      detail: `The OS keyring is not in use (backend "${backend}"): Switchboard will ask for a passphrase.`,
    }
  }
  return {
    kind: 'safeStorage',
    available,
    secure: true,
    detail: `OS keyring (${platform === 'linux' ? backend : platform}).`,
  }
}

/**
 * `available` is safeStorage.isAsyncEncryptionAvailable(), awaited by the shell once the app is ready.
 *
 * safeStorage only takes strings, and a string cannot be wiped from memory. So the master key never
 * goes to it: safeStorage seals a random keyring key (its base64 text is the only string, and it
 * opens nothing but the blob beside it), and that key seals the master key (AES-256-GCM) in
 * electron-store. Every Buffer along the way is zero-filled once used; the master key handed back
 * is a fresh Buffer the vault owns and wipes when it locks.
 */
export function safeStorageProtector(
  safeStorage: SafeStorageLike,
  kv: KeyValueStore,
  options: { available: boolean; platform: NodeJS.Platform },
): KeyProtector {
  const backend =
    options.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os'
  const status = safeStorageStatus(options.available, backend, options.platform)

  const write = async (masterKey: Buffer) => {
    const keyringKey = randomBytes(32)
    try {
      const sealed = seal(keyringKey, masterKey, wrappedAad)
      const keyringText = keyringKey.toString('base64')
      const protectedKey = await safeStorage.encryptStringAsync(keyringText)
      kv.set(wrappedKey, { keyringKey: protectedKey.toString('base64'), sealed: sealed.toString('base64') })
      kv.delete(legacyKey)
    } finally {
      keyringKey.fill(0)
    }
  }

  /** Before the keyring key: safeStorage held the master key's base64 itself. Read once, then rewrapped. */
  const readLegacy = async (sealed: string): Promise<Buffer> => {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))
    const key = Buffer.from(result, 'base64')
    if (key.length !== 32) throw new Error('the keyring returned something that is not a vault key')
    await write(key)
    return key
  }

  return {
    status: () => status,
    store: {
      read: async () => {
        const wrapped = kv.get(wrappedKey) as { keyringKey?: unknown; sealed?: unknown } | undefined
        if (!wrapped || typeof wrapped.keyringKey !== 'string' || typeof wrapped.sealed !== 'string') {
          const legacy = kv.get(legacyKey)
          return typeof legacy === 'string' ? readLegacy(legacy) : null
        }
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
          Buffer.from(wrapped.keyringKey, 'base64'),
        )
        const keyringKey = Buffer.from(result, 'base64')
        try {
          if (keyringKey.length !== 32) throw new Error('the keyring returned something that is not a key')
          const key = open(keyringKey, Buffer.from(wrapped.sealed, 'base64'), wrappedAad, 'vault key')
          if (key.length !== 32) throw new Error('the keyring returned something that is not a vault key')
          if (shouldReEncrypt) await write(key)
          return key
        } finally {
          keyringKey.fill(0)
        }
      },
      write,
      clear: async () => {
        kv.delete(wrappedKey)
        kv.delete(legacyKey)
      },
    },
  }
}
