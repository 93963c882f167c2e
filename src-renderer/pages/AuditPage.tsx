import { Badge, Group, Table, Text } from '@mantine/core'
import { IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useClient } from '../api/context.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'

function ChainBadge() {
  const client = useClient()
  const verification = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => client.audit.verify() })
  if (!verification.data) return null
  return verification.data.ok ? (
    <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={14} aria-hidden />}>
      Chain intact · {verification.data.checked} {verification.data.checked === 1 ? 'event' : 'events'}
    </Badge>
  ) : (
    <Badge color="red" variant="filled" leftSection={<IconShieldX size={14} aria-hidden />}>
      Chain broken at event {verification.data.brokenAt}
    </Badge>
  )
}

export function AuditPage() {
  const client = useClient()
  const events = useQuery({ queryKey: ['audit', 'list'], queryFn: () => client.audit.list({ limit: 200 }) })
  return (
    <>
      <PageHeader
        title="Audit"
        description="Everything done to your clients’ connections, in an append-only, tamper-evident trail."
        actions={<ChainBadge />}
      />
      <QueryState query={events}>
        {(page) =>
          page.events.length === 0 ? (
            <EmptyState icon={IconHistory} title="Nothing recorded yet">
              Every change — a connection created, a secret rotated, a sign-in, an export — will be recorded
              here with who did it and when. Secrets are never written to the trail.
            </EmptyState>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Target</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.events.map((event) => (
                  <Table.Tr key={event.seq}>
                    <Table.Td>{event.seq}</Table.Td>
                    <Table.Td>{new Date(event.at).toLocaleString()}</Table.Td>
                    <Table.Td>{event.actor}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" ff="monospace">
                          {event.action}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{event.target ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </>
  )
}
