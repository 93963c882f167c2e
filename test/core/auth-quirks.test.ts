// Provider quirks, simulated by a small loopback server (a real authorization server would not misbehave
// like this): Slack's comma-separated scopes, "bot" token_type and errors in 200 bodies; a missing
// token_type; expires_in as a string; a refresh without a new refresh token; a failing revocation
// endpoint. Also what the definition controls: extra parameters, PKCE off, client authentication.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { OAuth2Config } from '../../src-main/contract/definition-format.ts'
import { connectionOf, coreWith, movableClock, oauthDefinition } from '../support/oidc-server.ts'
import type { TempCore } from '../support/temp-core.ts'

interface Seen {
  method: string
  path: string
  query: URLSearchParams
  body: URLSearchParams
  authorization: string | null
}

type Reply = { status?: number; json: unknown }

interface FakeProvider {
  url: string
  seen: Seen[]
  /** Answers POST /token; default: a bearer token. */
  token: (body: URLSearchParams) => Reply
  revoke: (body: URLSearchParams) => Reply | null
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

async function fakeProvider(): Promise<FakeProvider> {
  const provider: FakeProvider = {
    url: '',
    seen: [],
    token: () => ({
      json: { access_token: 'at-default-0123456789', token_type: 'Bearer', expires_in: 3600 },
    }),
    revoke: () => null,
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', provider.url)
      const body = new URLSearchParams(Buffer.concat(chunks).toString())
      provider.seen.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
        authorization: req.headers.authorization ?? null,
      })
      if (url.pathname === '/authorize') {
        const back = new URL(url.searchParams.get('redirect_uri') ?? '')
        back.searchParams.set('code', 'code-from-fake')
        back.searchParams.set('state', url.searchParams.get('state') ?? '')
        res.writeHead(302, { location: back.href }).end()
        return
      }
      const reply = url.pathname === '/token' ? provider.token(body) : provider.revoke(body)
      if (!reply) {
        res.writeHead(200).end()
        return
      }
      res
        .writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(reply.json))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return provider
}

const config = (provider: FakeProvider, overrides: Partial<OAuth2Config> = {}): OAuth2Config => ({
  authorizationUrl: `${provider.url}/authorize`,
  tokenUrl: `${provider.url}/token`,
  revocationUrl: `${provider.url}/revoke`,
  scopes: ['read', 'write'],
  ...overrides,
})

async function setUp(
  provider: FakeProvider,
  overrides: Partial<OAuth2Config> = {},
  secret: string | null = 'app-secret-value',
) {
  const clock = movableClock()
  const temp = await coreWith([oauthDefinition('quirky', config(provider, overrides))], { clock })
  cleanups.push(temp.dispose)
  temp.core.auth.apps.set({ integrationId: 'quirky', clientId: 'app-id', clientSecret: secret })
  return { temp, id: connectionOf(temp, 'quirky'), clock }
}

/** The browser's part, without a browser: follow the provider's redirect back to the listener. */
async function signIn(temp: TempCore, id: string) {
  const attempt = await temp.core.auth.signIn.start(id, { open: false })
  const redirect = await fetch(attempt.authorizationUrl, { redirect: 'manual' })
  const page = await fetch(redirect.headers.get('location') ?? '')
  return { attempt, page, authorizationUrl: new URL(attempt.authorizationUrl) }
}

const tokenRequests = (provider: FakeProvider) => provider.seen.filter((s) => s.path === '/token')
const bearerOf = async (temp: TempCore, id: string) => {
  const request = { url: new URL('https://api.example.com/'), headers: new Headers() }
  await temp.core.auth.authorize(id, request)
  return request.headers.get('authorization')
}

