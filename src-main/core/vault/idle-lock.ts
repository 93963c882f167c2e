// Locks the vault after a quiet spell (Settings: vaultIdleLockMinutes, default 15; 0 = never).
// Only the person's activity counts, never what the renderer does by itself (re-fetches after a push,
// polling): a page left open would otherwise keep the vault open for ever.
//  - The host reports the person's input with activity(): the app's shell does, for the window's real
//    input events (Electron's before-input-event / before-mouse-event, which page scripts cannot fake).
//  - Every host's contract calls pass through called(): a command the person gives (one that changes
//    something or starts an action) counts, a read does not. A host that cannot see input (the
//    browser bridge) is thus kept open by what the person does there, not by the page's re-fetches.
// activity() only notes the time (mouse moves arrive by the hundred); one timer checks it when due.
// Locking zeroes the master key and every data key (vault.lock); the next use asks to unlock.
import type { CallName } from '../../contract/api.ts'
import type { Vault } from './vault.ts'

/**
 * Whether a contract call is the person's command (true) or a read the renderer may make by itself
 * (false). Every call is listed, so a new one is a type error until it is placed here. When in doubt
 * it is a read: that locks sooner, never later. connections.upgrade is a read: the renderer asks for
 * the plan by itself (applying it follows a click, which the app sees as input); auth.waitSignIn is
 * a poll.
 */
export const isPersonCommand: Readonly<Record<CallName, boolean>> = {
  'app.info': false,
  'audit.list': false,
  'audit.verify': false,
  'audit.export': true,
  'backups.list': false,
  'backups.create': true,
  'backups.restore': true,
  'backups.setKeep': true,
  'definitions.catalog': false,
  'definitions.get': false,
  'definitions.import': true,
  'definitions.importUrl': true,
  'definitions.importMcp': true,
  'definitions.rollback': true,
  'definitions.export': true,
  'settings.get': false,
  'settings.setIdleLock': true,
  'vault.status': false,
  'vault.lock': true,
  'vault.setup': true,
  'vault.unlock': true,
  'vault.setPassphrase': true,
  'clients.list': false,
  'clients.create': true,
  'clients.update': true,
  'clients.remove': true,
  'connections.list': false,
  'connections.get': false,
  'connections.create': true,
  'connections.updateConfig': true,
  'connections.update': true,
  'connections.rotateSecret': true,
  'connections.duplicate': true,
  'connections.delete': true,
  'connections.upgrade': false,
  'connections.export': true,
  'connections.import': true,
  'auth.setApp': true,
  'auth.getApp': false,
  'auth.removeApp': true,
  'auth.status': false,
  'auth.startSignIn': true,
  'auth.waitSignIn': false,
  'auth.completeSignIn': true,
  'auth.cancelSignIn': true,
  'auth.signInWithClientCredentials': true,
  'auth.disconnect': true,
  'runtime.invoke': true,
  'runtime.cancel': true,
  'runtime.history': false,
  'connections.test': true,
  'connections.configChoices': false,
  'connectors.list': false,
  'mcp.preview': false,
  'webhooks.list': false,
  'webhooks.get': false,
  'webhooks.replay': true,
  'webhooks.endpoints': false,
  'webhooks.endpoint': false,
  'webhooks.startReceiver': true,
  'webhooks.stopReceiver': true,
  'webhooks.updateSettings': true,
  'health.overview': false,
  'health.history': false,
  'health.checkNow': true,
  'health.settings': false,
  'health.updateSettings': true,
}

export interface IdleLockDeps {
  vault: Vault
  /** Read when the timer is set, and again when it falls due. */
  minutes: () => number
  /** Told after the idle lock closed the vault (the shell pushes the vault's state). */
  onLocked?: () => void
  now?: () => number
}

export function createIdleLock({ vault, minutes, onLocked, now = () => Date.now() }: IdleLockDeps) {
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
  /** The person did something (the host saw their input, or they gave a command). */
  const activity = () => {
    last = now()
    if (timer) return
    const quiet = minutes() * 60_000
    if (quiet > 0) arm(quiet)
  }
  /** A contract call arrived: only the person's commands count, reads never (see isPersonCommand). */
  const called = (name: string) => {
    if (Object.hasOwn(isPersonCommand, name) && isPersonCommand[name as CallName]) activity()
  }
  /** After the setting changed: count again from now with the new value. */
  const restart = () => {
    stop()
    activity()
  }
  return { activity, called, restart, stop }
}

export type IdleLock = ReturnType<typeof createIdleLock>
