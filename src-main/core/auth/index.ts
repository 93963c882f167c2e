// The auth layer, wired: the consultant's OAuth apps, browser sign-in, client credentials, tokens with
// refresh, credentials applied to requests, disconnect with revocation, and status. createCore builds
// one of these; the contract handlers and the CLI call its functions.
import type { Writer } from '../db/write.ts'
import type { Connections } from '../connections/connections.ts'
import type { Leases } from '../db/lease.ts'
import type { Db } from '../db/open.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import type { Clock, Logger } from '../host.ts'
import type { Vault } from '../vault/vault.ts'
import { createAuthorizedFetch } from './authorized-fetch.ts'
import { createClientCredentials } from './client-credentials.ts'
import { createCredentials } from './credentials.ts'
import { createOAuthApps } from './oauth-apps.ts'
import { createOAuthContexts } from './oauth-client.ts'
import { createTokenAccess } from './refresh.ts'
import { createDisconnect } from './revoke.ts'
import { createServerMetadata } from './server-metadata.ts'
import { createSignIn } from './sign-in.ts'
import { createAuthStatus } from './status.ts'
import { createTokenStore } from './token-store.ts'

export interface AuthDeps {
  db: Db
  vault: Vault
  connections: Connections
  definitions: DefinitionRegistry
  writer: Writer
  leases: Leases
  clock: Clock
  logger: Logger
  /** The host's way to open the system browser (CoreHost.openUrl). */
  openUrl(url: string): Promise<void>
  /** How long before expiry a token is refreshed; default 5 minutes. */
  refreshMarginMs?: number
}

export function createAuth(deps: AuthDeps) {
  const { db, vault, connections, definitions, writer, clock, logger } = deps
  const apps = createOAuthApps({ db, vault, connections, definitions, writer, clock })
  const tokenStore = createTokenStore({ db, vault, connections, writer, clock })
  const servers = createServerMetadata(logger)
  const contexts = createOAuthContexts({ connections, definitions, apps, servers, logger })

  let signInInProgress = (_connectionId: string) => false
  const status = createAuthStatus({
    connections,
    definitions,
    apps,
    tokens: tokenStore,
    signInInProgress: (connectionId) => signInInProgress(connectionId),
  })
  const signIn = createSignIn({
    contexts,
    tokens: tokenStore,
    connections,
    writer,
    clock,
    logger,
    openUrl: deps.openUrl,
    status,
  })
  signInInProgress = (connectionId) => signIn.pending(connectionId) !== null
  const clientCredentials = createClientCredentials({
    contexts,
    tokens: tokenStore,
    connections,
    writer,
    clock,
    logger,
    status,
  })
  const tokens = createTokenAccess({
    contexts,
    tokens: tokenStore,
    connections,
    writer,
    clock,
    logger,
    clientCredentials,
    leases: deps.leases,
    ...(deps.refreshMarginMs !== undefined ? { refreshMarginMs: deps.refreshMarginMs } : {}),
  })
  const credentials = createCredentials({ connections, definitions, tokens })

  return {
    /** The consultant's OAuth apps: set, get, list, remove (secrets sealed, never returned). */
    apps: { set: apps.set, get: apps.get, list: apps.list, remove: apps.remove },
    /** Browser sign-in: start, then wait / completeFromPastedUrl / cancel by attempt id. */
    signIn: {
      start: signIn.start,
      wait: signIn.wait,
      completeFromPastedUrl: signIn.completeFromPastedUrl,
      cancel: signIn.cancel,
      pending: signIn.pending,
    },
    /** Sign-in for definitions with grantType client_credentials. */
    signInWithClientCredentials: clientCredentials,
    status,
    disconnect: createDisconnect({ contexts, tokens: tokenStore, connections, writer, logger }),
    /** A valid OAuth access token (refreshed when needed): for the runtime, never for the renderer. */
    accessToken: tokens.accessToken,
    /** After a provider refused `rejected` (401): one shared refresh, then the new token. */
    afterRejection: tokens.afterRejection,
    /** Puts a connection's credentials on an outgoing request: the runtime's one way to authorize. */
    authorize: credentials.authorize,
    authorizedFetch: createAuthorizedFetch({ credentials, tokens }),
    /** Core-internal: the sealed token store (tests, transfer). */
    tokenStore,
    close: () => signIn.cancelAll(),
  }
}

export type Auth = ReturnType<typeof createAuth>