describe('provider quirks', () => {
  it('Slack: comma-separated scopes, token_type "bot", extra parameters, no PKCE, basic client auth', async () => {
    const provider = await fakeProvider()
    provider.token = () => ({
      json: {
        ok: true,
        access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
        token_type: 'bot',
        scope: 'channels:read,chat:write',
        bot_user_id: 'U0KRQLJ9H',
      },
    })
    const { temp, id } = await setUp(provider, {
      scopes: ['channels:read', 'chat:write'],
      scopeSeparator: ',',
      pkce: false,
      clientAuthMethod: 'client_secret_basic',
      additionalParameters: { user_scope: 'identify', state: 'not-allowed-to-override' },
      tokenParameters: { audience: 'workspace' },
    })
    const { attempt, page, authorizationUrl } = await signIn(temp, id)
    expect(await page.text()).toContain('Signed in')
    const status = await attempt.done
    expect(authorizationUrl.searchParams.get('scope')).toBe('channels:read,chat:write')
    expect(authorizationUrl.searchParams.get('user_scope')).toBe('identify')
    expect(authorizationUrl.searchParams.get('state')).not.toBe('not-allowed-to-override')
    expect(authorizationUrl.searchParams.has('code_challenge')).toBe(false)
    expect(authorizationUrl.searchParams.has('nonce')).toBe(false)
    const [exchange] = tokenRequests(provider)
    // RFC 6749 §2.3.1: id and secret form-encoded, then HTTP basic.
    const basic = Buffer.from((exchange?.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()
    expect(basic.split(':').map(decodeURIComponent)).toEqual(['app-id', 'app-secret-value'])
    expect(Object.fromEntries(exchange?.body ?? [])).toEqual({
      grant_type: 'authorization_code',
      code: 'code-from-fake',
      redirect_uri: attempt.redirectUri,
      audience: 'workspace',
    })
    expect(status).toMatchObject({
      grantedScopes: ['channels:read', 'chat:write'],
      missingScopes: [],
      expiresAt: null,
    })
    expect(await bearerOf(temp, id)).toBe('Bearer xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy')
  })

  it('an error in a 200 body fails the sign-in with the provider’s error', async () => {
    const provider = await fakeProvider()
    provider.token = () => ({ json: { ok: false, error: 'invalid_code' } })
    const { temp, id } = await setUp(provider)
    const { attempt, page } = await signIn(temp, id)
    expect(page.status).toBe(400)
    await expect(attempt.done).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      message: expect.stringContaining('invalid_code'),
      details: { reason: 'invalid_code' },
    })
    expect(temp.core.auth.status(id).signedIn).toBe(false)
  })

  it('a missing token_type is a bearer token; expires_in as a string is understood', async () => {
    const provider = await fakeProvider()
    provider.token = () => ({
      json: { access_token: 'at-no-type-0123456789', expires_in: '3600', refresh_token: 'rt-1-0123456789' },
    })
    const { temp, id } = await setUp(provider, { clientAuthMethod: 'client_secret_post' })
    const { attempt } = await signIn(temp, id)
    const status = await attempt.done
    expect(Date.parse(status.expiresAt ?? '') - Date.now()).toBeGreaterThan(3590_000)
    expect(Date.parse(status.expiresAt ?? '') - Date.now()).toBeLessThanOrEqual(3600_000)
    expect(await bearerOf(temp, id)).toBe('Bearer at-no-type-0123456789')
    // client_secret_post: the credentials are in the body, not a header.
    const [exchange] = tokenRequests(provider)
    expect(exchange?.authorization).toBeNull()
    expect(exchange?.body.get('client_id')).toBe('app-id')
    expect(exchange?.body.get('client_secret')).toBe('app-secret-value')
    expect(exchange?.body.get('code_verifier')).toMatch(/^[\w-]{43}$/)
  })

  it('an unknown token_type is refused with a clear error', async () => {
    const provider = await fakeProvider()
    provider.token = () => ({ json: { access_token: 'at-mac-0123456789', token_type: 'mac' } })
    const { temp, id } = await setUp(provider)
    const { attempt } = await signIn(temp, id)
    await expect(attempt.done).rejects.toMatchObject({ message: expect.stringContaining('token_type') })
  })

  it('a refresh without a new refresh token keeps the old one; an invalid_grant in a 200 body means sign in again', async () => {
    const provider = await fakeProvider()
    let issued = 0
    provider.token = (body) => {
      issued++
      if (body.get('grant_type') === 'authorization_code')
        return {
          json: {
            access_token: 'at-1-0123456789',
            token_type: 'Bearer',
            expires_in: 600,
            refresh_token: 'rt-original-0123456789',
          },
        }
      if (issued === 2)
        return { json: { access_token: 'at-2-0123456789', token_type: 'Bearer', expires_in: 600 } }
      return { json: { ok: false, error: 'invalid_grant', error_description: 'token revoked' } }
    }
    const { temp, id, clock } = await setUp(provider, {}, null)
    const { attempt } = await signIn(temp, id)
    await attempt.done
    clock.advance(601_000)
    expect((await temp.core.auth.accessToken(id)).accessToken).toBe('at-2-0123456789')
    expect(temp.core.auth.tokenStore.read(id)?.set.refresh_token).toBe('rt-original-0123456789')
    expect(temp.core.auth.status(id).hasRefreshToken).toBe(true)
    clock.advance(601_000)
    await expect(temp.core.auth.accessToken(id)).rejects.toMatchObject({ code: 'SIGN_IN_NEEDED' })
    const refreshes = tokenRequests(provider).filter((r) => r.body.get('grant_type') === 'refresh_token')
    expect(refreshes.map((r) => r.body.get('refresh_token'))).toEqual([
      'rt-original-0123456789',
      'rt-original-0123456789',
    ])
    // A public client (no secret) sends its client_id, and nothing else, to authenticate.
    expect(refreshes[0]?.body.get('client_id')).toBe('app-id')
    expect(refreshes[0]?.authorization).toBeNull()
    expect(temp.core.connections.get(id)).toMatchObject({
      status: 'error',
      lastErrorMessage: expect.stringContaining('sign-in needed'),
    })
  })

  it('disconnect deletes the tokens even when revocation fails, and says so', async () => {
    const provider = await fakeProvider()
    provider.token = () => ({
      json: { access_token: 'at-0123456789', token_type: 'Bearer', refresh_token: 'rt-0123456789' },
    })
    provider.revoke = () => ({ status: 503, json: { message: 'down for maintenance' } })
    const { temp, id } = await setUp(provider)
    await (
      await signIn(temp, id)
    ).attempt.done
    const result = await temp.core.auth.disconnect(id)
    expect(result).toMatchObject({
      revocationSupported: true,
      revoked: false,
      error: expect.stringContaining('Revocation failed'),
    })
    expect(
      provider.seen.filter((s) => s.path === '/revoke').map((s) => s.body.get('token_type_hint')),
    ).toEqual(['refresh_token', 'access_token'])
    expect(temp.core.auth.tokenStore.meta(id)).toBeUndefined()
    expect(temp.core.connections.get(id)).toMatchObject({
      status: 'disconnected',
      lastErrorMessage: result.error,
    })
  })

  it('disconnect without a revocation endpoint only deletes locally', async () => {
    const provider = await fakeProvider()
    const { temp, id } = await setUp(provider, { revocationUrl: undefined })
    await (
      await signIn(temp, id)
    ).attempt.done
    expect(await temp.core.auth.disconnect(id)).toEqual({
      connectionId: id,
      revocationSupported: false,
      revoked: false,
      error: null,
    })
    expect(provider.seen.filter((s) => s.path === '/revoke')).toEqual([])
    expect(temp.core.auth.status(id).signedIn).toBe(false)
  })

  it('tokens that no longer decrypt mark the connection locked and are kept; a new sign-in unlocks it', async () => {
    const provider = await fakeProvider()
    const { temp, id } = await setUp(provider)
    await (
      await signIn(temp, id)
    ).attempt.done
    const sqlite = temp.core.db.$client
    const { sealed } = sqlite.prepare('SELECT sealed FROM oauth_tokens').get() as { sealed: Buffer }
    const flipped = Buffer.from(sealed)
    flipped[flipped.length - 2] = (flipped[flipped.length - 2] ?? 0) ^ 1
    sqlite.prepare('UPDATE oauth_tokens SET sealed = ?').run(flipped)
    await expect(temp.core.auth.accessToken(id)).rejects.toMatchObject({ code: 'LOCKED' })
    expect(temp.core.connections.get(id)).toMatchObject({
      status: 'locked',
      lastErrorMessage: expect.stringContaining('Sign in again'),
    })
    expect(temp.core.auth.status(id).signedIn).toBe(true)
    await (
      await signIn(temp, id)
    ).attempt.done
    expect(temp.core.connections.get(id).status).toBe('connected')
    expect((await temp.core.auth.accessToken(id)).accessToken).toBe('at-default-0123456789')
  })
})
