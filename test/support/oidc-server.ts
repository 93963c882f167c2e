// A real authorization server for the sign-in tests: panva's oidc-provider on 127.0.0.1, with a native
// public client (PKCE required, loopback redirects on any port), a confidential web client whose
// redirect URI is not loopback (the paste-the-URL fallback), and a service client for the client
// credentials grant; refresh tokens with rotation, revocation enabled, short access tokens. Every
// request to its token, revocation and userinfo endpoints is recorded, with the error it got.
// Also: Chromium through playwright-core, to log in and consent on the provider's own pages, and the
// set-up every auth test shares (a core with an unlocked vault, a client, test definitions).
import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import Provider, { type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider'
import type { Browser, Page } from 'playwright-core'
import type { IntegrationDefinition, OAuth2Config } from '../../src-main/contract/definition-format.ts'
import type { Clock } from '../../src-main/core/host.ts'
import { makeDefinition } from './definitions.ts'
import { createTempCore, type TempCore } from './temp-core.ts'

export const nativeClientId = 'switchboard-native'
export const webClient = { id: 'switchboard-web', secret: 'web-secret-4f9c2a7e1b3d5f6a8c0e' }
export const serviceClient = { id: 'switchboard-service', secret: 'service-secret-7d1e3b5a9c2f4e6d8b0a' }
/** The web client's registered redirect: not loopback, so sign-in ends by pasting the URL. */
export const pasteRedirectUri = 'https://switchboard.invalid/oauth/callback'
/** Scopes the server knows; anything else requested is silently not granted. */
export const knownScopes = ['openid', 'offline_access', 'email', 'profile', 'api:read']

export interface RecordedRequest {
  path: string
  grantType: string | null
  tokenTypeHint: string | null
  clientId: string | null
  status: number
  error: string | null
  /** The server's own reason for an error (e.g. "PKCE verification failed"). */
  detail: string | null
}

export interface OidcServer {
  issuer: string
  port: number
  provider: Provider
  requests: RecordedRequest[]
  tokenRequests(grantType?: string): RecordedRequest[]
  revocations(): RecordedRequest[]
  close(): Promise<void>
}

export interface OidcServerOptions {
  /** Access token lifetime in seconds (default 120). */
  accessTokenTtl?: number
}

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: 'test-signing-key',
    use: 'sig',
    alg: 'RS256',
  }
}

export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`
  const accessTokenTtl = options.accessTokenTtl ?? 120

  const configuration: Configuration = {
    clients: [
      {
        client_id: nativeClientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: webClient.id,
        client_secret: webClient.secret,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [pasteRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: serviceClient.id,
        client_secret: serviceClient.secret,
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        scope: 'api:read',
      },
    ],
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
    },
    scopes: knownScopes,
    // Claims of granted scopes go in the ID token too (as Google's do), not only to userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username'] },
    findAccount: async (_ctx, accountId) => ({
      accountId,
      claims: async () => ({
        sub: accountId,
        email: `${accountId}@example.test`,
        preferred_username: accountId,
      }),
    }),
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Grant: 24 * 3600,
      Interaction: 600,
      Session: 24 * 3600,
    },
    // Refresh tokens for every client allowed the grant, without the offline_access + consent dance.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    pkce: { required: () => true },
    cookies: { keys: ['switchboard-test-cookie-key'] },
    jwks: { keys: [signingKey()] },
  }
  const provider = new Provider(issuer, configuration)

  const requests: RecordedRequest[] = []
  const details = new WeakMap<object, string>()
  const remember = (ctx: KoaContextWithOIDC, error: { error_detail?: string; message: string }) =>
    details.set(ctx, error.error_detail ?? error.message)
  provider.on('grant.error', remember)
  provider.on('revocation.error', remember)
  provider.on('userinfo.error', remember)
  provider.use(async (ctx, next) => {
    await next()
    if (!['/token', '/token/revocation', '/me'].includes(ctx.path)) return
    const params = (ctx as KoaContextWithOIDC).oidc?.params as Record<string, unknown> | undefined
    const text = (name: string) => (typeof params?.[name] === 'string' ? (params[name] as string) : null)
    const body = ctx.body as { error?: unknown } | undefined
    requests.push({
      path: ctx.path,
      grantType: text('grant_type'),
      tokenTypeHint: text('token_type_hint'),
      clientId: (ctx as KoaContextWithOIDC).oidc?.client?.clientId ?? null,
      status: ctx.status,
      error: body && typeof body === 'object' && typeof body.error === 'string' ? body.error : null,
      detail: details.get(ctx) ?? null,
    })
  })
  server.on('request', provider.callback())

  return {
    issuer,
    port,
    provider,
    requests,
    tokenRequests: (grantType) =>
      requests.filter((r) => r.path === '/token' && (grantType === undefined || r.grantType === grantType)),
    revocations: () => requests.filter((r) => r.path === '/token/revocation'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

// ---- the browser ---------------------------------------------------------------------------------

/** The browser the sign-in tests log in with (test/support/browser.ts finds it). */
export { launchChromium as launchBrowser } from './browser.ts'

/** A fresh browser context (no provider session) with the provider page's web font blocked. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext()
  await context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort())
  return context.newPage()
}

/**
 * Logs in (any login is accepted) and consents on oidc-provider's development pages, or cancels at
 * consent (`deny`): the provider then redirects with error=access_denied.
 */
export async function loginAndConsent(
  page: Page,
  authorizationUrl: string,
  options: { login?: string; deny?: boolean } = {},
): Promise<void> {
  await page.goto(authorizationUrl, { waitUntil: 'domcontentloaded' })
  await page.fill('input[name=login]', options.login ?? 'ada')
  await page.fill('input[name=password]', 'any password')
  await Promise.all([page.waitForURL(/\/interaction\//), page.click('button[type=submit]')])
  await page.waitForSelector('button:has-text("Continue")')
  if (options.deny) await page.click('a:has-text("Cancel")')
  else await page.click('button:has-text("Continue")')
}

// ---- the core under test -------------------------------------------------------------------------

/** A clock the tests move forward (to expire tokens) without waiting. */
export function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) }
}

export function oauthDefinition(
  integrationId: string,
  oauth2Config: OAuth2Config,
  overrides: Partial<IntegrationDefinition> = {},
): IntegrationDefinition {
  const { apiKeyConfig: _unused, ...base } = makeDefinition(integrationId, {
    authType: 'oauth2',
    oauth2Config,
    api: { baseUrl: { production: new URL(oauth2Config.tokenUrl).origin } },
    secretSchema: { type: 'object', properties: {} },
    configSchema: { type: 'object', properties: {} },
    ...overrides,
  })
  return base
}

export async function coreWith(
  definitions: IntegrationDefinition[],
  host: Parameters<typeof createTempCore>[0] = {},
): Promise<TempCore> {
  const temp = createTempCore(host)
  await temp.core.vault.setup('correct horse battery')
  temp.core.clients.create({ name: 'Acme' })
  if (definitions.length) {
    const report = await temp.core.definitions.importFiles(
      definitions.map((definition) => ({
        name: `${definition.integrationId}.json`,
        content: JSON.stringify(definition),
      })),
    )
    if (report.rejected) throw new Error(`test definitions rejected: ${JSON.stringify(report.files)}`)
  }
  return temp
}

/** Creates a connection of `integrationId` for the client Acme; returns its id. */
export function connectionOf(
  temp: TempCore,
  integrationId: string,
  secrets?: Record<string, string>,
): string {
  return temp.core.connections.create({
    clientId: 'acme',
    integrationId,
    environment: 'production',
    ...(secrets ? { secrets } : {}),
  }).id
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
