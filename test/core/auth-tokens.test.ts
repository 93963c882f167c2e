// Tokens after sign-in, against the real authorization server: sealed in the vault and nowhere in
// clear; refreshed once for 20 concurrent callers; one refresh and one retry on a 401; a refresh token
// revoked at the server marks the connection "sign-in needed" without retry loops; disconnect revokes
// at the server; the client credentials grant; deleting a connection deletes its tokens.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Outcome } from '../../src-main/contract/errors.ts'
import type { Logger } from '../../src-main/core/host.ts'
import type { TempCore } from '../support/temp-core.ts'
import {
  connectionOf,
  coreWith,
  launchBrowser,
  loginAndConsent,
  movableClock,
  nativeClientId,
  newPage,
  oauthDefinition,
  serviceClient,
  startOidcServer,
  webClient,
  type OidcServer,
} from '../support/oidc-server.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

const accessTokenTtl = 60
let server: OidcServer
let browser: Browser
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

beforeAll(async () => {
  server = await startOidcServer({ accessTokenTtl })
  if (!skipWithoutBrowser) browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

interface Setup {
  temp: TempCore
  id: string
  clock: ReturnType<typeof movableClock>
  logLines: string[]
}

async function setUp(): Promise<Setup> {
  const clock = movableClock()
  const logLines: string[] = []
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logLines.push(JSON.stringify({ level, message, ...fields }))
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
  const temp = await coreWith(
    [
      oauthDefinition('oidc-test', {
        issuer: server.issuer,
        tokenUrl: `${server.issuer}/token`,
        scopes: ['openid', 'email', 'api:read'],
        clientAuthMethod: 'none',
      }),
      oauthDefinition('oidc-service', {
        tokenUrl: `${server.issuer}/token`,
        revocationUrl: `${server.issuer}/token/revocation`,
        grantType: 'client_credentials',
        scopes: ['api:read'],
        clientAuthMethod: 'client_secret_post',
      }),
    ],
    { clock, logger },
  )
  cleanups.push(temp.dispose)
  temp.core.auth.apps.set({ integrationId: 'oidc-test', clientId: nativeClientId })
  return { temp, id: connectionOf(temp, 'oidc-test'), clock, logLines }
}

async function signIn({ temp, id }: Setup) {
  const attempt = await temp.core.auth.signIn.start(id, { open: false })
  const page = await newPage(browser)
  try {
    await loginAndConsent(page, attempt.authorizationUrl)
    return await attempt.done
  } finally {
    await page.context().close()
  }
}

const userinfo = () => `${server.issuer}/me`
const tokensOf = (setup: Setup) => {
  const stored = setup.temp.core.auth.tokenStore.read(setup.id)
  if (!stored) throw new Error('not signed in')
  return stored.set
}

/** Revokes a token at the server directly, as the provider's own admin or the user would. */
async function revokeAtServer(token: string, hint: 'refresh_token') {
  const response = await fetch(`${server.issuer}/token/revocation`, {
    method: 'POST',
    body: new URLSearchParams({ token, token_type_hint: hint, client_id: nativeClientId }),
  })
  expect(response.status).toBe(200)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const leaks = (haystack: Buffer | string, needles: string[]) => {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1')
  return needles.filter(
    (needle) => text.includes(needle) || text.includes(Buffer.from(needle, 'utf16le').toString('latin1')),
  )
}

describe.skipIf(skipWithoutBrowser)('tokens', () => {
  it('are sealed in the vault: no token or client secret in clear in the database, WAL, logs or API outcomes', async () => {
    const setup = await setUp()
    const { temp, id, clock } = setup
    const outcomes: unknown[] = []
    // A confidential app's secret must be sealed too.
    outcomes.push(
      temp.core.auth.apps.set({
        integrationId: 'oidc-service',
        clientId: serviceClient.id,
        clientSecret: serviceClient.secret,
      }),
    )
    outcomes.push(await signIn(setup))
    const first = tokensOf(setup)
    clock.advance((accessTokenTtl + 1) * 1000)
    await temp.core.auth.accessToken(id)
    const second = tokensOf(setup)
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    const service = connectionOf(temp, 'oidc-service')
    outcomes.push(await temp.core.auth.signInWithClientCredentials(service))
    const serviceToken = temp.core.auth.tokenStore.read(service)?.set.access_token ?? ''
    outcomes.push(temp.core.auth.status(id), temp.core.auth.status(service), temp.core.auth.apps.list())
    for (const [name, args] of [
      ['connections.get', { id }],
      ['connections.list', {}],
      ['audit.list', {}],
      ['app.info', {}],
    ] as const) {
      const outcome: Outcome<unknown> = await temp.core.dispatch(name, args)
      expect(outcome.ok).toBe(true)
      outcomes.push(outcome)
    }
    temp.core.db.$client.pragma('wal_checkpoint(PASSIVE)')

    const secrets = [
      first.access_token,
      first.refresh_token ?? 'missing',
      first.id_token ?? 'missing',
      second.access_token,
      second.refresh_token ?? 'missing',
      serviceToken,
      serviceClient.secret,
    ]
    expect(secrets.every((s) => s.length > 20)).toBe(true)
    expect(leaks(JSON.stringify(outcomes), secrets), 'API outcomes').toEqual([])
    expect(leaks(setup.logLines.join('\n'), secrets), 'logs').toEqual([])
    const files = filesUnder(temp.dataDir)
    expect(files.some((file) => file.endsWith('switchboard.db-wal'))).toBe(true)
    for (const file of files) expect(leaks(readFileSync(file), secrets), file).toEqual([])
    // And they are really there, for the runtime:
    expect((await temp.core.auth.accessToken(id)).accessToken).toBe(second.access_token)
  })

  it('20 concurrent calls on an expired access token make exactly one token request', async () => {
    const setup = await setUp()
    await signIn(setup)
    const before = tokensOf(setup)
    setup.clock.advance((accessTokenTtl + 1) * 1000)
    const refreshes = server.tokenRequests('refresh_token').length
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => setup.temp.core.auth.authorizedFetch(setup.id, userinfo())),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 1)
    const after = tokensOf(setup)
    expect(after.access_token).not.toBe(before.access_token)
    // Rotated: the new refresh token replaced the old one.
    expect(after.refresh_token).toBeTruthy()
    expect(after.refresh_token).not.toBe(before.refresh_token)
    expect(setup.temp.core.auth.status(setup.id)).toMatchObject({ signedIn: true, hasRefreshToken: true })
    // Fresh now: no further request.
    await setup.temp.core.auth.accessToken(setup.id)
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 1)
  })

  it('a 401 gets one refresh, shared by concurrent callers, and one retry', async () => {
    const setup = await setUp()
    await signIn(setup)
    // The server drops the access token before its time (revoking it would end the whole grant).
    await (await server.provider.AccessToken.find(tokensOf(setup).access_token))?.destroy()
    const refreshes = server.tokenRequests('refresh_token').length
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => setup.temp.core.auth.authorizedFetch(setup.id, userinfo())),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(200))
    expect(((await responses[0]?.json()) as { email?: string }).email).toBe('ada@example.test')
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 1)

    // A resource that refuses every token: one refresh, one retry, then its 401 is the answer.
    let hits = 0
    const stubborn = createServer((_req, res) => {
      hits++
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end()
    })
    await new Promise<void>((resolve) => stubborn.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => stubborn.close(() => resolve())))
    const url = `http://127.0.0.1:${(stubborn.address() as AddressInfo).port}/`
    const answer = await setup.temp.core.auth.authorizedFetch(setup.id, url)
    expect(answer.status).toBe(401)
    expect(hits).toBe(2)
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 2)
  })

  it('a refresh token revoked at the server marks the connection "sign-in needed", without retrying', async () => {
    const setup = await setUp()
    const { temp, id, clock } = setup
    await signIn(setup)
    await revokeAtServer(tokensOf(setup).refresh_token ?? '', 'refresh_token')
    clock.advance((accessTokenTtl + 1) * 1000)
    const refreshes = server.tokenRequests('refresh_token').length
    const calls = await Promise.allSettled(Array.from({ length: 5 }, () => temp.core.auth.accessToken(id)))
    expect(calls.map((c) => c.status)).toEqual(Array(5).fill('rejected'))
    expect((calls[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SIGN_IN_NEEDED',
      message: expect.stringContaining('sign-in needed'),
    })
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 1)
    expect(server.tokenRequests('refresh_token').at(-1)).toMatchObject({ error: 'invalid_grant' })
    expect(temp.core.connections.get(id)).toMatchObject({
      status: 'error',
      lastErrorMessage: expect.stringContaining('sign-in needed'),
    })
    expect(temp.core.auth.status(id)).toMatchObject({ signedIn: true, signInNeeded: true })
    // No loop: later calls fail at once, with no further token request.
    await expect(temp.core.auth.authorizedFetch(id, userinfo())).rejects.toMatchObject({
      code: 'SIGN_IN_NEEDED',
    })
    expect(server.tokenRequests('refresh_token')).toHaveLength(refreshes + 1)
    expect(temp.core.audit.list({}).events.map((e) => e.action)).toContain('auth.refresh-failed')
    // Signing in again clears it.
    await signIn(setup)
    expect(temp.core.connections.get(id)).toMatchObject({ status: 'connected', lastErrorMessage: null })
    expect(temp.core.auth.status(id).signInNeeded).toBe(false)
  })

  it('disconnect revokes at the server (refresh token, then access token), then deletes locally', async () => {
    const setup = await setUp()
    const { temp, id } = setup
    await signIn(setup)
    const { access_token: accessToken } = tokensOf(setup)
    const revocations = server.revocations().length
    const result = await temp.core.auth.disconnect(id)
    expect(result).toEqual({ connectionId: id, revocationSupported: true, revoked: true, error: null })
    expect(server.revocations().slice(revocations)).toMatchObject([
      { tokenTypeHint: 'refresh_token', status: 200, clientId: nativeClientId },
      { tokenTypeHint: 'access_token', status: 200, clientId: nativeClientId },
    ])
    expect(temp.core.auth.tokenStore.meta(id)).toBeUndefined()
    expect(temp.core.auth.status(id)).toMatchObject({ signedIn: false, signInNeeded: true })
    expect(temp.core.connections.get(id).status).toBe('disconnected')
    const old = await fetch(userinfo(), { headers: { authorization: `Bearer ${accessToken}` } })
    expect(old.status).toBe(401)
    expect(temp.core.audit.list({}).events[0]).toMatchObject({
      action: 'auth.disconnected',
      details: { revoked: true, deleted: true },
    })
  })

  it('deleting a connection deletes its tokens and its own OAuth app', async () => {
    const setup = await setUp()
    const { temp, id } = setup
    await signIn(setup)
    temp.core.auth.apps.set({ integrationId: 'oidc-test', connectionId: id, clientId: webClient.id })
    temp.core.connections.remove(id)
    const count = (table: string) =>
      (temp.core.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    expect(count('oauth_tokens')).toBe(0)
    expect(temp.core.auth.apps.list('oidc-test')).toMatchObject([
      { connectionId: null, clientId: nativeClientId },
    ])
  })
})

