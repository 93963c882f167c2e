// The contract's vault.*, clients.* and connections.* calls.
import type { Handlers } from '../../contract/api.ts'
import type { Clients } from './clients.ts'
import type { Connections } from './connections.ts'
import type { createTransfer } from './transfer.ts'
import type { createUpgrades } from './upgrade.ts'
import type { Vault } from '../vault/vault.ts'
import type { Removal } from './removal.ts'

type Prefixed = Exclude<
  Extract<keyof Handlers, `vault.${string}` | `clients.${string}` | `connections.${string}`>,
  // The runtime's (runtime/handlers.ts): they run methods of the connection.
  'connections.test' | 'connections.configChoices'
>

export function connectionHandlers(deps: {
  vault: Vault
  clients: Clients
  connections: Connections
  upgrade: ReturnType<typeof createUpgrades>
  transfer: ReturnType<typeof createTransfer>
  removal: Removal
}): Pick<Handlers, Prefixed> {
  const { vault, clients, connections, upgrade, transfer, removal } = deps
  return {
    'vault.status': () => vault.status(),
    'vault.setup': ({ passphrase }) => vault.setup(passphrase),
    'vault.unlock': ({ passphrase }) => vault.unlock(passphrase),
    'vault.setPassphrase': ({ passphrase }) => vault.setPassphrase(passphrase),
    'vault.lock': () => {
      vault.lock()
      return vault.status()
    },

    'clients.list': () => clients.list(),
    'clients.create': (input) => clients.create(input),
    'clients.update': (input) => clients.update(input),
    'clients.remove': ({ id }) => removal.removeClient(id),

    'connections.list': (filter) => connections.list(filter),
    'connections.get': ({ id }) => connections.get(id),
    'connections.create': (input) => connections.create(input),
    'connections.updateConfig': ({ id, config }) => connections.updateConfig(id, config),
    'connections.update': ({ id, ...changes }) => connections.update(id, changes),
    'connections.rotateSecret': ({ id, secrets, confirmEnvironment }) =>
      connections.rotateSecret(id, secrets, { confirmEnvironment }),
    'connections.duplicate': ({ id, environment, newId, label }) =>
      connections.duplicate(id, {
        environment,
        ...(newId ? { id: newId } : {}),
        ...(label !== undefined ? { label } : {}),
      }),
    'connections.delete': ({ id }) => removal.deleteConnection(id),
    'connections.upgrade': ({ id, version, apply, confirmEndpoints, config }) =>
      upgrade(id, {
        apply,
        confirmEndpoints: confirmEndpoints === true,
        ...(version ? { version } : {}),
        ...(config ? { config } : {}),
      }),
    'connections.export': (options) => transfer.exportForRenderer(options),
    'connections.import': ({ content, passphrase }) => transfer.importFile(content, passphrase),
  }
}
