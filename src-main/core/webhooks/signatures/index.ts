// The table of signature schemes a definition's `webhooks.scheme` may name, each with where its
// provider puts the event's id and type unless the definition says otherwise.
import type { WebhookField, WebhookScheme, WebhookSettings } from '../../../contract/definition-format.ts'
import { verifyGithub } from './github.ts'
import { verifyHmacSha256 } from './hmac-sha256.ts'
import { verifyShopify } from './shopify.ts'
import { verifySlack } from './slack.ts'
import { verifyStandardWebhooks } from './standard-webhooks.ts'
import { verifyStripe } from './stripe.ts'
import { invalid, type SignatureInput, type SignatureScheme, type Verdict } from './types.ts'

export type { HeaderBag, SignatureInput, Verdict, VerdictReason } from './types.ts'

interface SchemeEntry {
  verify: SignatureScheme
  eventId?: WebhookField
  eventType?: WebhookField
}

export const signatureSchemes: Record<WebhookScheme, SchemeEntry> = {
  stripe: { verify: verifyStripe, eventId: { body: 'id' }, eventType: { body: 'type' } },
  // Events API envelopes carry event_id (kept across Slack's retries) and the inner event's type.
  slack: { verify: verifySlack, eventId: { body: 'event_id' }, eventType: { body: 'event.type' } },
  github: {
    verify: verifyGithub,
    eventId: { header: 'X-GitHub-Delivery' },
    eventType: { header: 'X-GitHub-Event' },
  },
  // X-Shopify-Event-Id is the same on every delivery of one event (Shopify's duplicate guidance).
  shopify: {
    verify: verifyShopify,
    eventId: { header: 'X-Shopify-Event-Id' },
    eventType: { header: 'X-Shopify-Topic' },
  },
  'standard-webhooks': {
    verify: verifyStandardWebhooks,
    eventId: { header: 'webhook-id' },
    eventType: { body: 'type' },
  },
  'hmac-sha256': { verify: verifyHmacSha256 },
}

/** Verifies a request as the definition's webhooks section says. */
export function verifyWebhook(settings: WebhookSettings | undefined, input: SignatureInput): Verdict {
  if (!settings?.supported || !settings.scheme)
    return invalid(settings?.scheme ?? 'none', 'malformed', 'The integration declares no signature scheme.')
  const entry = signatureSchemes[settings.scheme]
  return entry.verify(
    {
      ...input,
      ...(settings.toleranceSeconds !== undefined ? { toleranceSeconds: settings.toleranceSeconds } : {}),
    },
    {
      ...(settings.signatureHeader ? { signatureHeader: settings.signatureHeader } : {}),
      ...(settings.encoding ? { encoding: settings.encoding } : {}),
    },
  )
}

/** Where this integration's events carry their id and type: the definition's word, else the scheme's. */
export function eventFields(settings: WebhookSettings | undefined): {
  eventId?: WebhookField
  eventType?: WebhookField
} {
  const entry = settings?.scheme ? signatureSchemes[settings.scheme] : undefined
  const eventId = settings?.eventId ?? entry?.eventId
  const eventType = settings?.eventType ?? entry?.eventType
  return { ...(eventId ? { eventId } : {}), ...(eventType ? { eventType } : {}) }
}
