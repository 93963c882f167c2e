// Credentials applied in one place for every authType (API keys in a header or the query with name and
// prefix, HTTP basic, templated headers, none), with the bundled definitions where they show the real
// shapes; and https enforcement: no OAuth endpoint and no credential over plain http except loopback.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isSecureEndpoint } from '../../src-main/core/auth/endpoints.ts'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith, oauthDefinition, portIsOpen } from '../support/oidc-server.ts'
import type { TempCore } from '../support/temp-core.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

async function core(definitions: Parameters<typeof coreWith>[0] = []): Promise<TempCore> {
  const temp = await coreWith(definitions)
  cleanups.push(temp.dispose)
  return temp
}

async function authorized(
  temp: TempCore,
  connectionId: string,
  url = 'https://api.example.com/v1/things?page=2',
) {
  const request = { url: new URL(url), headers: new Headers({ accept: 'application/json' }) }
  await temp.core.auth.authorize(connectionId, request)
  return request
}

/** A loopback server that answers with the request it got. */
async function echoServer(): Promise<{ url: string; seen: { url: string; headers: IncomingHttpHeaders }[] }> {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('credentials on outgoing requests', () => {
  it('API key in a header with a prefix (Stripe) and without one (GitLab)', async () => {
    const temp = await core()
    const stripe = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
    }).id
    const request = await authorized(temp, stripe)
    expect(request.headers.get('authorization')).toBe('Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc')
    expect(request.headers.get('accept')).toBe('application/json')
    expect(request.url.search).toBe('?page=2')

    const gitlab = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'gitlab',
      environment: 'production',
      secrets: { accessToken: 'glpat-abcdefghijklmnop' },
    }).id
    expect((await authorized(temp, gitlab)).headers.get('private-token')).toBe('glpat-abcdefghijklmnop')
  })

  it('API key in the query, with its name and prefix', async () => {
    const temp = await core([
      makeDefinition('querykey', {
        apiKeyConfig: { in: 'query', name: 'api_key', prefix: 'key-', secretField: 'apiKey' },
      }),
    ])
    const id = connectionOf(temp, 'querykey', { apiKey: 'k1234567890' })
    const request = await authorized(temp, id)
    expect(request.url.searchParams.get('api_key')).toBe('key-k1234567890')
    expect(request.url.searchParams.get('page')).toBe('2')
    expect(request.headers.has('authorization')).toBe(false)
  })

  it('HTTP basic from secrets (Jira) and with the user name from the config (Mailchimp)', async () => {
    const temp = await core()
    const jira = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'jira',
      environment: 'production',
      config: { site: 'acme' },
      secrets: { email: 'ops@acme.example', apiToken: 'ATATT3xFfGF0-tøken' },
    }).id
    const basic = (await authorized(temp, jira)).headers.get('authorization') ?? ''
    expect(basic.startsWith('Basic ')).toBe(true)
    expect(Buffer.from(basic.slice(6), 'base64').toString('utf8')).toBe('ops@acme.example:ATATT3xFfGF0-tøken')

    const mailchimp = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'mailchimp',
      environment: 'production',
      config: { dc: 'us6' },
      secrets: { apiKey: '0123456789abcdef-us6' },
    }).id
    const header = (await authorized(temp, mailchimp)).headers.get('authorization') ?? ''
    expect(Buffer.from(header.slice(6), 'base64').toString()).toBe('switchboard:0123456789abcdef-us6')
  })

  it('headers templated from secret and config fields (Trello), and a clear error for a missing one', async () => {
    const temp = await core([
      makeDefinition('templated', {
        authType: 'custom',
        apiKeyConfig: undefined,
        customAuth: {
          scheme: 'headers',
          headers: { 'X-Api-Key': '{{secret.apiKey}}', 'X-Account': 'acct-{{ config.region }}' },
        },
        secretSchema: { type: 'object', properties: { apiKey: { type: 'string' } } },
      }),
    ])
    const trello = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'trello',
      environment: 'production',
      secrets: { apiKey: '0123456789abcdef0123456789abcdef', apiToken: 'ATTAtoken123' },
    }).id
    expect((await authorized(temp, trello)).headers.get('authorization')).toBe(
      'OAuth oauth_consumer_key="0123456789abcdef0123456789abcdef", oauth_token="ATTAtoken123"',
    )
    const withKey = connectionOf(temp, 'templated', { apiKey: 'abc' })
    const request = await authorized(temp, withKey)
    expect(request.headers.get('x-api-key')).toBe('abc')
    expect(request.headers.get('x-account')).toBe('acct-eu')
    const without = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'templated',
      environment: 'sandbox',
    }).id
    await expect(authorized(temp, without)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { issues: [{ path: 'secrets.apiKey' }] },
    })
  })

  it('adds nothing for authType none; an OAuth connection that never signed in needs a sign-in', async () => {
    const temp = await core([
      makeDefinition('open', {
        authType: 'none',
        apiKeyConfig: undefined,
        secretSchema: { type: 'object', properties: {} },
      }),
      oauthDefinition('oauthy', { tokenUrl: 'https://auth.example.com/token', scopes: [] }),
    ])
    const openId = connectionOf(temp, 'open')
    const open = await authorized(temp, openId)
    expect([...open.headers.keys()]).toEqual(['accept'])
    await expect(authorized(temp, connectionOf(temp, 'oauthy'))).rejects.toMatchObject({
      code: 'SIGN_IN_NEEDED',
    })
    expect(temp.core.auth.status(openId)).toMatchObject({ authType: 'none', signedIn: true })
  })

  it('authorizedFetch sends the request with the credentials (to a loopback server)', async () => {
    const temp = await core()
    const echo = await echoServer()
    const stripe = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
    }).id
    const response = await temp.core.auth.authorizedFetch(stripe, `${echo.url}/v1/charges?limit=1`, {
      headers: { 'stripe-version': '2024-06-20' },
    })
    expect(response.status).toBe(200)
    expect(echo.seen[0]).toMatchObject({
      url: '/v1/charges?limit=1',
      headers: { authorization: 'Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'stripe-version': '2024-06-20' },
    })
  })
})

