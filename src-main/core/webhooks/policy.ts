// The per-connection policy: which event types are forwarded. An accept list (when set) admits only
// those types; the ignore list then drops types from what is left. Patterns may end in "*" to match a
// prefix ("charge.*", "orders/*"); an event without a type matches only an empty accept list.
export interface WebhookPolicy {
  /** Null: every type is accepted unless ignored. */
  acceptTypes: string[] | null
  ignoreTypes: string[]
}

export type PolicyDecision = 'accepted' | 'ignored'

const matches = (pattern: string, type: string): boolean =>
  pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type

export function decide(policy: WebhookPolicy, eventType: string | null): PolicyDecision {
  if (policy.acceptTypes !== null) {
    if (eventType === null || !policy.acceptTypes.some((p) => matches(p, eventType))) return 'ignored'
  }
  if (eventType !== null && policy.ignoreTypes.some((p) => matches(p, eventType))) return 'ignored'
  return 'accepted'
}
