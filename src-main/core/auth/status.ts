// What can be said about a connection's credentials without showing any: for OAuth the sign-in (who,
// when, which scopes were granted of those requested, until when), for keys whether they are set.
import type { AuthStatus } from '../../contract/types.ts'
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import type { OAuthApps } from './oauth-apps.ts'
import { missingScopes } from './token-response.ts'
import type { TokenStore } from './token-store.ts'

export interface StatusDeps {
  connections: Connections
  definitions: DefinitionRegistry
  apps: OAuthApps
  tokens: TokenStore
  signInInProgress(connectionId: string): boolean
}

export function createAuthStatus({ connections, definitions, apps, tokens, signInInProgress }: StatusDeps) {
  return (connectionId: string): AuthStatus => {
    const view = connections.get(connectionId)
    const definition = definitions.get(view.integrationId, view.definitionVersion)
    const base = {
      connectionId,
      authType: definition.authType,
      signInInProgress: false,
      signedInAt: null,
      expiresAt: null,
      grantedScopes: [],
      missingScopes: [],
      account: null,
      hasRefreshToken: false,
      app: null,
    }
    if (definition.authType !== 'oauth2' || !definition.oauth2Config) {
      const ready = definition.authType === 'none' || view.missingSecrets.length === 0
      return {
        ...base,
        grantType: null,
        signedIn: ready,
        signInNeeded: !ready,
        requestedScopes: [],
      }
    }
    const config = definition.oauth2Config
    const meta = tokens.meta(connectionId)
    const requested = meta?.requestedScopes ?? config.scopes
    const granted = meta?.grantedScopes ?? []
    return {
      ...base,
      grantType: meta?.grantType ?? config.grantType ?? 'authorization_code',
      signedIn: meta !== undefined,
      signInNeeded: meta === undefined || meta.signInNeededAt !== null,
      signInInProgress: signInInProgress(connectionId),
      signedInAt: meta?.signedInAt ?? null,
      expiresAt: meta?.expiresAt ?? null,
      requestedScopes: requested,
      grantedScopes: granted,
      missingScopes: meta ? missingScopes(requested, granted) : [],
      account: meta?.account ?? null,
      hasRefreshToken: meta?.hasRefreshToken ?? false,
      app: apps.describe(connectionId),
    }
  }
}

export type AuthStatusOf = ReturnType<typeof createAuthStatus>
