// One event in full: its signature verdict, the dispatch state with the last error, the headers as
// received (credentials are never stored) and the body, with Replay for valid events.
import { Button, Code, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import type { WebhookEventDetail } from '../../../src-main/contract/webhooks.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { DispatchBadge, VerdictBadge } from './badges.tsx'
import { useRefreshWebhooks, useWebhookEvent } from './queries.ts'

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function Detail({ event }: { event: WebhookEventDetail }) {
  const client = useClient()
  const refresh = useRefreshWebhooks()
  const replay = useMutation({
    mutationFn: () => client.webhooks.replay({ id: event.id }),
    onSuccess: () => refresh(),
  })
  const { dispatch } = event
  return (
    <Stack gap="md">
      <Group gap="xs">
        <VerdictBadge event={event} />
        <DispatchBadge event={event} />
      </Group>
      {event.verdictMessage && (
        <Text size="sm" c="red">
          {event.verdictMessage}
        </Text>
      )}
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>Type</Table.Th>
            <Table.Td ff="monospace">{event.eventType ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Provider id</Table.Th>
            <Table.Td ff="monospace">{event.providerEventId ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Td>
              {new Date(event.receivedAt).toLocaleString()} · {event.method} {event.path} · {event.bodyBytes}{' '}
              bytes
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Deliveries</Table.Th>
            <Table.Td>
              {dispatch.attempts} attempt{dispatch.attempts === 1 ? '' : 's'}
              {dispatch.lastStatus !== null ? ` · last answer ${dispatch.lastStatus}` : ''}
              {dispatch.deliveredAt ? ` · delivered ${new Date(dispatch.deliveredAt).toLocaleString()}` : ''}
              {dispatch.nextAttemptAt && dispatch.attempts > 0
                ? ` · next try ${new Date(dispatch.nextAttemptAt).toLocaleTimeString()}`
                : ''}
            </Table.Td>
          </Table.Tr>
          {dispatch.lastError && (
            <Table.Tr>
              <Table.Th>Last error</Table.Th>
              <Table.Td>{dispatch.lastError}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {event.verdict === 'valid' && (
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={replay.isPending}
            onClick={() => replay.mutate()}
          >
            Replay delivery
          </Button>
          {replay.isSuccess && (
            <Text size="sm" c="teal">
              Queued again
            </Text>
          )}
        </Group>
      )}
      {replay.error && <ErrorAlert title="Not replayed" error={replay.error} />}
      <Title order={4} size="h6">
        Headers
      </Title>
      <Table withTableBorder fz="xs" aria-label="Headers">
        <Table.Tbody>
          {Object.entries(event.headers).map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Td ff="monospace" w={220}>
                {name}
              </Table.Td>
              <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                {typeof value === 'string' ? value : value.join(', ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4} size="h6">
        Body
      </Title>
      <Code block aria-label="Body" style={{ maxHeight: 360, overflow: 'auto' }}>
        {prettyBody(event.body)}
      </Code>
    </Stack>
  )
}

export function EventDetailDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const query = useWebhookEvent(id)
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title={`Event ${id ?? ''}`}>
      {id !== null && <QueryState query={query}>{(event) => <Detail event={event} />}</QueryState>}
    </Drawer>
  )
}
