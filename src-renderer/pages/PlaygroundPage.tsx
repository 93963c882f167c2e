// The Playground, mounted at /playground (nested): pick client → connection → method, fill the input,
// run it and see exactly what was sent and received. The connection and method are in the address
// (/playground/<connection>/<method>), so the connection page can link straight to it.
import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { IconPlayerPlay, IconPlugConnected, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useLocation, useRoute } from 'wouter'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { EnvironmentBadge } from './connections/EnvironmentBadge.tsx'
import { useClients, useConnections } from './connections/queries.ts'
import { StatusBadge } from './connections/StatusBadge.tsx'
import { useDefinition } from './definitions/queries.ts'
import { Pickers } from './playground/Pickers.tsx'
import { Workbench } from './playground/Workbench.tsx'
import type { ConnectionView } from '../../src-main/contract/types.ts'

function LoadedWorkbench({
  connection,
  methodId,
  onMethod,
}: {
  connection: ConnectionView
  methodId: string | null
  onMethod: (methodId: string) => void
}) {
  const definition = useDefinition(connection.integrationId, connection.definitionVersion)
  if (definition.isPending)
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-label="Loading the methods" />
      </Center>
    )
  if (definition.isError)
    return <ErrorAlert title="Could not load the integration" error={definition.error} />
  return (
    <Workbench
      connection={connection}
      definition={definition.data.definition}
      methodId={methodId}
      onMethod={onMethod}
    />
  )
}

export function PlaygroundPage() {
  const [, navigate] = useLocation()
  const [, params] = useRoute<{ connectionId: string; methodId?: string }>('/:connectionId/:methodId?')
  const connectionId = params?.connectionId ? decodeURIComponent(params.connectionId) : null
  const methodId = params?.methodId ? decodeURIComponent(params.methodId) : null
  const clients = useClients()
  const connections = useConnections()
  const connection = connections.data?.find((c) => c.id === connectionId) ?? null
  // The client chosen before any of its connections is; otherwise the open connection's.
  const [pickedClient, setPickedClient] = useState<string | null>(null)
  const clientId = connection?.clientId ?? pickedClient
  const definition = useDefinition(connection?.integrationId ?? '', connection?.definitionVersion)
  const go = (connection: string | null, method: string | null) =>
    navigate(
      connection
        ? `/${encodeURIComponent(connection)}${method ? `/${encodeURIComponent(method)}` : ''}`
        : '/',
    )

  const header = (
    <PageHeader
      title="Playground"
      description="Run any method of a connection and see exactly what was sent and received."
    />
  )
  if (clients.isError || connections.isError) {
    const error = clients.error ?? connections.error
    return (
      <>
        {header}
        {error && <ErrorAlert title="Could not load your connections" error={error} />}
      </>
    )
  }
  if (!clients.data || !connections.data)
    return (
      <>
        {header}
        <Center py="xl" role="status" aria-live="polite">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      </>
    )
  if (!connections.data.length)
    return (
      <>
        {header}
        <EmptyState icon={IconPlugConnected} title="No connections to run">
          <Stack align="center" gap="sm" component="span">
            <span>
              The Playground runs methods of your clients’ connections. Create a connection first, then come
              back to try its methods.
            </span>
            <Button
              component={Link}
              href="~/connections/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              New connection
            </Button>
          </Stack>
        </EmptyState>
      </>
    )

  return (
    <>
      {header}
      <Card withBorder padding="md" mb="lg" component="section" aria-label="What to run">
        <Group justify="space-between" align="flex-end" gap="md">
          <Pickers
            clients={clients.data}
            connections={connections.data}
            definition={connection && definition.data ? definition.data.definition : undefined}
            selection={{ clientId, connectionId: connection?.id ?? null, methodId }}
            onChange={(next) => {
              setPickedClient(next.clientId)
              go(next.connectionId, next.methodId)
            }}
          />
          {connection && (
            <Group gap="xs" pb={6}>
              <EnvironmentBadge environment={connection.environment} />
              <StatusBadge connection={connection} />
            </Group>
          )}
        </Group>
      </Card>
      {connectionId && !connection ? (
        <EmptyState icon={IconPlugConnected} title="No such connection">
          There is no connection “{connectionId}”. It may have been deleted; pick another above.
        </EmptyState>
      ) : connection ? (
        <LoadedWorkbench
          key={connection.id}
          connection={connection}
          methodId={methodId}
          onMethod={(method) => go(connection.id, method)}
        />
      ) : (
        <EmptyState icon={IconPlayerPlay} title="Pick a connection">
          <Text span>
            Choose a client and one of its connections above, then a method: you get a form built from its
            input schema, and can run it and inspect the exact request and response.
          </Text>
        </EmptyState>
      )}
    </>
  )
}
