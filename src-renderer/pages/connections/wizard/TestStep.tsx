// The wizard's last step, once the connection is saved: sign in (OAuth 2.0), pick the settings that
// only exist after sign-in, then run the definition's health check for real (on request: it calls the
// provider) and show what it found.
// A failed test never undoes the save: "Finish anyway" keeps the connection, shown as failing.
import { Alert, Button, Code, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { IconActivityHeartbeat, IconCheck, IconRefresh } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useAuthStatus } from '../auth/queries.ts'
import { SignInPanel } from '../auth/SignInPanel.tsx'
import { useConnection, useRefreshConnections } from '../queries.ts'
import { missingChoiceFields } from '../setup/choice-fields.ts'
import { NeedsSetup } from '../setup/NeedsSetup.tsx'
import { TestOutcome } from '../setup/TestOutcome.tsx'

export function TestStep({
  saved,
  definition,
  onDone,
}: {
  saved: ConnectionView
  definition: IntegrationDefinition
  onDone: (connection: ConnectionView) => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const live = useConnection(saved.id)
  const connection = live.data ?? saved
  const auth = useAuthStatus(saved.id)
  const test = useMutation({
    mutationFn: () => client.connections.test({ connectionId: saved.id }),
    onSettled: () => refresh(),
  })
  const oauth = definition.authType === 'oauth2'
  const clientCredentials = definition.oauth2Config?.grantType === 'client_credentials'
  const signedIn = auth.data?.signedIn ?? false
  const missingSetup = missingChoiceFields(definition, connection.config)
  const noCredentials = !oauth && connection.missingSecrets.length > 0
  const ready = (!oauth || signedIn) && !noCredentials && missingSetup.length === 0

  const passed = test.data?.ok === true
  return (
    <Stack gap="md" maw={760}>
      <Alert color="teal" variant="light" icon={<IconCheck size={18} aria-hidden />} title="Connection saved">
        <Code>{connection.id}</Code> for {connection.clientName} is saved. It reads “untested” until a check
        succeeds.
      </Alert>

      {oauth && auth.isSuccess && !signedIn && (
        <Stack gap="sm" role="region" aria-label="Sign in">
          <Title order={3} size="h4">
            {clientCredentials ? 'Get a token' : `Sign in with ${definition.name}`}
          </Title>
          <SignInPanel
            connectionId={connection.id}
            definition={definition}
            status={auth.data}
            onSignedIn={() => void refresh()}
          />
        </Stack>
      )}
      {auth.isError && <ErrorAlert title="Could not load the sign-in" error={auth.error} />}

      {(!oauth || signedIn) && <NeedsSetup connection={connection} definition={definition} />}

      <Stack gap="sm" role="region" aria-label="Health check">
        <Group gap="xs">
          <IconActivityHeartbeat size={20} aria-hidden color="var(--mantine-primary-color-filled)" />
          <Title order={3} size="h4">
            Health check
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {definition.healthCheck
            ? `Switchboard calls ${definition.healthCheck.method} with the saved credentials.`
            : `${definition.name} names no health check: a read method that needs no input is used.`}
        </Text>
        {!ready && !test.data && (
          <Text size="sm">
            {noCredentials
              ? 'The credentials were skipped, so there is nothing to test yet: enter them on the connection’s page.'
              : oauth && !signedIn
                ? 'The test can run once the connection is signed in.'
                : 'The test can run once the setup above is done.'}
          </Text>
        )}
        {test.isPending && (
          <Group gap="xs" role="status" aria-live="polite">
            <Loader size="xs" />
            <Text size="sm">Testing the connection…</Text>
          </Group>
        )}
        {test.data && <TestOutcome result={test.data} />}
        {test.isError && <ErrorAlert title="The test could not run" error={test.error} />}
      </Stack>

      <Group justify="flex-end" gap="xs">
        <Button
          variant="default"
          onClick={() => onDone(test.data?.connection ?? connection)}
          disabled={test.isPending}
        >
          {passed ? 'Done' : test.data || test.isError ? 'Finish anyway' : 'Finish without testing'}
        </Button>
        {!passed && (
          <Button
            leftSection={
              test.data || test.isError ? (
                <IconRefresh size={16} aria-hidden />
              ) : (
                <IconActivityHeartbeat size={16} aria-hidden />
              )
            }
            onClick={() => test.mutate()}
            loading={test.isPending}
            disabled={!ready}
          >
            {test.data || test.isError ? 'Test again' : 'Test the connection'}
          </Button>
        )}
      </Group>
    </Stack>
  )
}
