// Export as a JSON bundle (re-importable), as PostgreSQL SQL, or as ContractSpec IntegrationSpecs:
// everything, or the definition shown.
import { Button, Menu, Modal, Text } from '@mantine/core'
import { IconBraces, IconChevronDown, IconDatabaseExport, IconFileCode, IconJson } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useClient } from '../../api/context.tsx'
import { downloadFile } from '../../components/download.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

type Format = 'json' | 'sql' | 'contractspec'

export function ExportMenu({ definition }: { definition?: { integrationId: string; name: string } }) {
  const client = useClient()
  const exporting = useMutation({
    mutationFn: ({ format, integrationIds }: { format: Format; integrationIds?: string[] }) =>
      client.definitions.export({ format, ...(integrationIds ? { integrationIds } : {}) }),
    onSuccess: (file) => downloadFile(file),
  })
  const items = (integrationIds?: string[]) => (
    <>
      <Menu.Item
        leftSection={<IconJson size={16} aria-hidden />}
        onClick={() => exporting.mutate({ format: 'json', integrationIds })}
      >
        <Text size="sm">JSON bundle</Text>
        <Text size="xs" c="dimmed">
          Re-importable into Switchboard
        </Text>
      </Menu.Item>
      <Menu.Item
        leftSection={<IconFileCode size={16} aria-hidden />}
        onClick={() => exporting.mutate({ format: 'sql', integrationIds })}
      >
        <Text size="sm">PostgreSQL SQL</Text>
        <Text size="xs" c="dimmed">
          Creates the table and upserts each definition
        </Text>
      </Menu.Item>
      <Menu.Item
        leftSection={<IconBraces size={16} aria-hidden />}
        onClick={() => exporting.mutate({ format: 'contractspec', integrationIds })}
      >
        <Text size="sm">ContractSpec specs</Text>
        <Text size="xs" c="dimmed">
          IntegrationSpec JSON array: capabilities, fields, webhooks
        </Text>
      </Menu.Item>
    </>
  )
  return (
    <>
      <Menu position="bottom-end" width={280} shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDatabaseExport size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            loading={exporting.isPending}
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {definition && (
            <>
              <Menu.Label>{definition.name} only</Menu.Label>
              {items([definition.integrationId])}
              <Menu.Divider />
            </>
          )}
          <Menu.Label>All definitions</Menu.Label>
          {items()}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={exporting.isError} onClose={() => exporting.reset()} title="Export failed" centered>
        {exporting.error && <ErrorAlert title="The export could not be written" error={exporting.error} />}
      </Modal>
    </>
  )
}
