// One event in full: who, from which host, what, about which client and connection, and its hash.
import { Badge, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core'
import type { AuditEvent } from '../../../src-main/contract/types.ts'

export function EventDetail({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={event ? `Event #${event.seq}` : ''}
    >
      {event && (
        <Stack gap="md">
          <Group gap="xs">
            <Text ff="monospace" fw={600}>
              {event.action}
            </Text>
            {event.keyed ? (
              <Badge color="teal" variant="light">
                keyed by the vault
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                before the vault was set up
              </Badge>
            )}
          </Group>
          <Table variant="vertical" withTableBorder>
            <Table.Tbody>
              {(
                [
                  ['When', new Date(event.at).toLocaleString()],
                  ['Who', event.actor],
                  ['From', event.host],
                  ['Target', event.target ?? '—'],
                  ['Client', event.clientId ?? '—'],
                  ['Connection', event.connectionId ?? '—'],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={120}>{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Details
            </Text>
            <Code block>{JSON.stringify(event.details, null, 2)}</Code>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Hash
            </Text>
            <Code style={{ wordBreak: 'break-all' }}>{event.hash}</Code>
          </Stack>
        </Stack>
      )}
    </Drawer>
  )
}
