// The connection page's "Sign-in" card for OAuth 2.0 connections: who is signed in, when the access
// token expires, the granted (and missing) scopes, and Reconnect / Disconnect. Disconnecting revokes
// the tokens at the provider when it can, and says so when it could not.
import {
  Alert,
  Button,
  Card,
  Center,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconPlugConnectedX, IconRefresh } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView, DisconnectResult } from '../../../../src-main/contract/types.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useRefreshConnections } from '../queries.ts'
import { exactTime, timeAgo } from '../time.ts'
import { useAuthStatus } from './queries.ts'
import { MissingScopes, ScopeBadges } from './SignedInSummary.tsx'
import { SignInPanel } from './SignInPanel.tsx'

/** "in 55 minutes", or "expired 3 hours ago". */
const expiry = (iso: string) =>
  new Date(iso).getTime() < Date.now() ? `expired ${timeAgo(iso)}` : timeAgo(iso)

/** What became of the tokens at the provider, after a disconnect or a delete. */
export function RevocationResult({ result, provider }: { result: DisconnectResult; provider: string }) {
  if (result.error)
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} aria-hidden />}
        title="Revocation failed"
        role="alert"
      >
        The tokens were deleted from Switchboard, but {provider} did not revoke them: {result.error} They may
        stay valid until they expire; remove Switchboard’s access in your {provider} account settings.
      </Alert>
    )
  if (!result.revocationSupported)
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={18} aria-hidden />}
        title="Disconnected"
      >
        The tokens were deleted from Switchboard. {provider} offers no way to revoke them, so they stay valid
        there until they expire; remove Switchboard’s access in your {provider} account settings.
      </Alert>
    )
  return (
    <Alert color="teal" variant="light" icon={<IconCheck size={18} aria-hidden />} title="Disconnected">
      The tokens were revoked at {provider} and deleted from Switchboard.
    </Alert>
  )
}

export function SignInCard({
  connection,
  definition,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const status = useAuthStatus(connection.id)
  const [reconnecting, setReconnecting] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [result, setResult] = useState<DisconnectResult | null>(null)
  const provider = definition.name
  const disconnect = useMutation({
    mutationFn: () => client.auth.disconnect({ connectionId: connection.id }),
    onSuccess: async (disconnected) => {
      setConfirming(false)
      setResult(disconnected)
      await refresh()
    },
  })

  let body: ReactNode
  if (status.isPending)
    body = (
      <Center py="md" role="status">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  else if (status.isError) body = <ErrorAlert title="Could not load the sign-in" error={status.error} />
  else {
    const auth = status.data
    const panel = (
      <SignInPanel
        connectionId={connection.id}
        definition={definition}
        status={auth}
        onSignedIn={() => setReconnecting(false)}
        {...(auth.signedIn ? { onCancel: () => setReconnecting(false) } : {})}
      />
    )
    const rows: [string, ReactNode][] = [
      [
        auth.grantType === 'client_credentials' ? 'Token for' : 'Signed in as',
        auth.account ??
          (auth.grantType === 'client_credentials' ? `the app ${auth.app?.clientId ?? ''}` : 'Unknown'),
      ],
      [
        'Signed in',
        auth.signedInAt ? <span title={exactTime(auth.signedInAt)}>{timeAgo(auth.signedInAt)}</span> : '—',
      ],
      [
        'Token expires',
        auth.expiresAt ? (
          <span>
            {expiry(auth.expiresAt)}{' '}
            <Text span size="xs" c="dimmed">
              ({exactTime(auth.expiresAt)})
            </Text>
          </span>
        ) : (
          'Not given by the provider'
        ),
      ],
      [
        'Renewal',
        auth.hasRefreshToken
          ? 'Automatic (refresh token)'
          : auth.grantType === 'client_credentials'
            ? 'A new token is fetched when needed'
            : 'Sign in again when it expires',
      ],
      ['Granted scopes', <ScopeBadges key="granted" scopes={auth.grantedScopes} label="Granted scopes" />],
      ['OAuth app', auth.app ? <Code>{auth.app.clientId}</Code> : 'None'],
    ]
    body = (
      <Stack gap="sm">
        {/* signInNeeded is also true before any sign-in: the alert is for a sign-in that stopped working. */}
        {auth.signedIn && auth.signInNeeded && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="Sign-in needed"
          >
            {provider} refused the saved sign-in, or the token expired and cannot be renewed: sign in again.
          </Alert>
        )}
        {result && <RevocationResult result={result} provider={provider} />}
        {!auth.signedIn ? (
          <>
            <Text size="sm" fw={600}>
              Not signed in
            </Text>
            <Text size="sm" c="dimmed">
              This connection cannot call {provider} until it is signed in.
            </Text>
            {panel}
          </>
        ) : (
          <>
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
            <MissingScopes status={auth} provider={provider} />
            {reconnecting ? (
              panel
            ) : (
              <Group gap="xs">
                <Button
                  variant="light"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={() => {
                    setResult(null)
                    setReconnecting(true)
                  }}
                >
                  Reconnect
                </Button>
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconPlugConnectedX size={16} aria-hidden />}
                  onClick={() => setConfirming(true)}
                >
                  Disconnect
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    )
  }

  return (
    <Card withBorder padding="lg" component="section" aria-label="Sign-in">
      <Title order={3} size="h4" mb="sm">
        Sign-in
      </Title>
      {body}
      <Modal
        opened={confirming}
        onClose={() => {
          disconnect.reset()
          setConfirming(false)
        }}
        title={`Disconnect from ${provider}?`}
      >
        <Stack gap="sm">
          <Text size="sm">
            Switchboard revokes the tokens at {provider} where it can, and deletes its copies. The connection
            stays, disconnected, until it is signed in again.
          </Text>
          {disconnect.error && <ErrorAlert title="Could not disconnect" error={disconnect.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep signed in
            </Button>
            <Button color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
              Disconnect
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  )
}
