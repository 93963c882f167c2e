// The app's key protector: Electron safeStorage, i.e. the OS keyring (Keychain, DPAPI, libsecret or
// KWallet), with the sealed copy of the vault's master key kept in electron-store. On Linux without a
// keyring safeStorage silently uses a hard-coded key ("basic_text"); we report that as not secure,
// so the vault asks for a passphrase instead of pretending. Uses the async API (Electron ≥ 36).
import type { KeyProtectorStatus } from './contract/types.ts'
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

const storeKey = 'vault.masterKey.safeStorage'

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
 * The master key is handed to safeStorage as base64 text (its API takes strings).
 */
export function safeStorageProtector(
  safeStorage: SafeStorageLike,
  kv: KeyValueStore,
  options: { available: boolean; platform: NodeJS.Platform },
): KeyProtector {
  const backend =
    options.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os'
  const status = safeStorageStatus(options.available, backend, options.platform)
  return {
    status: () => status,
    store: {
      read: async () => {
        const sealed = kv.get(storeKey)
        if (typeof sealed !== 'string') return null
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
          Buffer.from(sealed, 'base64'),
        )
        const key = Buffer.from(result, 'base64')
        if (key.length !== 32) throw new Error('the keyring returned something that is not a vault key')
        if (shouldReEncrypt)
          kv.set(storeKey, (await safeStorage.encryptStringAsync(result)).toString('base64'))
        return key
      },
      write: async (masterKey) => {
        kv.set(
          storeKey,
          (await safeStorage.encryptStringAsync(masterKey.toString('base64'))).toString('base64'),
        )
      },
      clear: async () => kv.delete(storeKey),
    },
  }
}
