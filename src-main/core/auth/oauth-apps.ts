// The consultant's own OAuth app at each provider: a client id, a client secret when the app is
// confidential (sealed by the vault's master key), and the redirect URI for providers that refuse
// loopback redirects. One per integration, optionally overridden by one connection. Definitions that
// keep clientId/clientSecret among a connection's secret fields still work: those come last.
import { and, eq, isNull } from 'drizzle-orm'
import type { OAuthAppSource, OAuthAppView } from '../../contract/types.ts'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import { secretHint } from '../connections/secret-hint.ts'
import type { Db } from '../db/open.ts'
import { oauthApps } from '../db/schema.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import type { Vault } from '../vault/vault.ts'
import { isSecureEndpoint } from './endpoints.ts'

type Row = typeof oauthApps.$inferSelect

export interface SetOAuthAppInput {
  integrationId: string
  /** Set to give one connection its own app; omit for the integration's default. */
  connectionId?: string | null
  clientId: string
  /** undefined keeps the stored secret; null removes it (a public client). */
  clientSecret?: string | null
  /** undefined keeps the stored value; null goes back to the loopback listener. */
  redirectUri?: string | null
}

/** The app to sign in with, secret unsealed: for the auth layer only. */
export interface ResolvedOAuthApp {
  clientId: string
  clientSecret: string | null
  redirectUri: string | null
  source: OAuthAppSource
}

export interface OAuthAppsDeps {
  db: Db
  vault: Vault
  connections: Connections
  definitions: DefinitionRegistry
  writer: Writer
  clock: Clock
}

const secretLabel = (integrationId: string, connectionId: string | null) =>
  `oauth-app|${integrationId}|${connectionId ?? '*'}|client-secret`

const view = (row: Row): OAuthAppView => ({
  integrationId: row.integrationId,
  connectionId: row.connectionId,
  clientId: row.clientId,
  hasSecret: row.clientSecretSealed !== null,
  secretHint: row.clientSecretHint,
  redirectUri: row.redirectUri,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
})

function checkRedirectUri(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw AppError.invalid('The redirect URI is not a URL.', [
      { path: 'redirectUri', message: 'must be an absolute URL' },
    ])
  }
  if (!isSecureEndpoint(url) || url.hash) {
    throw AppError.invalid(
      'The redirect URI must be an https URL (or http on 127.0.0.1), without a #fragment.',
      [{ path: 'redirectUri', message: 'must be https' }],
    )
  }
  return url.href
}

