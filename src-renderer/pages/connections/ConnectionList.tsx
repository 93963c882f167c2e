// The Connections page's list: clients with their connections, filters, and the empty state.
import { Alert, Anchor, Button, Center, Code, Group, Loader, Stack } from '@mantine/core'
import { IconCircleCheck, IconPlugConnected, IconPlus, IconSearchOff } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { Link } from 'wouter'
import type { ClientView, ConnectionView } from '../../../src-main/contract/types.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { useCatalog } from '../definitions/queries.ts'
import { ClientEditModal } from './ClientEditModal.tsx'
import { ClientGroup } from './ClientGroup.tsx'
import { DeleteClientDialog } from './DeleteClientDialog.tsx'
import { EnvironmentBadge } from './EnvironmentBadge.tsx'
import { Filters, isFiltered, matches, noFilters, type ConnectionFilters } from './Filters.tsx'
import { connectionName } from './names.ts'
import { useClients, useConnections } from './queries.ts'
import { useVaultPrompt, VaultGate } from './VaultGate.tsx'

export function ConnectionList({
  filters,
  onFilters,
  created,
  onDismissCreated,
  onNew,
  vaultDismissed,
  onVaultDismissed,
}: {
  filters: ConnectionFilters
  onFilters: (filters: ConnectionFilters) => void
  /** The connection the wizard just created, announced until dismissed. */
  created: ConnectionView | null
  onDismissCreated: () => void
  onNew: (clientId?: string) => void
  /** The vault dialog was dismissed on this visit to the page: the banner offers it from then on. */
  vaultDismissed: boolean
  onVaultDismissed: () => void
}) {
  const clients = useClients()
  const connections = useConnections()
  const catalog = useCatalog('', null)
  const vault = useVaultPrompt({ autoOpen: !vaultDismissed, onDismiss: onVaultDismissed })
  const [editing, setEditing] = useState<ClientView | null>(null)
  const [deleting, setDeleting] = useState<ClientView | null>(null)

  const icons = useMemo(
    () => new Map((catalog.data?.definitions ?? []).map((hit) => [hit.integrationId, hit.icon])),
    [catalog.data],
  )

  const header = (
    <PageHeader
      title="Connections"
      description="Your clients and their connections, sandbox and production."
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onNew()}>
          New connection
        </Button>
      }
    />
  )
  const gate = (
    <VaultGate
      prompt={vault}
      purpose={
        vault.status?.state === 'uninitialized'
          ? 'Credentials are encrypted in the vault. Set it up before adding clients and connections.'
          : 'Unlock it to add clients and to store or use credentials. The list below stays readable.'
      }
    />
  )

  let body
  if (clients.isError || connections.isError) {
    const error = clients.error ?? connections.error
    body = error && <ErrorAlert title="Could not load your connections" error={error} />
  } else if (!clients.data || !connections.data) {
    body = (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  } else if (clients.data.length === 0) {
    body = (
      <Stack align="center" gap={0}>
        <EmptyState icon={IconPlugConnected} title="No clients or connections yet">
          Each of your clients gets its connections here — one per service and environment — with settings
          checked against the integration and credentials kept in your encrypted vault. Start with a first
          connection; you can create its client on the way.
        </EmptyState>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onNew()}>
          New connection
        </Button>
      </Stack>
    )
  } else {
    const all = connections.data
    const shown = all.filter(
      (c) =>
        (filters.environment === 'all' || c.environment === filters.environment) &&
        matches(c, filters.search),
    )
    const filtered = isFiltered(filters)
    const groups = clients.data
      .filter((client) => filters.clientId === null || client.id === filters.clientId)
      .map((client) => ({ client, connections: shown.filter((c) => c.clientId === client.id) }))
      // Filtering by environment or text hides clients with nothing to show; a chosen client always shows.
      .filter((group) => group.connections.length > 0 || filters.clientId !== null || !filtered)
    body = (
      <>
        <Filters filters={filters} clients={clients.data} onChange={onFilters} />
        {groups.length ? (
          <Stack gap="md">
            {groups.map(({ client, connections: own }) => (
              <ClientGroup
                key={client.id}
                client={client}
                connections={own}
                icons={icons}
                filtered={own.length !== client.connectionCount}
                onAdd={() => onNew(client.id)}
                onEdit={() => setEditing(client)}
                onDelete={() => setDeleting(client)}
              />
            ))}
          </Stack>
        ) : (
          <Stack align="center" gap={0}>
            <EmptyState icon={IconSearchOff} title="No connections match">
              Search looks at service names, labels, ids, client names and notes.
            </EmptyState>
            <Button variant="light" onClick={() => onFilters(noFilters)}>
              Clear filters
            </Button>
          </Stack>
        )}
      </>
    )
  }

  return (
    <>
      {header}
      {gate}
      {created && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} aria-hidden />}
          title="Connection created"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={onDismissCreated}
          mb="md"
        >
          <Group gap={6}>
            <Anchor component={Link} href={`/${created.id}`} size="sm">
              {connectionName(created)}
            </Anchor>
            <span>for {created.clientName}</span>
            <EnvironmentBadge environment={created.environment} size="xs" />
            <Code>{created.id}</Code>
          </Group>
        </Alert>
      )}
      {body}
      <ClientEditModal client={editing} onClose={() => setEditing(null)} />
      <DeleteClientDialog client={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}
