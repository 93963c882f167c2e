import {
  Card,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useClient } from '../api/context.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'
import { BackupsCard } from './settings/BackupsCard.tsx'
import { IdleLockCard } from './settings/IdleLockCard.tsx'
import { SecretProtectionCard } from './settings/SecretProtectionCard.tsx'
import { HealthSettingsCard } from './settings/HealthSettingsCard.tsx'
import { TransferCard } from './settings/TransferCard.tsx'

function AppearanceCard() {
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb={4}>
        Appearance
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Follow your operating system, or choose a theme.
      </Text>
      <SegmentedControl
        aria-label="Colour scheme"
        value={colorScheme}
        onChange={(value) => setColorScheme(value as MantineColorScheme)}
        data={[
          { value: 'auto', label: 'System' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
      />
    </Card>
  )
}

export function SettingsPage() {
  const client = useClient()
  const info = useQuery({ queryKey: ['app', 'info'], queryFn: () => client.app.info() })
  return (
    <>
      <PageHeader
        title="Settings"
        description="Where your data lives, how your secrets are protected, and how Switchboard looks."
      />
      <Stack gap="md" maw={820}>
        <AppearanceCard />
        <SecretProtectionCard />
        <IdleLockCard />
        <TransferCard />
        <BackupsCard />
        <HealthSettingsCard />
        <QueryState query={info}>
          {(data) => (
            <>
              <Card withBorder padding="lg">
                <Title order={4} mb="sm">
                  About this installation
                </Title>
                <Table variant="vertical" layout="fixed" withTableBorder={false}>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th w={180}>Version</Table.Th>
                      <Table.Td>{data.appVersion}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Data folder</Table.Th>
                      <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {data.dataDir}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Database schema</Table.Th>
                      <Table.Td>
                        version {data.schemaVersion}
                        {data.migrations.every((m) => m.intact) ? '' : ' — a migration was altered!'}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Runtime</Table.Th>
                      <Table.Td>
                        {data.runtime.electron ? `Electron ${data.runtime.electron}, ` : ''}Node{' '}
                        {data.runtime.node} · {data.runtime.platform}/{data.runtime.arch}
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Card>
            </>
          )}
        </QueryState>
      </Stack>
    </>
  )
}
