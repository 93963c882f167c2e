// A key protector keeps the vault's master key outside the database. The app's is the OS keyring
// (Electron safeStorage, supplied by the shell, storing its sealed copy in electron-store); headless
// hosts have none and use the vault's passphrase slot instead.
import type { KeyProtectorStatus } from '../../contract/types.ts'

export interface MasterKeyStore {
  /** The master key this protector holds, null when it holds none; throws when it cannot unseal it. */
  read(): Promise<Buffer | null>
  write(masterKey: Buffer): Promise<void>
  clear(): Promise<void>
}

export interface KeyProtector {
  status(): KeyProtectorStatus
  /** Present where an OS keyring can hold the master key (and only used when status().secure). */
  store?: MasterKeyStore
}

/** The headless hosts' protector: nothing outside the database; a passphrase opens the vault. */
export function passphraseProtector(env: NodeJS.ProcessEnv = process.env): KeyProtector {
  return {
    status: () => {
      const available = Boolean(env.SWITCHBOARD_PASSPHRASE)
      return {
        kind: 'passphrase',
        available,
        secure: true,
        detail: available
          ? 'Passphrase from SWITCHBOARD_PASSPHRASE.'
          : 'Passphrase: set SWITCHBOARD_PASSPHRASE or enter it when asked.',
      }
    },
  }
}
