// The environment handed to every child process Switchboard starts (the browser opener, tools): the
// parent's, without Switchboard's own secrets. A browser inherits its environment into every page
// process, extension and crash reporter; SWITCHBOARD_PASSPHRASE must not go along.

/** Variables that hold Switchboard's secrets (exact names), and name patterns that look like one. */
const secretNames = new Set(['SWITCHBOARD_PASSPHRASE', 'PGPASSWORD'])
const secretPattern = /^SWITCHBOARD_.*(PASS|SECRET|TOKEN|KEY)/i

export function isSecretEnvName(name: string): boolean {
  return secretNames.has(name.toUpperCase()) || secretPattern.test(name)
}

/** A copy of `env` without Switchboard's secrets: pass it as `env` to every spawn/execFile. */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isSecretEnvName(name)))
}
