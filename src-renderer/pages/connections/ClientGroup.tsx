// A client with its connections: a header (colour, name, notes, count, actions) over a table.
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { IconDotsVertical, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import type { ClientView, ConnectionView } from '../../../src-main/contract/types.ts'
import { ClientSwatch } from './ClientColour.tsx'
import { ConnectionRow } from './ConnectionRow.tsx'

export function ClientGroup({
  client,
  connections,
  icons,
  filtered,
  onAdd,
  onEdit,
  onDelete,
}: {
  client: ClientView
  connections: ConnectionView[]
  icons: Map<string, string | null>
  /** Filters hide some of the client's connections. */
  filtered: boolean
  onAdd: () => void
  onEdit: () => void
  onDelete: () => void
}) {
  const count = client.connectionCount
  return (
    <Card withBorder padding={0} component="section" aria-label={client.name}>
      <Group
        justify="space-between"
        wrap="nowrap"
        px="md"
        py="sm"
        gap="md"
        style={{ borderLeft: `4px solid var(--mantine-color-${client.colour}-6)` }}
      >
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="nowrap">
            <ClientSwatch colour={client.colour} />
            <Title order={3} size="h4">
              {client.name}
            </Title>
            <Text size="sm" c="dimmed">
              {filtered ? `${connections.length} of ${count}` : count}{' '}
              {count === 1 ? 'connection' : 'connections'}
            </Text>
          </Group>
          {client.notes && (
            <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-line' }}>
              {client.notes}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={onAdd}
            aria-label={`Add a connection for ${client.name}`}
          >
            Add connection
          </Button>
          <Menu position="bottom-end" shadow="md" width={220}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for client ${client.name}`}>
                <IconDotsVertical size={16} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
                Rename or edit notes…
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
                Delete client…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {connections.length ? (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table
            layout="fixed"
            verticalSpacing="xs"
            highlightOnHover
            aria-label={`Connections of ${client.name}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Connection</Table.Th>
                <Table.Th w={150}>Environment</Table.Th>
                <Table.Th w={140}>Status</Table.Th>
                <Table.Th w={170}>Last check</Table.Th>
                <Table.Th w={56}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connections.map((connection) => (
                <ConnectionRow
                  key={connection.id}
                  connection={connection}
                  icon={icons.get(connection.integrationId) ?? null}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed" px="md" pb="md">
          No connections for {client.name} yet.
        </Text>
      )}
    </Card>
  )
}
