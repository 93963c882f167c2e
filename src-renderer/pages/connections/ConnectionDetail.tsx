// One connection: who and what it is, what needs attention (locked, missing credentials, an
// upgrade), its settings (editable), its sign-in (OAuth 2.0), its credentials (masked hints) and its
// particulars.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Code,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconArrowUpCircle, IconKey, IconLock, IconPlayerPlay, IconPlugConnectedX } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { BackLink, useBackHotkeys } from '../../components/BackLink.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { DefinitionAvatar } from '../definitions/badges.tsx'
import { SignInCard } from './auth/SignInCard.tsx'
import { ClientSwatch } from './ClientColour.tsx'
import { ConfigEditor } from './ConfigEditor.tsx'
import { ConnectionMenu } from './ConnectionMenu.tsx'
import { DefinitionLoader } from './DefinitionLoader.tsx'
import { EnvironmentBadge } from './EnvironmentBadge.tsx'
import { useClients, useConnection } from './queries.ts'
import { LastCheck } from './ConnectionRow.tsx'
import { RotateSecretModal, SecretsCard } from './SecretsCard.tsx'
import { HealthCard } from './setup/HealthCard.tsx'
import { missingChoiceFields } from './setup/choice-fields.ts'
import { NeedsSetup } from './setup/NeedsSetup.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { exactTime, timeAgo } from './time.ts'
import { UpgradeModal } from './UpgradeModal.tsx'
import { VaultDialog } from './VaultDialogs.tsx'
import { useVaultPrompt, type VaultPrompt } from './VaultGate.tsx'
import { secretFieldsOf } from '../../../src-main/contract/definition-defaults.ts'

function Header({
  connection,
  colour,
  onDeleted,
}: {
  connection: ConnectionView
  colour: string
  onDeleted: () => void
}) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" mb="lg">
      <Group gap="md" wrap="nowrap" miw={0}>
        <DefinitionAvatar name={connection.integrationName} icon={null} size={52} />
        <Stack gap={4} miw={0}>
          <Title order={2}>{connection.label || connection.integrationName}</Title>
          <Group gap={8}>
            <EnvironmentBadge environment={connection.environment} size="md" />
            <StatusBadge connection={connection} />
            <Group gap={4} wrap="nowrap">
              <ClientSwatch colour={colour} size={10} />
              <Text size="sm">{connection.clientName}</Text>
            </Group>
            {connection.label && (
              <Text size="sm" c="dimmed">
                {connection.integrationName}
              </Text>
            )}
            <Text size="xs" c="dimmed" ff="monospace">
              {connection.id}
            </Text>
          </Group>
        </Stack>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button
          component={Link}
          href={`~/playground/${encodeURIComponent(connection.id)}`}
          variant="default"
          size="xs"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
        >
          Open in the Playground
        </Button>
        <ConnectionMenu connection={connection} onPage onDeleted={onDeleted} />
      </Group>
    </Group>
  )
}

