// Locks the vault after a quiet spell (Settings: vaultIdleLockMinutes, default 15; 0 = never).
// Activity is every contract call and, in the app, the window's real input (the shell reports it,
// mouse moves included, so activity() only notes the time; one timer checks it when it falls due).
// Locking zeroes the master key and every data key (vault.lock); the next use asks to unlock.
import type { Vault } from './vault.ts'

export interface IdleLockDeps {
  vault: Vault
  /** Read when the timer is set, and again when it falls due. */
  minutes: () => number
  /** Told after the idle lock closed the vault (the shell pushes the vault's state). */
  onLocked?: () => void
  now?: () => number
}

export function createIdleLock({ vault, minutes, onLocked, now = Date.now }: IdleLockDeps) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let last = now()
  const stop = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
  }
  const arm = (delay: number) => {
    timer = setTimeout(due, delay)
    // An idle lock never keeps a process alive (the CLI, the tests).
    timer.unref?.()
  }
  const due = () => {
    timer = undefined
    const quiet = minutes() * 60_000
    if (quiet <= 0) return
    const left = last + quiet - now()
    if (left > 0) return arm(left)
    if (!vault.isUnlocked()) return
    vault.lock()
    onLocked?.()
  }
  const activity = () => {
    last = now()
    if (timer) return
    const quiet = minutes() * 60_000
    if (quiet > 0) arm(quiet)
  }
  /** After the setting changed: count again from now with the new value. */
  const restart = () => {
    stop()
    activity()
  }
  return { activity, restart, stop }
}

export type IdleLock = ReturnType<typeof createIdleLock>
