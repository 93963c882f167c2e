// A connection's view of signature checking: its (pinned) definition says which scheme and which
// secret field; the vault holds the secret. Used by the receiver and by `webhooks verify`.
import type { WebhookSettings } from '../../contract/definition-format.ts'
import type { Connections } from '../connections/connections.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import { verifyWebhook, type HeaderBag, type Verdict } from './signatures/index.ts'

export interface WebhookContext {
  connectionId: string
  integrationId: string
  settings: WebhookSettings
  /** The signing secret; '' when the connection has none stored. Never leaves the core. */
  secret: string
}

export function webhookContext(
  connections: Pick<Connections, 'row' | 'readSecrets'>,
  definitions: Pick<DefinitionRegistry, 'get'>,
  connectionId: string,
): WebhookContext {
  const row = connections.row(connectionId)
  const definition = definitions.get(row.integrationId, row.definitionVersion)
  const settings = definition.webhooks
  if (!settings?.supported || !settings.scheme) {
    throw new AppError('INVALID_ARGUMENT', `${definition.name} declares no webhook signature scheme.`, {
      issues: [
        {
          path: 'webhooks.scheme',
          message: `is not set in ${definition.integrationId} ${definition.version}`,
        },
      ],
    })
  }
  if (!settings.secretField) {
    throw new AppError('INVALID_ARGUMENT', `${definition.name} names no secret field for webhook signing.`, {
      issues: [
        {
          path: 'webhooks.secretField',
          message: `is not set in ${definition.integrationId} ${definition.version}`,
        },
      ],
    })
  }
  const secret = connections.readSecrets(connectionId)[settings.secretField] ?? ''
  return { connectionId, integrationId: row.integrationId, settings, secret }
}

export function verifyWithContext(
  context: WebhookContext,
  request: { headers: HeaderBag; body: Uint8Array | string },
  now: number,
): Verdict {
  return verifyWebhook(context.settings, { ...request, secret: context.secret, now })
}
