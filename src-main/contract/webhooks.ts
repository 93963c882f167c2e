// Shapes of the inbound webhooks part of the contract (results produced by our core).

export type WebhookVerdictReason =
  'missing-header' | 'malformed' | 'stale' | 'future' | 'mismatch' | 'no-secret'

/** accepted: forwarded through the outbox; ignored: by the connection's policy; rejected: bad signature. */
export type WebhookDecision = 'accepted' | 'ignored' | 'rejected'

/** none: not forwarded (ignored, rejected); waiting: accepted but no target is set yet. */
export type DispatchState = 'none' | 'waiting' | 'pending' | 'delivered' | 'dead'

export interface WebhookEventSummary {
  id: number
  connectionId: string
  receivedAt: string
  providerEventId: string | null
  eventType: string | null
  verdict: 'valid' | 'invalid'
  verdictReason: WebhookVerdictReason | null
  decision: WebhookDecision
  /** How many more times the provider sent the same event id (each answered, none stored again). */
  duplicates: number
  dispatch: {
    state: DispatchState
    attempts: number
    nextAttemptAt: string | null
    lastStatus: number | null
    lastError: string | null
    deliveredAt: string | null
  }
}

export interface WebhookEventDetail extends WebhookEventSummary {
  method: string
  path: string
  /** As received, except credentials (Authorization, Cookie), which are never stored. */
  headers: Record<string, string | string[]>
  /** The body as UTF-8 text (bytes that are not UTF-8 are shown replaced). */
  body: string
  bodyBytes: number
  verdictMessage: string | null
}

export interface WebhookEventPage {
  events: WebhookEventSummary[]
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null
}

export interface WebhookSettingsView {
  /** The port the receiver asks for; null picks a free one each start. */
  port: number | null
  /** Where accepted events are forwarded; null holds them (dispatch state "waiting"). */
  targetUrl: string | null
  acceptTypes: string[] | null
  ignoreTypes: string[]
  /** Failed deliveries before an event is dead-lettered. */
  maxAttempts: number
}

export interface WebhookEndpointView {
  connectionId: string
  integrationId: string
  /** Null when the integration declares no signature scheme (nothing can be received). */
  scheme: string | null
  signatureHeader: string | null
  secretField: string | null
  /** Whether the signing secret is stored (its value never leaves the core). */
  secretSet: boolean
  /** Event types the definition lists, for the policy editor. */
  knownEvents: string[]
  settings: WebhookSettingsView
  receiver: { running: boolean; url: string | null; startedAt: string | null }
  counts: { total: number; pending: number; dead: number }
}