export function createOAuthApps({ db, vault, connections, definitions, writer, clock }: OAuthAppsDeps) {
  const where = (integrationId: string, connectionId: string | null) =>
    connectionId === null
      ? and(eq(oauthApps.integrationId, integrationId), isNull(oauthApps.connectionId))
      : eq(oauthApps.connectionId, connectionId)

  const rowOf = (integrationId: string, connectionId: string | null): Row | undefined =>
    db.select().from(oauthApps).where(where(integrationId, connectionId)).get()

  const checkTarget = (integrationId: string, connectionId: string | null) => {
    if (!definitions.has(integrationId)) {
      throw new AppError('NOT_FOUND', `No integration definition "${integrationId}".`, {
        issues: [{ path: 'integrationId', message: 'is not an installed integration' }],
      })
    }
    if (definitions.current(integrationId).authType !== 'oauth2') {
      throw AppError.invalid(`${integrationId} does not sign in with OAuth.`, [
        { path: 'integrationId', message: 'is not an OAuth 2.0 integration' },
      ])
    }
    if (connectionId !== null && connections.row(connectionId).integrationId !== integrationId) {
      throw AppError.invalid(`Connection ${connectionId} is not a ${integrationId} connection.`, [
        { path: 'connectionId', message: `is not a connection to ${integrationId}` },
      ])
    }
  }

  const set = (input: SetOAuthAppInput): OAuthAppView => {
    const connectionId = input.connectionId ?? null
    checkTarget(input.integrationId, connectionId)
    const clientId = input.clientId.trim()
    if (!clientId)
      throw AppError.invalid('An OAuth app needs a client id.', [
        { path: 'clientId', message: 'must not be empty' },
      ])
    if (input.clientSecret === '')
      throw AppError.invalid('The client secret is empty: pass null for an app without one.', [
        { path: 'clientSecret', message: 'must not be empty' },
      ])
    const existing = rowOf(input.integrationId, connectionId)
    const secret =
      input.clientSecret === undefined
        ? {
            clientSecretSealed: existing?.clientSecretSealed ?? null,
            clientSecretHint: existing?.clientSecretHint ?? null,
          }
        : input.clientSecret === null
          ? { clientSecretSealed: null, clientSecretHint: null }
          : {
              clientSecretSealed: vault.sealWithMasterKey(
                secretLabel(input.integrationId, connectionId),
                input.clientSecret,
              ),
              clientSecretHint: secretHint(input.clientSecret),
            }
    const redirectUri =
      input.redirectUri === undefined
        ? (existing?.redirectUri ?? null)
        : input.redirectUri === null
          ? null
          : checkRedirectUri(input.redirectUri)
    const at = clock.now().toISOString()
    writer.write((tx, audit) => {
      tx.delete(oauthApps).where(where(input.integrationId, connectionId)).run()
      tx.insert(oauthApps)
        .values({
          integrationId: input.integrationId,
          connectionId,
          clientId,
          ...secret,
          redirectUri,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
        })
        .run()
      writer.secretsChanged()
      return audit.record({
        action: 'oauth-app.set',
        target: connectionId ?? input.integrationId,
        connection: connectionId,
        details: {
          integration: input.integrationId,
          hasSecret: secret.clientSecretSealed !== null,
          redirect: redirectUri ? 'paste' : 'loopback',
        },
      })
    })
    const row = rowOf(input.integrationId, connectionId)
    if (!row) throw new AppError('INTERNAL', 'The OAuth app was not stored.')
    return view(row)
  }

  const get = (integrationId: string, connectionId: string | null = null): OAuthAppView | null => {
    const row = rowOf(integrationId, connectionId)
    return row ? view(row) : null
  }

  const list = (integrationId?: string): OAuthAppView[] =>
    db
      .select()
      .from(oauthApps)
      .where(integrationId ? eq(oauthApps.integrationId, integrationId) : undefined)
      .orderBy(oauthApps.integrationId, oauthApps.connectionId)
      .all()
      .map(view)

  const remove = (integrationId: string, connectionId: string | null = null): boolean => {
    if (!rowOf(integrationId, connectionId)) return false
    return writer.write((tx, audit) => {
      tx.delete(oauthApps).where(where(integrationId, connectionId)).run()
      writer.secretsChanged()
      return audit.record(
        {
          action: 'oauth-app.removed',
          target: connectionId ?? integrationId,
          connection: connectionId,
          details: { integration: integrationId },
        },
        true,
      )
    })
  }

  /** Where the connection's app comes from, without unsealing anything (for status). */
  const describe = (
    connectionId: string,
  ): { clientId: string; hasSecret: boolean; source: OAuthAppSource; redirectUri: string | null } | null => {
    const connection = connections.row(connectionId)
    const row = rowOf(connection.integrationId, connectionId) ?? rowOf(connection.integrationId, null)
    if (row)
      return {
        clientId: row.clientId,
        hasSecret: row.clientSecretSealed !== null,
        source: row.connectionId ? 'connection' : 'integration',
        redirectUri: row.redirectUri,
      }
    const hints = connections.get(connectionId).secrets
    const clientId = hints.find((s) => s.field === 'clientId')
    if (!clientId) return null
    // The client id is not secret, but as a secret field only its hint is at hand without unsealing.
    return {
      clientId: clientId.hint,
      hasSecret: hints.some((s) => s.field === 'clientSecret'),
      source: 'secrets',
      redirectUri: null,
    }
  }

  /** The app a connection signs in with: its own, else the integration's, else its secret fields. */
  const resolve = (connectionId: string): ResolvedOAuthApp => {
    const connection = connections.row(connectionId)
    const row = rowOf(connection.integrationId, connectionId) ?? rowOf(connection.integrationId, null)
    if (row) {
      return {
        clientId: row.clientId,
        clientSecret: row.clientSecretSealed
          ? vault.openWithMasterKey(
              secretLabel(row.integrationId, row.connectionId),
              row.clientSecretSealed,
              'OAuth client secret',
            )
          : null,
        redirectUri: row.redirectUri,
        source: row.connectionId ? 'connection' : 'integration',
      }
    }
    const secrets = connections.readSecrets(connectionId)
    if (secrets.clientId) {
      return {
        clientId: secrets.clientId,
        clientSecret: secrets.clientSecret || null,
        redirectUri: null,
        source: 'secrets',
      }
    }
    throw new AppError(
      'NOT_FOUND',
      `No OAuth app is set for ${connection.integrationId}: register one at the provider and enter its client id (and secret).`,
      { issues: [{ path: 'clientId', message: 'is not set' }] },
    )
  }

  return { set, get, list, remove, describe, resolve }
}

export type OAuthApps = ReturnType<typeof createOAuthApps>
