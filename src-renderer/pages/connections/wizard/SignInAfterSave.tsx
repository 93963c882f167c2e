// After an OAuth 2.0 connection is saved: sign it in (or get a token) before leaving the wizard.
import { Alert, Button, Card, Center, Code, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useState } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useAuthStatus } from '../auth/queries.ts'
import { SignInPanel } from '../auth/SignInPanel.tsx'

export function SignInAfterSave({
  connection,
  definition,
  onDone,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  onDone: () => void
}) {
  const status = useAuthStatus(connection.id)
  const [signedIn, setSignedIn] = useState(false)
  const clientCredentials = definition.oauth2Config?.grantType === 'client_credentials'
  return (
    <Card withBorder padding="lg" component="section" aria-label="Sign in">
      <Stack gap="md">
        <Alert
          color="teal"
          variant="light"
          icon={<IconCheck size={18} aria-hidden />}
          title="Connection saved"
        >
          <Text size="sm">
            <Code>{connection.id}</Code> for {connection.clientName} is saved.{' '}
            {clientCredentials
              ? `Get a token from ${definition.name} to connect it.`
              : `Sign in with ${definition.name} to connect it.`}
          </Text>
        </Alert>
        <Title order={3} size="h4">
          {clientCredentials ? 'Get a token' : `Sign in with ${definition.name}`}
        </Title>
        {status.isPending ? (
          <Center py="md" role="status">
            <Loader size="sm" aria-label="Loading" />
          </Center>
        ) : status.isError ? (
          <ErrorAlert title="Could not load the sign-in" error={status.error} />
        ) : (
          <SignInPanel
            connectionId={connection.id}
            definition={definition}
            status={status.data}
            onSignedIn={() => setSignedIn(true)}
          />
        )}
        <Group justify="flex-end">
          {signedIn ? (
            <Button onClick={onDone}>Done</Button>
          ) : (
            <Button variant="default" onClick={onDone}>
              Sign in later
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  )
}
