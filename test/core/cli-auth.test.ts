// `switchboard auth …` end to end: the real CLI process, a real authorization server (oidc-provider on
// 127.0.0.1), and Chromium logging in on the provider's own pages with the URL the CLI printed.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  launchBrowser,
  loginAndConsent,
  nativeClientId,
  newPage,
  oauthDefinition,
  startOidcServer,
  type OidcServer,
} from '../support/oidc-server.ts'
import { runCliAsync, spawnCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-core.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

const work = tempDir('switchboard-cli-auth-')
const dataDir = join(work, 'data')
const env = { SWITCHBOARD_PASSPHRASE: 'correct horse battery' }
let server: OidcServer
let browser: Browser

beforeAll(async () => {
  server = await startOidcServer()
  if (!skipWithoutBrowser) browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

// Asynchronous on purpose: the authorization server runs in this process, so a blocking spawn would
// stop it from answering the very CLI call it waits for.
const run = (...args: string[]) => runCliAsync(['--data-dir', dataDir, ...args], { env })

describe.skipIf(skipWithoutBrowser)('switchboard auth', () => {
  const connection = 'conn_oidc-cli_acme_production'

  it('registers the OAuth app, signs in through the browser, reports status, and logs out with revocation', async () => {
    const definition = oauthDefinition('oidc-cli', {
      issuer: server.issuer,
      tokenUrl: `${server.issuer}/token`,
      scopes: ['openid', 'email', 'offline_access', 'api:read'],
      clientAuthMethod: 'none',
    })
    const file = join(work, 'oidc-cli.json')
    writeFileSync(file, JSON.stringify(definition))
    expect((await run('definitions', 'import', file)).code).toBe(0)
    expect((await run('clients', 'add', 'Acme')).code).toBe(0)
    expect(
      (
        await run(
          'connections',
          'create',
          '--integration',
          'oidc-cli',
          '--client',
          'acme',
          '--env',
          'production',
        )
      ).code,
    ).toBe(0)
    expect(await run('auth', 'app', 'set', 'oidc-cli', '--client-id', nativeClientId)).toMatchObject({
      code: 0,
      stdout: `OAuth app for oidc-cli: ${nativeClientId}\n`,
    })
    expect((await run('auth', 'status', connection)).stdout).toMatch(/Signed in\s+no/)

    const login = spawnCli(['--data-dir', dataDir, 'auth', 'login', connection, '--no-open'], { env })
    let stdout = ''
    let stderr = ''
    login.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const url = await new Promise<string>((resolveUrl, reject) => {
      login.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        const match = /Sign in at:\n\s+(\S+)\n/.exec(stderr)
        if (match?.[1]) resolveUrl(match[1])
      })
      login.once('exit', () => reject(new Error(`login exited early: ${stderr}`)))
    })
    expect(url.startsWith(`${server.issuer}/`)).toBe(true)
    const code = new Promise<number | null>((resolveCode) => login.once('exit', resolveCode))
    const page = await newPage(browser)
    await loginAndConsent(page, url, { login: 'ada' })
    await page.getByText('Signed in').first().waitFor()
    expect(await code).toBe(0)
    expect(stdout).toMatch(/Signed in\s+yes as ada/)
    await page.context().close()

    const status = JSON.parse((await run('auth', 'status', connection, '--json')).stdout) as Record<
      string,
      unknown
    >
    expect(status).toMatchObject({ signedIn: true, hasRefreshToken: true, missingScopes: [] })
    expect(JSON.stringify(status)).not.toMatch(/access_token|refresh_token/)

    const before = server.revocations().length
    expect(await run('auth', 'logout', connection)).toMatchObject({
      code: 0,
      stdout: `signed out of ${connection}: tokens revoked and deleted\n`,
    })
    expect(server.revocations().length).toBeGreaterThan(before)
    expect((await run('auth', 'status', connection)).stdout).toMatch(/Signed in\s+no/)
  })

  it('refuses to log in a connection that does not exist', async () => {
    expect(await run('auth', 'login', 'nope', '--no-open')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No connection "nope"'),
    })
  })
})
