// The contract's webhooks.* calls, on the webhooks service.
import type { Handlers } from '../../contract/api.ts'
import type { Webhooks } from './index.ts'

type WebhookCalls = Pick<Handlers, Extract<keyof Handlers, `webhooks.${string}`>>

export function webhookHandlers(webhooks: Webhooks): WebhookCalls {
  return {
    'webhooks.list': (args) => webhooks.list(args),
    'webhooks.get': ({ id }) => webhooks.get(id),
    'webhooks.replay': ({ id }) => webhooks.replay(id),
    'webhooks.endpoints': () => webhooks.endpoints(),
    'webhooks.endpoint': ({ connectionId }) => webhooks.endpoint(connectionId),
    'webhooks.startReceiver': ({ connectionId, port }) => webhooks.startReceiver(connectionId, port),
    'webhooks.stopReceiver': ({ connectionId }) => webhooks.stopReceiver(connectionId),
    'webhooks.updateSettings': ({ connectionId, ...changes }) =>
      webhooks.updateSettings(connectionId, changes),
  }
}
