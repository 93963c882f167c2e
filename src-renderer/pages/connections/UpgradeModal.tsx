// Moving a connection to the newest installed version of its definition: first the plan (what
// changes in the settings, what would no longer be valid, and which endpoints move to another host),
// then Apply — which, when endpoints move, waits for the person to confirm the new hosts.
import { useState } from 'react'
import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { IconArrowUpCircle } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { ConfigChange, ConnectionView, EndpointChange } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { IssueList } from '../../components/IssueList.tsx'
import { useRefreshConnections } from './queries.ts'

const changeColours: Record<ConfigChange['change'], string> = {
  added: 'teal',
  removed: 'red',
  changed: 'blue',
}

function EndpointMoves({ changes }: { changes: EndpointChange[] }) {
  return (
    <Alert color="red" variant="light" title="Endpoints move to other hosts">
      <Stack gap={6}>
        <Text size="sm">
          After the upgrade, sign-in, token refresh or requests go to these hosts: tokens, client secrets and
          API keys are sent there.
        </Text>
        <Table verticalSpacing={4} aria-label="Endpoints that move">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Endpoint</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.path}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td fz="sm">{change.fromOrigin ?? '—'}</Table.Td>
                <Table.Td fz="sm">{change.toOrigin ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  )
}

function Plan({ connection, onClose }: { connection: ConnectionView; onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const [endpointsConfirmed, setEndpointsConfirmed] = useState(false)
  const plan = useQuery({
    queryKey: ['connections', 'upgrade-plan', connection.id, connection.upgradeAvailable],
    queryFn: () => client.connections.upgrade({ id: connection.id, apply: false }),
    gcTime: 0,
  })
  const apply = useMutation({
    mutationFn: (version: string) =>
      client.connections.upgrade({
        id: connection.id,
        version,
        apply: true,
        ...(endpointsConfirmed ? { confirmEndpoints: true } : {}),
      }),
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
  const { from, to, changes, issues, endpointChanges } = plan.data
  const needsConfirmation = endpointChanges.length > 0 && !endpointsConfirmed
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
      {endpointChanges.length > 0 && (
        <>
          <EndpointMoves changes={endpointChanges} />
          <Checkbox
            label="I trust the new hosts with this connection’s credentials"
            checked={endpointsConfirmed}
            onChange={(event) => setEndpointsConfirmed(event.currentTarget.checked)}
          />
        </>
      )}
      {apply.error && <ErrorAlert title="The upgrade was not applied" error={apply.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          onClick={() => apply.mutate(to)}
          disabled={issues.length > 0 || needsConfirmation}
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
