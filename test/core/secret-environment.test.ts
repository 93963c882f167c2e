// Keys of the wrong environment (issue 9): Stripe's definition says sk_test_/rk_test_ belong to
// sandbox and sk_live_/rk_live_ to production. A production connection refuses a sandbox key unless
// confirmed (create and rotation alike, through the core and the CLI); a sandbox one takes a live key
// with a warning from the CLI.
import { afterEach, describe, expect, it } from 'vitest'
import { environmentMismatches } from '../../src-main/contract/secret-environment.ts'
import { AppError } from '../../src-main/core/errors.ts'
import { runCli } from '../support/cli.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const passphrase = 'correct horse battery staple'
const testKey = 'sk_test_51Habcdefghijklmn4242'
const liveKey = 'sk_live_51Habcdefghijklmn4242'
let temp: TempCore
afterEach(() => temp?.dispose())

async function core() {
  temp = createTempCore()
  await temp.core.vault.setup(passphrase)
  temp.core.clients.create({ name: 'Acme' })
  return temp.core
}

const refusal = (fn: () => unknown): AppError => {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('it was accepted')
}

describe('secrets of the wrong environment', () => {
  it('names the field and the prefixes expected, and says which environment the key looks like', async () => {
    const stripe = (await core()).definitions.current('stripe')
    expect(environmentMismatches(stripe, 'production', { apiKey: testKey })).toEqual([
      {
        path: 'secrets.apiKey',
        message:
          'Secret key looks like a sandbox key, but this is a production connection (production keys start with sk_live_… or rk_live_…).',
      },
    ])
    expect(environmentMismatches(stripe, 'production', { apiKey: 'rk_live_abc' })).toEqual([])
    expect(environmentMismatches(stripe, 'sandbox', { apiKey: 'pk_whatever' })[0]?.message).toBe(
      'Secret key does not look like a sandbox key (sandbox keys start with sk_test_… or rk_test_…).',
    )
  })

  it('refuses a sandbox key on production unless confirmed, on create and on rotation', async () => {
    const c = await core()
    const create = (confirmEnvironment?: boolean) =>
      c.connections.create({
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'production',
        secrets: { apiKey: testKey },
        ...(confirmEnvironment ? { confirmEnvironment } : {}),
      })
    const error = refusal(() => create())
    expect(error.code).toBe('CONFIRMATION_REQUIRED')
    expect(error.details?.issues).toEqual([
      { path: 'secrets.apiKey', message: expect.stringContaining('sandbox key') },
    ])
    expect(c.connections.list()).toEqual([])
    const made = create(true)
    expect(made.environment).toBe('production')
    expect(refusal(() => c.connections.rotateSecret(made.id, { apiKey: testKey })).code).toBe(
      'CONFIRMATION_REQUIRED',
    )
    expect(c.connections.rotateSecret(made.id, { apiKey: liveKey }).secrets[0]?.version).toBe(2)
    // A live key on sandbox is the user's business: accepted (the CLI and the wizard warn).
    expect(
      c.connections.create({
        clientId: 'acme',
        integrationId: 'stripe',
        environment: 'sandbox',
        secrets: { apiKey: liveKey },
      }).environment,
    ).toBe('sandbox')
  })

  it('the CLI warns on sandbox and refuses on production without --confirm-environment', () => {
    const dataDir = tempDir()
    const env = { SWITCHBOARD_PASSPHRASE: passphrase }
    const cli = (args: string[], input = '') => runCli(['--data-dir', dataDir, ...args], { env, input })
    expect(cli(['clients', 'add', 'Acme']).code).toBe(0)
    const base = ['connections', 'create', '--integration', 'stripe', '--client', 'acme', '--secret-stdin']
    const sandbox = cli([...base, '--env', 'sandbox'], JSON.stringify({ apiKey: liveKey }))
    expect(sandbox.code).toBe(0)
    expect(sandbox.stderr).toContain(
      'warning: secrets.apiKey: Secret key looks like a production key, but this is a sandbox connection',
    )
    const refused = cli([...base, '--env', 'production'], JSON.stringify({ apiKey: testKey }))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /looks like a sandbox key, but this is a production connection.*Confirm to use it anyway; nothing was saved/,
    )
    const confirmed = cli(
      [...base, '--env', 'production', '--confirm-environment'],
      JSON.stringify({ apiKey: testKey }),
    )
    expect(confirmed.code).toBe(0)
  })
})
