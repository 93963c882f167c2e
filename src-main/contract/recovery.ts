// The sentence every host shows when start-up found the database damaged (the CLI on stderr, the app
// in a dialog): what was moved aside, and what was restored. Dependency-free, shared with the renderer.
import type { RecoveryView } from './types.ts'

export function recoveryMessage(recovery: RecoveryView): string {
  const what = recovery.problems[0] ? ` (${recovery.problems[0]})` : ''
  const restored = recovery.restoredFrom
    ? `the newest sound backup, ${recovery.restoredFrom}, was restored in its place: changes made after it are not in it.`
    : 'no sound backup was found, so Switchboard started with an empty database.'
  return `The database was damaged${what}. It was moved aside to ${recovery.damagedFile}, and ${restored}`
}
