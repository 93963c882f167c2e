// A connection's OAuth tokens in the vault: the token set sealed by the client's data key, with what is
// not secret beside it in clear (scopes, expiry, account). Every write replaces the row under a new
// version in one statement, so a rotated refresh token never coexists with, or loses to, the old one.
// Every replacement and deletion asks the writer for a WAL checkpoint after commit (secretsChanged),
// so no old sealed copy stays in the -wal file or in a stale page of the database file.
import { eq } from 'drizzle-orm'
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import type { Db } from '../db/open.ts'
import { oauthTokens } from '../db/schema.ts'
import type { Tx } from '../db/tx.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import type { Vault } from '../vault/vault.ts'

/** What is sealed: everything that would let someone act as the connection. */
export interface TokenSet {
  access_token: string
  token_type: string
  refresh_token?: string
  id_token?: string
  expires_at?: string
}

export type TokenMeta = Omit<typeof oauthTokens.$inferSelect, 'sealed'>

export interface StoredTokens {
  meta: TokenMeta
  set: TokenSet
}

export interface SaveTokensInput {
  set: TokenSet
  grantType: TokenMeta['grantType']
  requestedScopes: string[]
  grantedScopes: string[]
  account: string | null
  /** A new sign-in (true) or a refresh of the current one (false: signedInAt and account are kept). */
  newSignIn: boolean
}

const label = (connectionId: string, version: number) => `oauth-tokens|${connectionId}|v${version}`

export function createTokenStore({
  db,
  vault,
  connections,
  writer,
  clock,
}: {
  db: Db
  vault: Vault
  connections: Connections
  writer: Writer
  clock: Clock
}) {
  const meta = (connectionId: string): TokenMeta | undefined => {
    const row = db.select().from(oauthTokens).where(eq(oauthTokens.connectionId, connectionId)).get()
    if (!row) return undefined
    const { sealed: _sealed, ...rest } = row
    return rest
  }

  const read = (connectionId: string): StoredTokens | undefined => {
    const row = db.select().from(oauthTokens).where(eq(oauthTokens.connectionId, connectionId)).get()
    if (!row) return undefined
    const { clientId } = connections.row(connectionId)
    let opened: string
    try {
      opened = vault.openForClient(clientId, label(connectionId, row.version), row.sealed, 'OAuth token set')
    } catch (error) {
      // As for secrets: tokens that no longer open mark the connection locked; nothing is dropped.
      if (error instanceof AppError && error.code === 'LOCKED' && vault.isUnlocked()) {
        const message =
          'Its OAuth tokens cannot be decrypted (the data changed or the keys differ). Sign in again.'
        writer.write((tx, audit) => {
          connections.status.locked(connectionId, message, tx)
          return audit.record({
            action: 'connection.locked',
            connection: connectionId,
            details: { what: 'oauth-tokens' },
          })
        })
        throw new AppError('LOCKED', `Connection ${connectionId} is locked. ${message}`)
      }
      throw error
    }
    const { sealed: _sealed, ...rest } = row
    return { meta: rest, set: JSON.parse(opened) as TokenSet }
  }

  /**
   * Seals and stores a token set, replacing the previous one (and its refresh token), inside the
   * caller's write (which records the sign-in or refresh it is part of).
   */
  const save = (tx: Tx, connectionId: string, input: SaveTokensInput): TokenMeta => {
    const { clientId } = connections.row(connectionId)
    const at = clock.now().toISOString()
    {
      const previous = tx.select().from(oauthTokens).where(eq(oauthTokens.connectionId, connectionId)).get()
      const version = (previous?.version ?? 0) + 1
      const row = {
        connectionId,
        version,
        sealed: vault.sealForClient(clientId, label(connectionId, version), JSON.stringify(input.set)),
        grantType: input.grantType,
        tokenType: input.set.token_type,
        requestedScopes: input.requestedScopes,
        grantedScopes: input.grantedScopes,
        expiresAt: input.set.expires_at ?? null,
        obtainedAt: at,
        hasRefreshToken: Boolean(input.set.refresh_token),
        account: input.newSignIn ? input.account : (input.account ?? previous?.account ?? null),
        signedInAt: input.newSignIn || !previous ? at : previous.signedInAt,
        signInNeededAt: null,
        updatedAt: at,
      }
      tx.insert(oauthTokens)
        .values(row)
        .onConflictDoUpdate({ target: oauthTokens.connectionId, set: row })
        .run()
      // The replaced token set's pages leave the WAL once the caller's write commits.
      writer.secretsChanged()
    }
    const stored = meta(connectionId)
    if (!stored) throw new Error('token set vanished after it was written')
    return stored
  }

  /** Records that the provider refused the refresh token: only a new sign-in helps now. */
  const markSignInNeeded = (tx: Tx, connectionId: string): void => {
    const at = clock.now().toISOString()
    tx.update(oauthTokens)
      .set({ signInNeededAt: at, updatedAt: at })
      .where(eq(oauthTokens.connectionId, connectionId))
      .run()
  }

  /** Deletes the token set (sign-out) inside the caller's write; its sealed copy leaves the files. */
  const remove = (tx: Tx, connectionId: string): boolean => {
    const deleted = tx.delete(oauthTokens).where(eq(oauthTokens.connectionId, connectionId)).run().changes > 0
    // As for a replaced set: the page that held it is checkpointed out of the WAL (and overwritten in
    // the database file, where secure_delete zeroed the cell) once the caller's write commits.
    if (deleted) writer.secretsChanged()
    return deleted
  }

  return { meta, read, save, markSignInNeeded, remove }
}

export type TokenStore = ReturnType<typeof createTokenStore>
