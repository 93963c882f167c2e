// One config field filled after sign-in: its choices come from the method the definition names (run
// through the runtime with the connection's credentials), and the one picked is saved in the config.
import { Button, Group, Select, Stack, Text } from '@mantine/core'
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { connectionKeys, useRefreshConnections } from '../queries.ts'
import { fieldTitle } from './choice-fields.ts'

export function ConfigChoicePicker({
  connection,
  definition,
  field,
  onSaved,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  field: string
  onSaved?: (saved: ConnectionView) => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const title = fieldTitle(definition, field)
  const current = connection.config[field]
  const [picked, setPicked] = useState<string | null>(typeof current === 'string' && current ? current : null)
  const choices = useQuery({
    queryKey: [...connectionKeys.detail(connection.id), 'choices', field],
    queryFn: () => client.connections.configChoices({ connectionId: connection.id, field }),
  })
  const save = useMutation({
    mutationFn: (value: string) =>
      client.connections.updateConfig({
        id: connection.id,
        config: { ...connection.config, [field]: value },
      }),
    onSuccess: async (saved) => {
      await refresh()
      onSaved?.(saved)
    },
  })
  const method = definition.configChoices?.[field]?.method
  if (choices.isError)
    return (
      <Stack gap="xs" align="flex-start">
        <ErrorAlert title={`Could not list the choices for ${title}`} error={choices.error} />
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => void choices.refetch()}
        >
          Try again
        </Button>
      </Stack>
    )
  const data = choices.data?.choices ?? []
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label={title}
          description={method ? `From ${method}, with this connection’s sign-in` : undefined}
          placeholder={
            choices.isPending ? 'Loading the choices…' : data.length ? 'Choose one' : 'Nothing to choose from'
          }
          data={data.map((choice) => ({
            value: choice.value,
            label: choice.label === choice.value ? choice.value : `${choice.label} (${choice.value})`,
          }))}
          value={picked}
          onChange={setPicked}
          disabled={choices.isPending || !data.length}
          searchable
          comboboxProps={{ shadow: 'md' }}
          w={380}
        />
        <Button
          onClick={() => picked && save.mutate(picked)}
          disabled={!picked || picked === current}
          loading={save.isPending}
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        >
          Save
        </Button>
      </Group>
      {choices.isSuccess && !data.length && (
        <Text size="sm" c="dimmed">
          {method} returned no choices: the signed-in account may have no access to any.
        </Text>
      )}
      {save.isError && <ErrorAlert title={`Could not save ${title}`} error={save.error} />}
    </Stack>
  )
}
