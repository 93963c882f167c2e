// The inbound webhooks service: signature checks for a connection, and (in receiver.ts, ingest.ts,
// dispatcher.ts) the pipeline receiver → verify → ingest once → policy → outbox → dispatch.
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/registry.ts'
import type { Clock } from '../host.ts'
import type { HeaderBag, Verdict } from './signatures/index.ts'
import { verifyWithContext, webhookContext } from './verify-request.ts'

export interface WebhooksDeps {
  connections: Connections
  definitions: DefinitionRegistry
  clock: Clock
}

export function createWebhooks(deps: WebhooksDeps) {
  const { connections, definitions, clock } = deps

  /** The verdict for one request, with the connection's signing secret from the vault. */
  const verify = (
    connectionId: string,
    request: { headers: HeaderBag; body: Uint8Array | string },
  ): Verdict =>
    verifyWithContext(webhookContext(connections, definitions, connectionId), request, clock.now().getTime())

  return { verify }
}

export type Webhooks = ReturnType<typeof createWebhooks>
