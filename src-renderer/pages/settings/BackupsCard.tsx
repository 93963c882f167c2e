// Backups of the data folder's database: the list, "Back up now", how many to keep, and restore (the
// current database is kept aside first). A recovery at start-up is shown here too.
import { Alert, Button, Card, Group, Modal, NumberInput, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconDatabaseExport } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { BackupView } from '../../../src-main/contract/types.ts'
import { recoveryMessage } from '../../../src-main/contract/recovery.ts'
import { settingBounds } from '../../../src-main/contract/settings.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { QueryState } from '../../components/QueryState.tsx'

const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
const reasons: Record<string, string> = {
  daily: 'Daily',
  'pre-migration': 'Before an update',
  manual: 'Made by you',
  'before-restore': 'Kept aside at a restore',
}

export function BackupsCard() {
  const client = useClient()
  const queries = useQueryClient()
  const backups = useQuery({ queryKey: ['backups'], queryFn: () => client.backups.list() })
  const [restoring, setRestoring] = useState<BackupView | null>(null)
  const refresh = (view: unknown) => queries.setQueryData(['backups'], view)
  const create = useMutation({ mutationFn: () => client.backups.create(), onSuccess: refresh })
  const keep = useMutation({
    mutationFn: (n: number) => client.backups.setKeep({ keep: n }),
    onSuccess: refresh,
  })
  const restore = useMutation({
    mutationFn: (name: string) => client.backups.restore({ name }),
    onSuccess: (view) => {
      setRestoring(null)
      // Everything may have changed: read it all again.
      void queries.invalidateQueries()
      refresh(view)
    },
  })
  const { min, max } = settingBounds['backups.keep']
  return (
    <Card withBorder padding="lg" component="section" aria-label="Backups">
      <Title order={4} mb={4}>
        Backups
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A copy of the database every day and before every update, kept in the data folder. Secrets stay sealed
        in them, as in the database.
      </Text>
      <QueryState query={backups}>
        {(view) => (
          <Stack gap="sm">
            {view.recovery && (
              <Alert
                color="orange"
                icon={<IconAlertTriangle size={18} aria-hidden />}
                title="A backup was restored"
              >
                {recoveryMessage(view.recovery)}
              </Alert>
            )}
            <Group gap="sm" align="end">
              <Button
                variant="light"
                leftSection={<IconDatabaseExport size={16} aria-hidden />}
                loading={create.isPending}
                onClick={() => create.mutate()}
              >
                Back up now
              </Button>
              <NumberInput
                label="Backups kept"
                w={140}
                min={min}
                max={max}
                clampBehavior="strict"
                allowDecimal={false}
                defaultValue={view.keep}
                onBlur={(event) => {
                  const n = Number(event.currentTarget.value)
                  if (Number.isInteger(n) && n >= min && n <= max && n !== view.keep) keep.mutate(n)
                }}
              />
            </Group>
            {create.error && <ErrorAlert title="The backup failed" error={create.error} />}
            {keep.error && <ErrorAlert title="Not saved" error={keep.error} />}
            {view.backups.length === 0 ? (
              <Text size="sm" c="dimmed">
                No backups yet. The first daily one is made while Switchboard runs, or now with “Back up now”.
              </Text>
            ) : (
              <Table striped highlightOnHover aria-label="Backups">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Made</Table.Th>
                    <Table.Th>Why</Table.Th>
                    <Table.Th>Size</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {view.backups.map((backup) => (
                    <Table.Tr key={backup.name}>
                      <Table.Td>{new Date(backup.at).toLocaleString()}</Table.Td>
                      <Table.Td>{reasons[backup.reason] ?? backup.reason}</Table.Td>
                      <Table.Td>{size(backup.bytes)}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="xs" variant="subtle" onClick={() => setRestoring(backup)}>
                          Restore…
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {view.folder}
            </Text>
          </Stack>
        )}
      </QueryState>
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title="Restore this backup?">
        {restoring && (
          <Stack>
            <Text size="sm">
              The database goes back to {new Date(restoring.at).toLocaleString()}: clients, connections and
              history changed after that are not in it. The database as it is now is kept aside as a backup
              first, so you can come back to it.
            </Text>
            {restore.error && <ErrorAlert title="Nothing was restored" error={restore.error} />}
            <Group justify="end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                Cancel
              </Button>
              <Button
                color="orange"
                loading={restore.isPending}
                onClick={() => restore.mutate(restoring.name)}
              >
                Restore
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  )
}