/** What needs attention first: a locked or failing connection, missing credentials, an upgrade. */
function Attention({
  connection,
  definition,
  vault,
  onRotate,
  onUpgrade,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  vault: VaultPrompt
  onRotate: () => void
  onUpgrade: () => void
}) {
  const titles = new Map(secretFieldsOf(definition).map((secret) => [secret.name, secret.title]))
  const alerts: ReactNode[] = []
  if (connection.status === 'locked' && vault.needed) {
    // The vault itself is closed: unlocking it is all that is needed.
    alerts.push(
      <Alert
        key="locked"
        color="orange"
        variant="light"
        icon={<IconLock size={18} aria-hidden />}
        title="Locked until the vault is unlocked"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{connection.lastErrorMessage ?? 'The vault is locked.'}</Text>
          <Button
            size="xs"
            color="orange"
            leftSection={<IconLock size={14} aria-hidden />}
            onClick={vault.open}
          >
            {vault.status?.state === 'uninitialized' ? 'Set up the vault' : 'Unlock the vault'}
          </Button>
        </Stack>
      </Alert>,
    )
  } else if (connection.status === 'locked') {
    alerts.push(
      <Alert
        key="locked"
        color="orange"
        variant="light"
        icon={<IconLock size={18} aria-hidden />}
        title="This connection is locked"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {connection.lastErrorMessage ?? 'Its secrets cannot be decrypted with the keys at hand.'} Nothing
            was deleted: enter its credentials again to use it.
          </Text>
          <Button size="xs" color="orange" leftSection={<IconKey size={14} aria-hidden />} onClick={onRotate}>
            Enter credentials again
          </Button>
        </Stack>
      </Alert>,
    )
  } else if (
    (connection.status === 'error' || connection.healthState === 'failing') &&
    connection.lastErrorMessage
  ) {
    alerts.push(
      <Alert
        key="error"
        color="red"
        variant="light"
        icon={<IconPlugConnectedX size={18} aria-hidden />}
        title="The last attempt failed"
      >
        {connection.lastErrorMessage}
      </Alert>,
    )
  }
  if (
    connection.missingSecrets.length &&
    connection.status !== 'locked' &&
    definition.authType !== 'oauth2'
  ) {
    alerts.push(
      <Alert
        key="missing"
        color="yellow"
        variant="light"
        icon={<IconKey size={18} aria-hidden />}
        title="Credentials missing"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            Required but not set:{' '}
            {connection.missingSecrets.map((field) => titles.get(field) ?? field).join(', ')}. The connection
            cannot be used until they are entered.
          </Text>
          <Button
            size="xs"
            variant="light"
            color="yellow"
            leftSection={<IconKey size={14} aria-hidden />}
            onClick={onRotate}
          >
            Enter credentials
          </Button>
        </Stack>
      </Alert>,
    )
  }
  if (connection.upgradeAvailable) {
    alerts.push(
      <Alert
        key="upgrade"
        color="blue"
        variant="light"
        icon={<IconArrowUpCircle size={18} aria-hidden />}
        title="Upgrade available"
      >
        <Group justify="space-between" gap="xs">
          <Text size="sm">
            {connection.integrationName} {connection.upgradeAvailable} is installed; this connection uses{' '}
            {connection.definitionVersion}.
          </Text>
          <Button size="xs" variant="light" onClick={onUpgrade}>
            Review upgrade
          </Button>
        </Group>
      </Alert>,
    )
  }
  return alerts.length ? <Stack gap="sm">{alerts}</Stack> : null
}

/** Why "Test now" cannot run yet, in a sentence; null when it can. */
function testBlocker(connection: ConnectionView, definition: IntegrationDefinition): string | null {
  if (connection.status === 'locked') return 'Unlock it (or enter its credentials again) before testing.'
  if (connection.missingSecrets.length && definition.authType !== 'oauth2')
    return 'Enter its credentials before testing.'
  if (missingChoiceFields(definition, connection.config).length) return 'Finish its setup before testing.'
  return null
}

