// One connection in its client's table: service and label, id, environment, status, last check, and
// whether a newer definition is installed.
import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core'
import { IconArrowUpCircle } from '@tabler/icons-react'
import { Link } from 'wouter'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { DefinitionAvatar } from '../definitions/badges.tsx'
import { ConnectionMenu } from './ConnectionMenu.tsx'
import { EnvironmentBadge } from './EnvironmentBadge.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { exactTime, timeAgo } from './time.ts'

export function LastCheck({ connection }: { connection: ConnectionView }) {
  if (!connection.lastHealthCheck)
    return (
      <Text size="xs" c="dimmed">
        Never checked
      </Text>
    )
  return (
    <Text
      size="xs"
      c={connection.lastHealthCheckStatus === 'failure' ? 'red' : 'dimmed'}
      title={exactTime(connection.lastHealthCheck)}
    >
      {connection.lastHealthCheckStatus === 'failure' ? 'Failed' : 'Passed'}{' '}
      {timeAgo(connection.lastHealthCheck)}
    </Text>
  )
}

export function UpgradeHint({ version }: { version: string | null }) {
  if (!version) return null
  return (
    <Tooltip
      label={`Version ${version} of this integration is installed: review the upgrade on the connection’s page.`}
      multiline
      maw={280}
    >
      <Badge
        variant="light"
        color="blue"
        size="sm"
        tt="none"
        tabIndex={0}
        leftSection={<IconArrowUpCircle size={12} aria-hidden />}
      >
        Upgrade to {version}
      </Badge>
    </Tooltip>
  )
}

export function ConnectionRow({ connection, icon }: { connection: ConnectionView; icon: string | null }) {
  return (
    <Table.Tr data-connection-id={connection.id}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap" miw={0}>
          <DefinitionAvatar name={connection.integrationName} icon={icon} size={34} />
          <Stack gap={0} miw={0}>
            <Group gap={6} wrap="nowrap" miw={0}>
              <Anchor component={Link} href={`/${connection.id}`} fw={600} size="sm" truncate="end">
                {connection.label || connection.integrationName}
              </Anchor>
              {connection.label && (
                <Text size="xs" c="dimmed" truncate="end">
                  {connection.integrationName}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={connection.id}>
              {connection.id}
            </Text>
          </Stack>
        </Group>
      </Table.Td>
      <Table.Td>
        <EnvironmentBadge environment={connection.environment} />
      </Table.Td>
      <Table.Td>
        <StatusBadge connection={connection} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <LastCheck connection={connection} />
          <UpgradeHint version={connection.upgradeAvailable} />
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        <ConnectionMenu connection={connection} />
      </Table.Td>
    </Table.Tr>
  )
}
