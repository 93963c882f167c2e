import { Badge } from '@mantine/core'
import type { DispatchState, WebhookEventSummary } from '../../../src-main/contract/webhooks.ts'

export function VerdictBadge({ event }: { event: Pick<WebhookEventSummary, 'verdict' | 'verdictReason'> }) {
  return event.verdict === 'valid' ? (
    <Badge color="teal" variant="light">
      Signature valid
    </Badge>
  ) : (
    <Badge color="red" variant="light">
      Refused: {event.verdictReason ?? 'invalid'}
    </Badge>
  )
}

const dispatchColours: Record<DispatchState, string> = {
  none: 'gray',
  waiting: 'yellow',
  pending: 'blue',
  delivered: 'teal',
  dead: 'red',
}

const dispatchLabels: Record<DispatchState, string> = {
  none: 'Not forwarded',
  waiting: 'Waiting for a target',
  pending: 'Retrying',
  delivered: 'Delivered',
  dead: 'Dead letter',
}

export function DispatchBadge({ event }: { event: Pick<WebhookEventSummary, 'dispatch' | 'decision'> }) {
  const { state, attempts } = event.dispatch
  const label =
    state === 'none' && event.decision === 'ignored'
      ? 'Ignored by policy'
      : state === 'pending' && attempts === 0
        ? 'Queued'
        : dispatchLabels[state]
  return (
    <Badge color={dispatchColours[state]} variant={state === 'dead' ? 'filled' : 'light'}>
      {label}
    </Badge>
  )
}
