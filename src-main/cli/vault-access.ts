// Opening the vault from the CLI: the same vault the app uses, through its passphrase slot. The
// passphrase comes from SWITCHBOARD_PASSPHRASE or a hidden prompt; a new vault is set up with it.
// Commands that never touch secrets never call these: deriving the key (scrypt) costs 128 MiB and a
// noticeable pause, and a command that opens the vault derives it exactly once.
import type { Core } from '../core/index.ts'
import { AppError } from '../core/errors.ts'
import type { CliIo } from './io.ts'
import { promptHidden } from './stdin.ts'

const passphraseEnv = 'SWITCHBOARD_PASSPHRASE'

const keyringOnly = () =>
  new AppError(
    'LOCKED',
    'This vault is protected by the app’s OS keyring only: set a passphrase in Switchboard’s Settings to use it from the CLI.',
  )

/** Opens the vault for a command that needs secrets (asks on a terminal); creates it when there is none. */
export async function unlockVault(core: Core, io: CliIo): Promise<void> {
  const status = core.vault.status()
  if (status.state === 'unlocked') return
  const creating = status.state === 'uninitialized'
  if (!creating && !status.passphraseSet) throw keyringOnly()
  const passphrase =
    io.env[passphraseEnv] ||
    (await promptHidden(creating ? 'Choose a vault passphrase (10+ characters): ' : 'Vault passphrase: '))
  if (!passphrase) {
    throw creating
      ? new AppError(
          'LOCKED',
          `There is no vault yet. Create one by choosing a passphrase (10+ characters): set ${passphraseEnv} ` +
            'for this command, or run it in a terminal to be asked. Keep the passphrase: it opens your secrets.',
        )
      : new AppError(
          'LOCKED',
          `The vault is locked: set ${passphraseEnv}, or run this in a terminal to be asked.`,
        )
  }
  if (creating) await core.vault.setup(passphrase)
  else await core.vault.unlock(passphrase)
}

export type VaultOpening =
  { opened: true } | { opened: false; why: 'uninitialized' | 'no-passphrase' | 'keyring-only' }

/**
 * For commands that only read (list, show, doctor): opens an existing vault when SWITCHBOARD_PASSPHRASE
 * is set — as `create` would, so statuses are the real ones and not "locked" — and otherwise says why
 * it stayed shut. Never prompts and never creates a vault. A wrong passphrase is an error, as anywhere.
 */
export async function openVaultIfPassphrase(core: Core, io: CliIo): Promise<VaultOpening> {
  const status = core.vault.status()
  if (status.state === 'unlocked') return { opened: true }
  if (status.state === 'uninitialized') return { opened: false, why: 'uninitialized' }
  if (!status.passphraseSet) return { opened: false, why: 'keyring-only' }
  const passphrase = io.env[passphraseEnv]
  if (!passphrase) return { opened: false, why: 'no-passphrase' }
  await core.vault.unlock(passphrase)
  return { opened: true }
}

/** One line for stderr when a listing shows "locked" only because this command left the vault shut. */
export function lockedNote(opening: VaultOpening): string | null {
  if (opening.opened) return null
  if (opening.why === 'no-passphrase')
    return `note: "locked" means this command did not open the vault: set ${passphraseEnv} to see the real status.\n`
  if (opening.why === 'keyring-only')
    return 'note: "locked" means the vault opens only with the app’s OS keyring: set a passphrase in Settings to use it here.\n'
  return null
}

/**
 * Before a command changes anything: every change is recorded with the vault's audit key, so a vault
 * that is set up must be unlocked first. A vault not set up yet stays so (no key exists to record with).
 */
export async function unlockForChanges(core: Core, io: CliIo): Promise<void> {
  if (core.vault.status().state === 'locked') await unlockVault(core, io)
}
