// The events a connection received, newest first: when, type, provider id, verdict and dispatch.
// Rows open the detail (click, or Enter/Space on the focused row).
import { Table, Text } from '@mantine/core'
import { IconWebhook } from '@tabler/icons-react'
import type { WebhookEventSummary } from '../../../src-main/contract/webhooks.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { DispatchBadge, VerdictBadge } from './badges.tsx'

const time = (iso: string) => new Date(iso).toLocaleString()

export function EventList({ events, onOpen }: { events: WebhookEventSummary[]; onOpen(id: number): void }) {
  if (events.length === 0) {
    return (
      <EmptyState icon={IconWebhook} title="No events yet">
        Start the receiver and point your provider (or your tunnel) at its URL. Each request appears here with
        its headers, body and signature verdict, as it arrives.
      </EmptyState>
    )
  }
  return (
    <Table highlightOnHover aria-label="Received events">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Received</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Provider id</Table.Th>
          <Table.Th>Signature</Table.Th>
          <Table.Th>Dispatch</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((event) => (
          <Table.Tr
            key={event.id}
            tabIndex={0}
            role="button"
            aria-label={`Event ${event.id}: ${event.eventType ?? 'no type'}`}
            style={{ cursor: 'pointer' }}
            onClick={() => onOpen(event.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault()
                onOpen(event.id)
              }
            }}
          >
            <Table.Td>{event.id}</Table.Td>
            <Table.Td>
              <Text size="sm">{time(event.receivedAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {event.eventType ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" c="dimmed">
                {event.providerEventId ?? '—'}
                {event.duplicates > 0 ? ` (+${event.duplicates} redelivered)` : ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <VerdictBadge event={event} />
            </Table.Td>
            <Table.Td>
              <DispatchBadge event={event} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
