// The set-up the runtime benches share: a core on `dataDir` with its vault, the client Acme, a
// one-method definition ("loopy", items.get0) served at `baseUrl`, and a production connection to it
// holding `apiKey`.
import { createCore, type Core } from '../../src-main/core/index.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { makeDefinition } from '../../test/support/definitions.ts'

export async function loopbackConnection(options: {
  dataDir: string
  baseUrl: string
  apiKey: string
  passphrase: string
}): Promise<{ core: Core; connectionId: string }> {
  const core = createCore({
    dataDir: options.dataDir,
    appVersion: 'bench',
    hostKind: 'cli',
    keyProtector: passphraseProtector({}),
    openUrl: async () => {},
  })
  await core.vault.setup(options.passphrase)
  core.clients.create({ name: 'Acme' })
  const definition = makeDefinition('loopy', { api: { baseUrl: { production: options.baseUrl } } }, 1)
  await core.definitions.importFiles([{ name: 'loopy.json', content: JSON.stringify(definition) }])
  const { id } = core.connections.create({
    clientId: 'acme',
    integrationId: 'loopy',
    environment: 'production',
    secrets: { apiKey: options.apiKey },
  })
  return { core, connectionId: id }
}
