// Deleting a connection and removing a client, with revocation first: the ONE service every host
// (app, CLI, bridge) calls, so none can delete around it. Tokens of a signed-in OAuth connection are
// revoked at the provider (RFC 7009) before anything goes; a failed revocation is reported, never
// blocking (the user asked for the data to go). Revocation needs the sealed tokens, so a signed-in
// connection cannot be removed while the vault is locked.
import type { DisconnectResult } from '../../contract/types.ts'
import type { Auth } from '../auth/index.ts'
import { AppError } from '../errors.ts'
import type { Vault } from '../vault/vault.ts'
import type { Clients } from './clients.ts'
import type { Connections } from './connections.ts'

export function createRemoval(deps: {
  auth: Auth
  clients: Clients
  connections: Connections
  vault: Vault
}) {
  const { auth, clients, connections, vault } = deps

  const signedIn = (id: string): boolean => {
    const status = auth.status(id)
    return status.authType === 'oauth2' && status.signedIn
  }

  const requireUnlocked = (ids: string[]): void => {
    if (ids.length && !vault.isUnlocked())
      throw new AppError(
        'LOCKED',
        `Unlock the vault first: ${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} signed in, and ` +
          'the tokens are revoked at the provider before they are deleted.',
      )
  }

  /** Revokes a signed-in connection's tokens at the provider, then deletes it and its secrets. */
  const deleteConnection = async (
    id: string,
  ): Promise<{ id: string; revocation: DisconnectResult | null }> => {
    connections.row(id)
    const revoke = signedIn(id)
    requireUnlocked(revoke ? [id] : [])
    const revocation = revoke ? await auth.disconnect(id) : null
    connections.remove(id)
    return { id, revocation }
  }

  /** Disconnects each signed-in OAuth connection of the client, then shreds the client. */
  const removeClient = async (
    id: string,
  ): Promise<{ connections: number; revocations: DisconnectResult[] }> => {
    clients.get(id)
    const toRevoke = connections
      .list({ clientId: id })
      .map((c) => c.id)
      .filter(signedIn)
    requireUnlocked(toRevoke)
    const revocations: DisconnectResult[] = []
    for (const connectionId of toRevoke) revocations.push(await auth.disconnect(connectionId))
    return { ...clients.remove(id), revocations }
  }

  return { deleteConnection, removeClient }
}

export type Removal = ReturnType<typeof createRemoval>
