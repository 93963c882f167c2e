// Deleting a connection and removing a client go through ONE core service that revokes a signed-in
// connection's tokens at the provider first — whoever asks: the contract (app, bridge) or the CLI.
// Against panva's oidc-provider on 127.0.0.1, with the client credentials grant (no browser needed).
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  connectionOf,
  coreWith,
  oauthDefinition,
  serviceClient,
  startOidcServer,
  type OidcServer,
} from '../support/oidc-server.ts'
import type { TempCore } from '../support/temp-core.ts'

const root = resolve(import.meta.dirname, '../..')
let server: OidcServer
const cleanups: (() => void)[] = []
beforeAll(async () => {
  server = await startOidcServer()
}, 60_000)
afterAll(() => server?.close())
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

async function signedInCore(): Promise<{ temp: TempCore; id: string }> {
  const temp = await coreWith([
    oauthDefinition('oidc-service', {
      tokenUrl: `${server.issuer}/token`,
      revocationUrl: `${server.issuer}/token/revocation`,
      grantType: 'client_credentials',
      scopes: ['api:read'],
      clientAuthMethod: 'client_secret_post',
    }),
  ])
  temp.core.auth.apps.set({
    integrationId: 'oidc-service',
    clientId: serviceClient.id,
    clientSecret: serviceClient.secret,
  })
  const id = connectionOf(temp, 'oidc-service')
  await temp.core.auth.signInWithClientCredentials(id)
  return { temp, id }
}

describe('removal with revocation', () => {
  it('removing a client revokes each signed-in OAuth connection at the provider first', async () => {
    const { temp, id } = await signedInCore()
    cleanups.push(temp.dispose)
    const before = server.revocations().length
    const outcome = await temp.core.dispatch('clients.remove', { id: 'acme' })
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        connections: 1,
        revocations: [{ connectionId: id, revocationSupported: true, revoked: true }],
      },
    })
    expect(server.revocations().slice(before)).toMatchObject([
      { tokenTypeHint: 'access_token', status: 200, clientId: serviceClient.id },
    ])
  })

  it('a signed-in connection is not removed while the vault is locked (its tokens could not be revoked)', async () => {
    const { temp, id } = await signedInCore()
    cleanups.push(temp.dispose)
    temp.core.vault.lock()
    for (const [name, args] of [
      ['clients.remove', { id: 'acme' }],
      ['connections.delete', { id }],
    ] as const)
      expect(await temp.core.dispatch(name, args)).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(temp.core.clients.list()).toHaveLength(1)
  })

  it('the CLI’s `connections delete` revokes at the provider too', { timeout: 300_000 }, async () => {
    const { temp, id } = await signedInCore()
    temp.core.close()
    cleanups.push(() => rmSync(temp.dataDir, { recursive: true, force: true }))
    const before = server.revocations().length
    // Asynchronous: the authorization server runs in this process and must answer while the CLI waits.
    const result = await promisify(execFile)(
      process.execPath,
      [join(root, 'src-main/cli.ts'), '--data-dir', temp.dataDir, 'connections', 'delete', id],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SWITCHBOARD_PASSPHRASE: 'correct horse battery',
        },
      },
    )
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(`deleted ${id}; tokens revoked at the provider and deleted\n`)
    expect(server.revocations().slice(before)).toMatchObject([{ status: 200, clientId: serviceClient.id }])
  })

  it('no host deletes around the service', () => {
    const hostFiles = ['src-main/cli', 'src-main/bridge'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => join(entry.parentPath, entry.name)),
    )
    hostFiles.push(join(root, 'src-main/ipc.ts'), join(root, 'src-main/index.ts'))
    const bypasses = hostFiles.filter((file) =>
      /\b(connections|clients)\.remove\(/.test(readFileSync(file, 'utf8')),
    )
    expect(bypasses).toEqual([])
  })
})