describe('https only (plain http only to this computer)', () => {
  it('knows loopback: 127.0.0.1, [::1] and localhost', () => {
    for (const url of [
      'https://example.com',
      'http://127.0.0.1:8080/x',
      'http://[::1]:3000',
      'http://localhost/',
    ])
      expect(isSecureEndpoint(new URL(url)), url).toBe(true)
    for (const url of [
      'http://example.com',
      'http://127.0.0.2/',
      'http://localhost.example.com/',
      'ftp://127.0.0.1/',
    ])
      expect(isSecureEndpoint(new URL(url)), url).toBe(false)
  })

  it('never sends credentials over plain http to another host', async () => {
    const temp = await core()
    const stripe = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
      secrets: { apiKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
    }).id
    await expect(authorized(temp, stripe, 'http://api.stripe.com/v1/charges')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('only over https'),
    })
  })

  it('refuses OAuth endpoints over plain http to another host, before any request or listener', async () => {
    const temp = await core([
      oauthDefinition('plain-token', {
        tokenUrl: 'http://auth.example.com/token',
        grantType: 'client_credentials',
        scopes: [],
      }),
      oauthDefinition('plain-authorize', {
        authorizationUrl: 'http://auth.example.com/authorize',
        tokenUrl: 'https://auth.example.com/token',
        scopes: [],
      }),
      oauthDefinition('plain-issuer', {
        issuer: 'http://auth.example.com',
        tokenUrl: 'https://auth.example.com/token',
        scopes: [],
      }),
    ])
    for (const integrationId of ['plain-token', 'plain-authorize', 'plain-issuer'])
      temp.core.auth.apps.set({ integrationId, clientId: 'app', clientSecret: 'app-secret' })
    await expect(
      temp.core.auth.signInWithClientCredentials(connectionOf(temp, 'plain-token')),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('token endpoint http://auth.example.com does not use https'),
    })
    const authorize = connectionOf(temp, 'plain-authorize')
    await expect(temp.core.auth.signIn.start(authorize, { open: false })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('authorization endpoint http://auth.example.com does not use https'),
    })
    expect(temp.core.auth.signIn.pending(authorize)).toBeNull()
    await expect(
      temp.core.auth.signIn.start(connectionOf(temp, 'plain-issuer'), { open: false }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('issuer') })
  })

  it('refuses discovered endpoints with characters outside RFC 3986, before opening anything', async () => {
    let issuer = ''
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize?x="|calc.exe`,
          token_endpoint: `${issuer}/token`,
          response_types_supported: ['code'],
        }),
      )
      void req
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const opened: string[] = []
    const temp = await coreWith(
      [oauthDefinition('shelly', { issuer, tokenUrl: `${issuer}/token`, scopes: [] })],
      { openUrl: async (url) => void opened.push(url) },
    )
    cleanups.push(temp.dispose)
    temp.core.auth.apps.set({ integrationId: 'shelly', clientId: 'app' })
    const id = connectionOf(temp, 'shelly')
    await expect(temp.core.auth.signIn.start(id, { open: true })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('characters a URL may not contain'),
    })
    expect(opened).toEqual([])
    expect(temp.core.auth.signIn.pending(id)).toBeNull()
  })

  it('refuses discovered metadata that points at plain http elsewhere', async () => {
    let issuer = ''
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: 'http://tokens.example.com/token',
          response_types_supported: ['code'],
        }),
      )
      void req
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const port = (server.address() as AddressInfo).port
    issuer = `http://127.0.0.1:${port}`
    const temp = await core([
      oauthDefinition('downgraded', { issuer, tokenUrl: `${issuer}/token`, scopes: [] }),
    ])
    temp.core.auth.apps.set({ integrationId: 'downgraded', clientId: 'app' })
    const id = connectionOf(temp, 'downgraded')
    await expect(temp.core.auth.signIn.start(id, { open: false })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('http://tokens.example.com does not use https'),
    })
    expect(temp.core.auth.signIn.pending(id)).toBeNull()
    expect(await portIsOpen(port)).toBe(true)
  })
})

