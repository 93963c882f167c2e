// A second (third…) process on the same data folder, for the tests of several processes at once:
//   node test/support/core-child.ts <dataDir> refresh <connectionId> <barrierDir>
//   node test/support/core-child.ts <dataDir> writes <prefix> <count>
// It opens the same core the CLI opens (passphrase from SWITCHBOARD_PASSPHRASE) and prints one JSON
// line per result on stdout. Nothing in it is a stand-in: it is the real core in a real process.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'

const [dataDir, command, ...args] = process.argv.slice(2)
if (!dataDir || !command) throw new Error('usage: core-child.ts <dataDir> <command> …')

const core = createCore({
  dataDir,
  appVersion: '0.0.0-test',
  hostKind: 'cli',
  keyProtector: passphraseProtector(process.env),
  openUrl: async () => {},
})
const passphrase = process.env.SWITCHBOARD_PASSPHRASE
if (passphrase && core.vault.status().state === 'locked') await core.vault.unlock(passphrase)
const say = (value: unknown) => process.stdout.write(JSON.stringify(value) + '\n')

if (command === 'refresh') {
  const [connectionId = '', barrier = ''] = args
  // Both processes are ready before either asks: the race is real, not staggered by start-up time.
  writeFileSync(join(barrier, `ready-${process.pid}`), '')
  while (!existsSync(join(barrier, 'go'))) await new Promise((resolve) => setTimeout(resolve, 10))
  try {
    const token = await core.auth.accessToken(connectionId)
    say({ ok: true, accessToken: token.accessToken })
  } catch (error) {
    say({ ok: false, error: error instanceof Error ? error.message : String(error) })
  }
} else if (command === 'writes') {
  const [prefix = 'w', count = '50'] = args
  say({ ready: true })
  for (let i = 0; i < Number(count); i++) {
    const id = `${prefix}-${i}`
    try {
      core.connections.create({
        id,
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'sandbox',
        secrets: { apiKey: `sk_test_${prefix}_${i}_0123456789` },
      })
      // Reported only after the commit returned: this change must survive any kill from now on.
      say({ ok: id })
    } catch (error) {
      say({ failed: id, error: error instanceof Error ? error.message : String(error) })
    }
  }
}
core.close()
