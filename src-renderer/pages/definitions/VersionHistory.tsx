// Every kept version of a definition, newest first, with a confirmed rollback to any earlier one.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import type { DefinitionVersionInfo } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { SourceBadge } from './badges.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useRefreshDefinitions } from './queries.ts'

export function VersionHistory({
  integrationId,
  name,
  versions,
}: {
  integrationId: string
  name: string
  versions: DefinitionVersionInfo[]
}) {
  const client = useClient()
  const refresh = useRefreshDefinitions()
  const [target, setTarget] = useState<DefinitionVersionInfo | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const sorted = useMemo(
    () =>
      [...versions].sort(
        (a, b) => b.storedAt.localeCompare(a.storedAt) || b.version.localeCompare(a.version),
      ),
    [versions],
  )
  const current = versions.find((version) => version.current)
  const rollback = useMutation({
    mutationFn: (version: string) => client.definitions.rollback({ integrationId, version }),
    onSuccess: async (_versions, version) => {
      setTarget(null)
      setDone(version)
      await refresh()
    },
  })
  const close = () => {
    setTarget(null)
    rollback.reset()
  }
  return (
    <Card withBorder padding="lg" component="section" aria-label="Version history">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Version history
        </Title>
        <Text size="sm" c="dimmed">
          {versions.length === 1 ? '1 version kept' : `${versions.length} versions kept`}
        </Text>
      </Group>
      {done && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCheck size={18} aria-hidden />}
          mb="sm"
          withCloseButton
          onClose={() => setDone(null)}
          role="status"
        >
          Rolled back to {done}. The newer versions are still kept here.
        </Alert>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={8} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Stored</Table.Th>
              <Table.Th w={130} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((version) => (
              <Table.Tr key={`${version.version}-${version.storedAt}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600} ff="monospace">
                      {version.version}
                    </Text>
                    {version.current && (
                      <Badge size="sm" color="teal" variant="light">
                        current
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" miw={0}>
                    <SourceBadge source={version.source} />
                    <Text size="xs" c="dimmed" truncate="end" maw={280} title={version.sourceName}>
                      {version.sourceName}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{new Date(version.storedAt).toLocaleString()}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {!version.current && (
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconArrowBackUp size={14} aria-hidden />}
                      onClick={() => setTarget(version)}
                      aria-label={`Roll back to ${version.version}`}
                    >
                      Roll back
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={target !== null} onClose={close} title={`Roll back ${name}?`} centered>
        {target && (
          <Stack>
            <Text size="sm">
              {name} will use version <strong>{target.version}</strong>
              {current ? (
                <>
                  {' '}
                  instead of <strong>{current.version}</strong>
                </>
              ) : null}
              . Connections use it from their next call. Version {current?.version ?? 'the current one'} stays
              in the history, so you can return to it.
            </Text>
            {rollback.error && <ErrorAlert title="The rollback failed" error={rollback.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                color="orange"
                loading={rollback.isPending}
                onClick={() => rollback.mutate(target.version)}
              >
                Roll back to {target.version}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  )
}
