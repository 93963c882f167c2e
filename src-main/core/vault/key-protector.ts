// A key protector wraps the vault's master key with something outside the database: the OS keyring
// (Electron safeStorage, supplied by the shell) or a passphrase. The vault issue adds the wrapping
// itself; every host already names the protector it uses so doctor and Settings can report it.
import type { KeyProtectorStatus } from '../../contract/types.ts'

export interface KeyProtector {
  status(): KeyProtectorStatus
}

/** The headless hosts' protector: a passphrase from a prompt or SWITCHBOARD_PASSPHRASE. */
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
