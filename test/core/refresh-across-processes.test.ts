// One rotating refresh token, two processes that both find the access token expiring at the same
// moment (the app and a CLI command, say), against panva's oidc-provider: the lease in SQLite lets
// exactly one token request reach the server, and both callers get a working token.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordedActions } from '../support/audit-file.ts'
import { skipWithoutBrowser } from '../support/browser.ts'
import {
  connectionOf,
  coreWith,
  launchBrowser,
  loginAndConsent,
  nativeClientId,
  newPage,
  oauthDefinition,
  startOidcServer,
  type OidcServer,
} from '../support/oidc-server.ts'
import { tempDir } from '../support/temp-core.ts'

// Short-lived access tokens: the core refreshes within half a token's life of its expiry.
const accessTokenTtl = 4
const passphrase = 'correct horse battery'
const child = resolve(import.meta.dirname, '../support/core-child.ts')
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

let server: OidcServer
let browser: Browser
beforeAll(async () => {
  server = await startOidcServer({ accessTokenTtl })
  if (!skipWithoutBrowser) browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

function refreshIn(dataDir: string, connectionId: string, barrier: string) {
  const proc = spawn(process.execPath, [child, dataDir, 'refresh', connectionId, barrier], {
    env: { ...process.env, SWITCHBOARD_PASSPHRASE: passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return new Promise<{ ok: boolean; accessToken?: string; error?: string }>((done, fail) =>
    proc.on('exit', () => {
      const line = out.trim().split('\n').at(-1)
      if (!line) fail(new Error(`the child said nothing: ${err}`))
      else done(JSON.parse(line) as { ok: boolean; accessToken?: string; error?: string })
    }),
  )
}

describe.skipIf(skipWithoutBrowser)('a token refresh across processes', () => {
  it('sends exactly one refresh request for two processes, and both calls succeed', async () => {
    const dataDir = tempDir()
    const temp = await coreWith(
      [
        oauthDefinition('oidc-test', {
          issuer: server.issuer,
          tokenUrl: `${server.issuer}/token`,
          scopes: ['openid', 'email', 'api:read'],
          clientAuthMethod: 'none',
        }),
      ],
      { dataDir },
    )
    temp.core.auth.apps.set({ integrationId: 'oidc-test', clientId: nativeClientId })
    const id = connectionOf(temp, 'oidc-test')
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    const page = await newPage(browser)
    try {
      await loginAndConsent(page, attempt.authorizationUrl)
      await attempt.done
    } finally {
      await page.context().close()
    }
    const first = temp.core.auth.tokenStore.read(id)?.set
    temp.core.close()
    // Past half its life: both processes will want a new one.
    await sleep((accessTokenTtl / 2) * 1000 + 500)

    const barrier = tempDir('switchboard-barrier-')
    const before = server.tokenRequests('refresh_token').length
    const results = [refreshIn(dataDir, id, barrier), refreshIn(dataDir, id, barrier)]
    const deadline = Date.now() + 60_000
    while (readdirSync(barrier).filter((f) => f.startsWith('ready-')).length < 2) {
      if (Date.now() > deadline) throw new Error('the two processes did not start')
      await sleep(20)
    }
    writeFileSync(join(barrier, 'go'), '')
    const [a, b] = await Promise.all(results)
    expect(a).toMatchObject({ ok: true })
    expect(b).toMatchObject({ ok: true })
    // One request reached the server: the second process re-read the first one's new token.
    expect(server.tokenRequests('refresh_token').slice(before)).toHaveLength(1)
    expect(a?.accessToken).toBe(b?.accessToken)
    expect(a?.accessToken).not.toBe(first?.access_token)
    expect(existsSync(join(barrier, 'go'))).toBe(true)
    // The trail has the sign-in and the one refresh, not two.
    expect(recordedActions(dataDir, 'auth.signed-in')).toHaveLength(1)
    expect(recordedActions(dataDir, 'auth.refreshed')).toHaveLength(1)
  })
})