function Particulars({
  connection,
  definition,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
}) {
  const rows: [string, ReactNode][] = [
    ['Client', connection.clientName],
    [
      'Integration',
      <>
        <Anchor component={Link} href={`~/definitions/${connection.integrationId}`} size="sm">
          {connection.integrationName}
        </Anchor>{' '}
        <Text span size="sm" c="dimmed">
          version {connection.definitionVersion}
        </Text>
      </>,
    ],
    ['Health check', definition.healthCheck ? <Code>{definition.healthCheck.method}</Code> : 'None defined'],
    ['Last check', <LastCheck key="check" connection={connection} />],
    [
      'Created',
      <span title={exactTime(connection.createdAt)}>
        {timeAgo(connection.createdAt)} by {connection.createdBy}
      </span>,
    ],
    ['Updated', <span title={exactTime(connection.updatedAt)}>{timeAgo(connection.updatedAt)}</span>],
    ['Secret reference', <Code>{connection.secretRef}</Code>],
    [
      'Notes',
      connection.notes ? (
        <span style={{ whiteSpace: 'pre-line' }}>{connection.notes}</span>
      ) : (
        <Text span size="sm" c="dimmed">
          None
        </Text>
      ),
    ],
  ]
  return (
    <Card withBorder padding="lg" component="section" aria-label="Details">
      <Title order={3} size="h4" mb="sm">
        Details
      </Title>
      <Table variant="vertical" withTableBorder={false} layout="fixed" verticalSpacing={6}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={150} fw={500} c="dimmed" fz="sm">
                {label}
              </Table.Th>
              <Table.Td fz="sm" style={{ wordBreak: 'break-word' }}>
                {value}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function Loaded({ connection, colour }: { connection: ConnectionView; colour: string }) {
  const [, navigate] = useLocation()
  const [rotating, setRotating] = useState(false)
  const [upgrading, setUpgrading] = useState(false)
  const vault = useVaultPrompt({ autoOpen: false })
  return (
    <>
      <Header connection={connection} colour={colour} onDeleted={() => navigate('/')} />
      <DefinitionLoader integrationId={connection.integrationId} version={connection.definitionVersion}>
        {(definition) => (
          <Stack gap="lg">
            <Attention
              connection={connection}
              definition={definition}
              vault={vault}
              onRotate={() => setRotating(true)}
              onUpgrade={() => setUpgrading(true)}
            />
            <NeedsSetup connection={connection} definition={definition} />
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <Card
                withBorder
                padding="lg"
                component="section"
                aria-label="Settings"
                style={{ alignSelf: 'start' }}
              >
                <Title order={3} size="h4" mb="sm">
                  Settings
                </Title>
                <ConfigEditor key={connection.updatedAt} connection={connection} definition={definition} />
              </Card>
              <Stack gap="lg">
                {definition.authType === 'oauth2' && (
                  <SignInCard connection={connection} definition={definition} />
                )}
                <HealthCard
                  connection={connection}
                  definition={definition}
                  blocked={testBlocker(connection, definition)}
                />
                <SecretsCard
                  connection={connection}
                  definition={definition}
                  onRotate={() => setRotating(true)}
                />
                <Particulars connection={connection} definition={definition} />
              </Stack>
            </SimpleGrid>
            <RotateSecretModal
              connection={connection}
              definition={definition}
              opened={rotating}
              onClose={() => setRotating(false)}
            />
            <UpgradeModal connection={connection} opened={upgrading} onClose={() => setUpgrading(false)} />
            <VaultDialog status={vault.status} opened={vault.opened} onClose={vault.close} />
          </Stack>
        )}
      </DefinitionLoader>
    </>
  )
}

export function ConnectionDetail({ id }: { id: string }) {
  const query = useConnection(id)
  const clients = useClients()
  useBackHotkeys()
  if (query.isPending) {
    return (
      <>
        <BackLink>All connections</BackLink>
        <Center py="xl" role="status" aria-live="polite">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      </>
    )
  }
  if (query.isError) {
    return (
      <>
        <BackLink>All connections</BackLink>
        {query.error instanceof ApiError && query.error.code === 'NOT_FOUND' ? (
          <EmptyState icon={IconPlugConnectedX} title="No such connection">
            There is no connection “{id}”. It may have been deleted, or the link is mistyped.
          </EmptyState>
        ) : (
          <ErrorAlert title="Could not load this connection" error={query.error} />
        )}
      </>
    )
  }
  const colour = clients.data?.find((c) => c.id === query.data.clientId)?.colour ?? 'gray'
  return (
    <>
      <BackLink>All connections</BackLink>
      <Loaded connection={query.data} colour={colour} />
    </>
  )
}
