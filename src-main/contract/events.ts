// The events main pushes to the renderer, beside the request/response calls of api.ts: their names
// and payload types. The preload and the loopback bridge carry them alike, batched (at most one
// message every pushIntervalMs), and the renderer subscribes by name. Adding an event is one entry
// here; the rest is derived.
import type { HealthOutcome, HealthRunProgress, HealthTransition } from './health.ts'
import type { DispatchState, WebhookDecision } from './webhooks.ts'

export interface PushEvents {
  /** A webhook event was received, or its delivery changed state. */
  'webhooks.event': {
    connectionId: string
    eventId: number
    change: 'received' | 'dispatch'
    decision?: WebhookDecision
    state?: DispatchState
  }
  /** A receiver started or stopped (also when the process that ran it closes). */
  'webhooks.receiver': { connectionId: string; running: boolean; url: string | null }
  /** A "check now" run advanced (one per finished check; the batcher merges them). */
  'health.progress': HealthRunProgress
  /** A connection's check finished; `transition` is set when it started failing or recovered. */
  'health.result': {
    connectionId: string
    checkId: number
    outcome: HealthOutcome
    transition: HealthTransition | null
  }
  /** The scheduler started, stopped, paused (sleep, offline) or resumed, or its lease moved. */
  'health.scheduler': { running: boolean; holder: boolean; paused: boolean; reason: string | null }
  /** The vault locked itself (idle) or was locked: the renderer asks to unlock at the next use. */
  'vault.state': { state: 'locked' | 'unlocked' | 'uninitialized'; reason: 'idle' | 'locked' }
}

export type PushEventName = keyof PushEvents

/** The names, for hosts that must list them (the preload's channel, the bridge's stream). */
export const pushEventNames = [
  'webhooks.event',
  'webhooks.receiver',
  'health.progress',
  'health.result',
  'health.scheduler',
  'vault.state',
] as const satisfies readonly PushEventName[]

/** One message on the push channel: every event since the previous message, in order. */
export type PushBatch = { [N in PushEventName]: { name: N; payload: PushEvents[N] } }[PushEventName][]

/** The channel's rate limit: at most one batch per this many milliseconds. */
export const pushIntervalMs = 250

/** The IPC channel the shell sends batches on (never one of the call names). */
export const pushChannel = 'switchboard:push'

/** What `window.switchboard.subscribe` looks like: a listener gets the payloads of one batch. */
export type Subscribe = <N extends PushEventName>(
  name: N,
  listener: (payloads: PushEvents[N][]) => void,
) => () => void
