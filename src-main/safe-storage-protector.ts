// The app's key protector: Electron safeStorage, i.e. the OS keyring (Keychain, DPAPI, libsecret or
// KWallet). On Linux without a keyring safeStorage silently uses a hard-coded key ("basic_text");
// we report that as not secure, so the vault asks for a passphrase instead of pretending.
import type { KeyProtectorStatus } from './contract/types.ts'
import type { KeyProtector } from './core/vault/key-protector.ts'

/** The parts of Electron's safeStorage read here (structural, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend?(): string
}

export function safeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeyProtector {
  return {
    status(): KeyProtectorStatus {
      const available = safeStorage.isEncryptionAvailable()
      const backend = platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os'
      const weak = backend === 'basic_text' || backend === 'unknown'
      if (!available) {
        return {
          kind: 'safeStorage',
          available,
          secure: false,
          detail: 'No OS keyring is available: Switchboard will ask for a passphrase.',
        }
      }
      if (weak) {
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
        detail: `OS keyring (${backend === 'os' ? platform : backend}).`,
      }
    },
  }
}
