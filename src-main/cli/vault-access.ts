// Opening the vault from the CLI: the same vault the app uses, through its passphrase slot. The
// passphrase comes from SWITCHBOARD_PASSPHRASE or a hidden prompt; a new vault is set up with it.
import type { Core } from '../core/index.ts'
import { AppError } from '../core/errors.ts'
import type { CliIo } from './io.ts'
import { promptHidden } from './stdin.ts'

export async function unlockVault(core: Core, io: CliIo): Promise<void> {
  const status = core.vault.status()
  if (status.state === 'unlocked') return
  const passphrase =
    io.env.SWITCHBOARD_PASSPHRASE ||
    (await promptHidden(
      status.state === 'uninitialized'
        ? 'Choose a vault passphrase (10+ characters): '
        : 'Vault passphrase: ',
    ))
  if (!passphrase) {
    throw new AppError(
      'LOCKED',
      'The vault is locked: set SWITCHBOARD_PASSPHRASE, or run this in a terminal to be asked.',
    )
  }
  if (status.state === 'uninitialized') await core.vault.setup(passphrase)
  else if (!status.passphraseSet) {
    throw new AppError(
      'LOCKED',
      'This vault is protected by the app’s OS keyring only: set a passphrase in Switchboard’s Settings to use it from the CLI.',
    )
  } else await core.vault.unlock(passphrase)
}

/**
 * Before a command changes anything: every change is recorded with the vault's audit key, so a vault
 * that is set up must be unlocked first. A vault not set up yet stays so (no key exists to record with).
 */
export async function unlockForChanges(core: Core, io: CliIo): Promise<void> {
  if (core.vault.status().state === 'locked') await unlockVault(core, io)
}
