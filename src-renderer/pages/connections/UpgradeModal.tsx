// Moving a connection to the newest installed version of its definition: first the plan (what
// changes in the settings, and what would no longer be valid), then Apply.
import { Alert, Badge, Button, Center, Code, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core'
import { IconArrowUpCircle } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { ConfigChange, ConnectionView } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { IssueList } from '../../components/IssueList.tsx'
import { useRefreshConnections } from './queries.ts'

const changeColours: Record<ConfigChange['change'], string> = {
  added: 'teal',
  removed: 'red',
  changed: 'blue',
}

function Plan({ connection, onClose }: { connection: ConnectionView; onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const plan = useQuery({
    queryKey: ['connections', 'upgrade-plan', connection.id, connection.upgradeAvailable],
    queryFn: () => client.connections.upgrade({ id: connection.id, apply: false }),
    gcTime: 0,
  })
  const apply = useMutation({
    mutationFn: (version: string) => client.connections.upgrade({ id: connection.id, version, apply: true }),
    onSuccess: async () => {
      await refresh()
      onClose()
    },
  })
  if (plan.isPending)
    return (
      <Center py="lg" role="status">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  if (plan.isError) return <ErrorAlert title="Could not plan the upgrade" error={plan.error} />
  const { from, to, changes, issues } = plan.data
  return (
    <Stack>
      <Text size="sm">
        {connection.integrationName} <Code>{from}</Code> → <Code>{to}</Code>. Nothing changes until you apply.
      </Text>
      {changes.length ? (
        <Table verticalSpacing={6} aria-label="Changes to the settings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Setting</Table.Th>
              <Table.Th w={110}>Change</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={`${change.path}-${change.change}-${change.detail}`}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm" color={changeColours[change.change]}>
                    {change.change}
                  </Badge>
                </Table.Td>
                <Table.Td fz="sm">{change.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          The settings’ rules are the same in {to}.
        </Text>
      )}
      {issues.length > 0 && (
        <Alert color="orange" variant="light" title={`The current settings do not fit ${to}`}>
          <Stack gap={6}>
            <IssueList issues={issues} />
            <Text size="sm">Change these settings first, then review the upgrade again.</Text>
          </Stack>
        </Alert>
      )}
      {apply.error && <ErrorAlert title="The upgrade was not applied" error={apply.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          onClick={() => apply.mutate(to)}
          disabled={issues.length > 0}
          loading={apply.isPending}
          leftSection={<IconArrowUpCircle size={16} aria-hidden />}
        >
          Apply upgrade to {to}
        </Button>
      </Group>
    </Stack>
  )
}

export function UpgradeModal({
  connection,
  opened,
  onClose,
}: {
  connection: ConnectionView
  opened: boolean
  onClose: () => void
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Review upgrade" size="lg">
      {opened && <Plan connection={connection} onClose={onClose} />}
    </Modal>
  )
}