describe('client credentials grant', () => {
  it('gets a token with the app’s secret, and a new one when it expires (one request for many callers)', async () => {
    const setup = await setUp()
    const { temp, clock } = setup
    const id = connectionOf(temp, 'oidc-service')
    await expect(temp.core.auth.signInWithClientCredentials(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    temp.core.auth.apps.set({
      integrationId: 'oidc-service',
      clientId: serviceClient.id,
      clientSecret: serviceClient.secret,
    })
    await expect(temp.core.auth.signIn.start(id, { open: false })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    const status = await temp.core.auth.signInWithClientCredentials(id)
    expect(status).toMatchObject({
      grantType: 'client_credentials',
      signedIn: true,
      hasRefreshToken: false,
      grantedScopes: ['api:read'],
      missingScopes: [],
      app: { clientId: serviceClient.id, hasSecret: true, source: 'integration' },
    })
    expect(server.tokenRequests('client_credentials').at(-1)).toMatchObject({
      status: 200,
      clientId: serviceClient.id,
    })
    const first = await temp.core.auth.accessToken(id)
    const grants = server.tokenRequests('client_credentials').length
    clock.advance((accessTokenTtl + 1) * 1000)
    const renewed = await Promise.all(Array.from({ length: 10 }, () => temp.core.auth.accessToken(id)))
    expect(new Set(renewed.map((t) => t.accessToken)).size).toBe(1)
    expect(renewed[0]?.accessToken).not.toBe(first.accessToken)
    expect(server.tokenRequests('client_credentials')).toHaveLength(grants + 1)
    expect(server.tokenRequests('refresh_token').filter((r) => r.clientId === serviceClient.id)).toEqual([])
  })

  it('reports a wrong client secret clearly', async () => {
    const { temp } = await setUp()
    const id = connectionOf(temp, 'oidc-service')
    temp.core.auth.apps.set({
      integrationId: 'oidc-service',
      clientId: serviceClient.id,
      clientSecret: 'not-the-secret',
    })
    await expect(temp.core.auth.signInWithClientCredentials(id)).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      message: expect.stringContaining('invalid_client'),
    })
    expect(temp.core.auth.status(id).signedIn).toBe(false)
  })
})
