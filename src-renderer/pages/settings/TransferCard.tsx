// Move clients and connections to another computer: export them (with their secrets when a
// passphrase seals the file) and import such a file.
import { Button, Card, Group, Text, Title } from '@mantine/core'
import { IconFileExport, IconFileImport } from '@tabler/icons-react'
import { useState } from 'react'
import { ExportConnectionsModal } from './ExportConnectionsModal.tsx'
import { ImportConnectionsModal } from './ImportConnectionsModal.tsx'

export function TransferCard() {
  const [dialog, setDialog] = useState<'export' | 'import' | null>(null)
  return (
    <Card withBorder padding="lg" component="section" aria-label="Clients and connections">
      <Title order={4} mb={4}>
        Clients and connections
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Move them to another computer: export to a file, import it there. With a passphrase the file carries
        the secrets, sealed with it; without one it carries settings only.
      </Text>
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconFileExport size={16} aria-hidden />}
          onClick={() => setDialog('export')}
        >
          Export…
        </Button>
        <Button
          variant="light"
          leftSection={<IconFileImport size={16} aria-hidden />}
          onClick={() => setDialog('import')}
        >
          Import…
        </Button>
      </Group>
      <ExportConnectionsModal opened={dialog === 'export'} onClose={() => setDialog(null)} />
      <ImportConnectionsModal opened={dialog === 'import'} onClose={() => setDialog(null)} />
    </Card>
  )
}
