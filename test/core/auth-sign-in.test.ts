// Browser sign-in against a real authorization server (oidc-provider on 127.0.0.1), driven through its
// own login and consent pages in Chromium: success, and each way a response must be refused (state,
// consent denied, replayed code, PKCE verifier, issuer), the paste-the-URL fallback with a confidential
// client, missing scopes, and the host's openUrl as the default way to open the page.
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TempCore } from '../support/temp-core.ts'
import {
  connectionOf,
  coreWith,
  launchBrowser,
  loginAndConsent,
  nativeClientId,
  newPage,
  oauthDefinition,
  pasteRedirectUri,
  portIsOpen,
  startOidcServer,
  webClient,
  type OidcServer,
} from '../support/oidc-server.ts'
import type { OAuth2Config } from '../../src-main/contract/definition-format.ts'
import type { CoreHost } from '../../src-main/core/host.ts'
import { skipWithoutBrowser } from '../support/browser.ts'

let server: OidcServer
let browser: Browser
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

beforeAll(async () => {
  server = await startOidcServer()
  if (!skipWithoutBrowser) browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const requested = ['openid', 'email', 'api:read']

async function setUp(
  config: Partial<OAuth2Config> = {},
  host: Partial<CoreHost> = {},
): Promise<{ temp: TempCore; id: string; page: Page }> {
  const temp = await coreWith(
    [
      oauthDefinition('oidc-test', {
        issuer: server.issuer,
        tokenUrl: `${server.issuer}/token`,
        scopes: requested,
        clientAuthMethod: 'none',
        ...config,
      }),
    ],
    host,
  )
  cleanups.push(temp.dispose)
  temp.core.auth.apps.set({ integrationId: 'oidc-test', clientId: nativeClientId })
  const page = await newPage(browser)
  cleanups.push(() => page.context().close())
  return { temp, id: connectionOf(temp, 'oidc-test'), page }
}

/** The URL the browser is sent to next that starts with `prefix` (seen even when it cannot load). */
const redirectTo = (page: Page, prefix: string): Promise<string> =>
  page.waitForRequest((request) => request.url().startsWith(prefix)).then((request) => request.url())

const portOf = (redirectUri: string) => Number(new URL(redirectUri).port)
const withParam = (url: string, name: string, value: string) => {
  const changed = new URL(url)
  changed.searchParams.set(name, value)
  return changed.href
}

describe.skipIf(skipWithoutBrowser)('sign-in in the system browser', () => {
  it('signs in with PKCE S256, state and nonce; the listener takes one request and closes', async () => {
    const { temp, id, page } = await setUp()
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    const authorizationUrl = new URL(attempt.authorizationUrl)
    expect(authorizationUrl.origin).toBe(server.issuer)
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorizationUrl.searchParams.get('state')).toMatch(/^[\w-]{43}$/)
    expect(authorizationUrl.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/)
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid email api:read')
    expect(attempt).toMatchObject({ mode: 'loopback', connectionId: id })
    expect(attempt.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    expect(temp.core.auth.status(id)).toMatchObject({ signedIn: false, signInInProgress: true })

    await loginAndConsent(page, attempt.authorizationUrl)
    const status = await attempt.done
    await page.waitForURL(/127\.0\.0\.1:\d+\/callback/)
    expect(await page.textContent('h1')).toBe('Signed in — you can close this tab')
    expect(status).toMatchObject({
      connectionId: id,
      authType: 'oauth2',
      grantType: 'authorization_code',
      signedIn: true,
      signInNeeded: false,
      signInInProgress: false,
      account: 'ada@example.test',
      hasRefreshToken: true,
      requestedScopes: requested,
      grantedScopes: requested,
      missingScopes: [],
      app: { clientId: nativeClientId, hasSecret: false, source: 'integration' },
    })
    expect(Date.parse(status.expiresAt ?? '')).toBeGreaterThan(Date.now())
    expect(temp.core.connections.get(id)).toMatchObject({ status: 'connected', lastErrorMessage: null })
    expect(await portIsOpen(portOf(attempt.redirectUri))).toBe(false)
    expect(server.tokenRequests('authorization_code').at(-1)).toMatchObject({
      status: 200,
      clientId: nativeClientId,
    })
    expect(temp.core.audit.list({}).events.map((e) => e.action)).toContain('auth.signed-in')
  })

  it('opens the page with the host’s openUrl by default (the system browser)', async () => {
    const opened: string[] = []
    // Stands in for the system browser: the page the host opens the URL in.
    const browserTab: { page?: Page } = {}
    const { temp, id, page } = await setUp(
      {},
      {
        openUrl: async (url) => {
          opened.push(url)
          if (browserTab.page) void loginAndConsent(browserTab.page, url)
        },
      },
    )
    browserTab.page = page
    const attempt = await temp.core.auth.signIn.start(id)
    expect(opened).toEqual([attempt.authorizationUrl])
    await expect(attempt.done).resolves.toMatchObject({ signedIn: true })
  })

  it('fails on a state mismatch: refused page, no token request, port closed', async () => {
    const { temp, id, page } = await setUp()
    const before = server.tokenRequests().length
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    // The browser comes back with a state this attempt did not issue (forged, or another attempt's).
    await loginAndConsent(
      page,
      withParam(attempt.authorizationUrl, 'state', 'forged-or-from-another-attempt'),
    )
    await expect(attempt.done).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      message: expect.stringContaining('state mismatch'),
      details: { reason: 'state_mismatch' },
    })
    await page.waitForURL(/127\.0\.0\.1:\d+\/callback/)
    expect(await page.textContent('h1')).toBe('Sign-in failed')
    expect(await page.textContent('body')).toContain('state mismatch')
    expect(server.tokenRequests()).toHaveLength(before)
    expect(await portIsOpen(portOf(attempt.redirectUri))).toBe(false)
    expect(temp.core.auth.status(id)).toMatchObject({ signedIn: false, signInInProgress: false })
  })

  it('reports consent denied (error=access_denied) in the app and in the tab', async () => {
    const { temp, id, page } = await setUp()
    const before = server.tokenRequests().length
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    await loginAndConsent(page, attempt.authorizationUrl, { deny: true })
    await expect(attempt.done).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('access_denied'),
      details: { reason: 'access_denied' },
    })
    await page.waitForURL(/127\.0\.0\.1:\d+\/callback\?.*error=access_denied/)
    expect(await page.textContent('h1')).toBe('Sign-in failed')
    expect(server.tokenRequests()).toHaveLength(before)
    expect(temp.core.audit.list({}).events[0]).toMatchObject({
      action: 'auth.sign-in-failed',
      details: { reason: 'access_denied' },
    })
  })

  it('refuses a replayed authorization code: the listener is gone, and a new attempt gets invalid_grant', async () => {
    const { temp, id, page } = await setUp()
    const first = await temp.core.auth.signIn.start(id, { open: false })
    let callbackUrl = ''
    page.on('request', (request) => {
      if (request.url().startsWith(first.redirectUri)) callbackUrl = request.url()
    })
    await loginAndConsent(page, first.authorizationUrl)
    await first.done
    const signedIn = temp.core.auth.tokenStore.read(id)
    // The same response again: nothing listens any more.
    await expect(fetch(callbackUrl)).rejects.toThrow()
    // Delivered to a fresh attempt, with that attempt's own state (as someone who saw the URL could):
    const second = await temp.core.auth.signIn.start(id, { open: false })
    const state = new URL(second.authorizationUrl).searchParams.get('state') ?? ''
    const replay = new URL(second.redirectUri)
    replay.search = new URL(withParam(callbackUrl, 'state', state)).search
    const page2 = await fetch(replay)
    expect(page2.status).toBe(400)
    await expect(second.done).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      details: { reason: 'invalid_grant' },
      message: expect.stringContaining('invalid_grant'),
    })
    expect(server.tokenRequests('authorization_code').at(-1)).toMatchObject({
      status: 400,
      error: 'invalid_grant',
    })
    // The sign-in that worked is untouched.
    expect(temp.core.auth.tokenStore.read(id)?.set).toEqual(signedIn?.set)
  })

  it('refuses a code issued for another PKCE challenge (verifier mismatch)', async () => {
    const { temp, id, page } = await setUp()
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    // An injected code: obtained with someone else's code_challenge, returned with this attempt's state.
    const tampered = new URL(attempt.authorizationUrl)
    tampered.searchParams.set(
      'code_challenge',
      await calculatePKCECodeChallenge(generateRandomCodeVerifier()),
    )
    await loginAndConsent(page, tampered.href)
    await expect(attempt.done).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      details: { reason: 'invalid_grant' },
    })
    expect(server.tokenRequests('authorization_code').at(-1)).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      detail: expect.stringMatching(/PKCE|code_verifier/),
    })
    expect(temp.core.auth.status(id).signedIn).toBe(false)
  })

  it('refuses a response from another issuer (mix-up, RFC 9207), before any token request', async () => {
    const { temp, id, page } = await setUp()
    const attacker = await startOidcServer()
    cleanups.push(() => attacker.close())
    const before = server.tokenRequests().length
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    // The authorization request ends up at another server, which answers to our redirect URI with our
    // state and a valid code of its own, naming itself as iss.
    const mixedUp = new URL(attempt.authorizationUrl)
    mixedUp.host = new URL(attacker.issuer).host
    await loginAndConsent(page, mixedUp.href)
    await expect(attempt.done).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      details: { reason: 'issuer_mismatch' },
      message: expect.stringContaining(`comes from ${attacker.issuer}, not ${server.issuer}`),
    })
    await page.waitForURL(/127\.0\.0\.1:\d+\/callback/)
    expect(await page.textContent('body')).toContain('issuer mismatch')
    expect(server.tokenRequests()).toHaveLength(before)
    expect(attacker.tokenRequests()).toEqual([])
  })

  it('shows scopes the provider did not grant', async () => {
    const { temp, id, page } = await setUp({ scopes: [...requested, 'api:write'] })
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    await loginAndConsent(page, attempt.authorizationUrl)
    const status = await attempt.done
    expect(status).toMatchObject({ grantedScopes: requested, missingScopes: ['api:write'] })
    expect(temp.core.auth.status(id).missingScopes).toEqual(['api:write'])
  })

  it('falls back to pasting the final URL for a provider that refuses loopback (confidential client)', async () => {
    const { temp, id, page } = await setUp({ clientAuthMethod: 'client_secret_basic' })
    temp.core.auth.apps.set({
      integrationId: 'oidc-test',
      connectionId: id,
      clientId: webClient.id,
      clientSecret: webClient.secret,
      redirectUri: pasteRedirectUri,
    })
    const attempt = await temp.core.auth.signIn.start(id, { open: false })
    expect(attempt).toMatchObject({ mode: 'paste', redirectUri: pasteRedirectUri })
    const landed = redirectTo(page, pasteRedirectUri)
    await loginAndConsent(page, attempt.authorizationUrl)
    const finalUrl = await landed
    await expect(
      temp.core.auth.signIn.completeFromPastedUrl(attempt.attemptId, 'https://elsewhere.example/?code=x'),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    const status = await temp.core.auth.signIn.completeFromPastedUrl(attempt.attemptId, `  ${finalUrl}\n`)
    expect(status).toMatchObject({
      signedIn: true,
      app: { clientId: webClient.id, hasSecret: true, source: 'connection', redirectUri: pasteRedirectUri },
    })
    await expect(attempt.done).resolves.toMatchObject({ signedIn: true })
    expect(server.tokenRequests('authorization_code').at(-1)).toMatchObject({
      status: 200,
      clientId: webClient.id,
    })
    await expect(
      temp.core.auth.signIn.completeFromPastedUrl(attempt.attemptId, finalUrl),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