describe('OAuth apps', () => {
  it('resolve the connection’s own app first, then the integration’s, then the connection’s secret fields', async () => {
    const temp = await core()
    const github = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'github',
      environment: 'production',
      secrets: { clientId: 'Iv1.fromsecrets0000', clientSecret: 'secret-from-connection-secrets' },
    }).id
    expect(temp.core.auth.status(github).app).toMatchObject({ source: 'secrets', hasSecret: true })
    const integration = temp.core.auth.apps.set({
      integrationId: 'github',
      clientId: 'Iv1.integration',
      clientSecret: 'integration-secret-1234',
    })
    expect(integration).toMatchObject({
      connectionId: null,
      hasSecret: true,
      secretHint: '••••••',
      redirectUri: null,
    })
    expect(JSON.stringify(integration)).not.toContain('integration-secret-1234')
    expect(temp.core.auth.status(github).app).toMatchObject({
      source: 'integration',
      clientId: 'Iv1.integration',
    })
    temp.core.auth.apps.set({ integrationId: 'github', connectionId: github, clientId: 'Iv1.own' })
    expect(temp.core.auth.status(github).app).toMatchObject({
      source: 'connection',
      clientId: 'Iv1.own',
      hasSecret: false,
    })
    // Keeping the secret unless told otherwise; null removes it.
    expect(temp.core.auth.apps.set({ integrationId: 'github', clientId: 'Iv1.integration2' }).hasSecret).toBe(
      true,
    )
    expect(
      temp.core.auth.apps.set({ integrationId: 'github', clientId: 'Iv1.integration2', clientSecret: null })
        .hasSecret,
    ).toBe(false)
    expect(temp.core.auth.apps.remove('github', github)).toBe(true)
    expect(temp.core.auth.status(github).app).toMatchObject({
      source: 'integration',
      clientId: 'Iv1.integration2',
    })
  })

  it('refuse non-OAuth integrations, another integration’s connection, and insecure redirect URIs', async () => {
    const temp = await core()
    const stripe = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'stripe',
      environment: 'sandbox',
    }).id
    expect(() => temp.core.auth.apps.set({ integrationId: 'stripe', clientId: 'x' })).toThrow(
      /does not sign in with OAuth/,
    )
    expect(() =>
      temp.core.auth.apps.set({ integrationId: 'github', connectionId: stripe, clientId: 'x' }),
    ).toThrow(/not a github connection/)
    expect(() =>
      temp.core.auth.apps.set({
        integrationId: 'github',
        clientId: 'x',
        redirectUri: 'http://example.com/cb',
      }),
    ).toThrow(/https/)
    expect(() => temp.core.auth.apps.set({ integrationId: 'github', clientId: '  ' })).toThrow(/client id/)
  })

  it('need the vault unlocked to seal a client secret', async () => {
    const temp = await core()
    temp.core.vault.lock()
    expect(() =>
      temp.core.auth.apps.set({ integrationId: 'github', clientId: 'x', clientSecret: 'y' }),
    ).toThrow(/locked/)
  })
})
