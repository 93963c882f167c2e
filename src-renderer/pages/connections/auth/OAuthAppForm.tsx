// The consultant's own OAuth app at the provider (client id, optional secret), for all of an
// integration's connections or only one; the secret goes to the vault and is never shown again.
import {
  Alert,
  Button,
  Code,
  Group,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { AuthStatus } from '../../../../src-main/contract/types.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useRefreshConnections } from '../queries.ts'

export function OAuthAppForm({
  connectionId,
  definition,
  current,
  onSaved,
  onCancel,
}: {
  connectionId: string
  definition: IntegrationDefinition
  /** The app in use, when changing it. */
  current?: AuthStatus['app']
  onSaved?: () => void
  onCancel?: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const clientCredentials = definition.oauth2Config?.grantType === 'client_credentials'
  const [clientId, setClientId] = useState(current?.clientId ?? '')
  const [secret, setSecret] = useState('')
  const [redirectUri, setRedirectUri] = useState(current?.redirectUri ?? '')
  const [scope, setScope] = useState<'integration' | 'connection'>(
    current?.source === 'connection' ? 'connection' : 'integration',
  )
  const [problem, setProblem] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: () =>
      client.auth.setApp({
        integrationId: definition.integrationId,
        ...(scope === 'connection' ? { connectionId } : {}),
        clientId: clientId.trim(),
        ...(secret ? { clientSecret: secret } : {}),
        ...(redirectUri.trim()
          ? { redirectUri: redirectUri.trim() }
          : current?.redirectUri
            ? { redirectUri: null }
            : {}),
      }),
    onSuccess: async () => {
      setSecret('')
      await refresh()
      onSaved?.()
    },
  })
  const submit = () => {
    if (!clientId.trim()) return setProblem('Enter the client id of your app.')
    if (clientCredentials && !secret && !current?.hasSecret)
      return setProblem('The client credentials grant needs the app’s client secret.')
    setProblem(null)
    save.mutate()
  }
  return (
    <Stack gap="sm" component="form" aria-label={`Your ${definition.name} OAuth app`} maw={560}>
      <Title order={4} size="h5">
        Your {definition.name} OAuth app
      </Title>
      <Text size="sm" c="dimmed">
        Switchboard signs in with an app you register at {definition.name}: enter its client id
        {clientCredentials ? ' and secret' : ' (and secret, if it has one)'}.
      </Text>
      {!clientCredentials && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} role="note">
          Register the redirect URI <Code>http://127.0.0.1/callback</Code> at {definition.name}: Switchboard
          listens on 127.0.0.1 with any free port while you sign in.
        </Alert>
      )}
      <TextInput
        label="Client id"
        required
        value={clientId}
        error={problem && !clientId.trim() ? problem : undefined}
        onChange={(event) => setClientId(event.currentTarget.value)}
        autoComplete="off"
      />
      <PasswordInput
        label="Client secret"
        required={clientCredentials}
        description={
          current?.hasSecret
            ? 'Leave empty to keep the stored secret.'
            : clientCredentials
              ? 'Encrypted in your vault.'
              : 'Optional: public (PKCE) apps have none. Encrypted in your vault.'
        }
        error={problem && clientId.trim() ? problem : undefined}
        value={secret}
        onChange={(event) => setSecret(event.currentTarget.value)}
        autoComplete="off"
      />
      {!clientCredentials && (
        <TextInput
          label="Registered redirect URI"
          description="Only for providers that refuse 127.0.0.1: you will paste the address the browser ends on."
          placeholder="https://…"
          value={redirectUri}
          onChange={(event) => setRedirectUri(event.currentTarget.value)}
        />
      )}
      <Radio.Group
        label="Use this app for"
        value={scope}
        onChange={(value) => setScope(value === 'connection' ? 'connection' : 'integration')}
      >
        <Stack gap={6} mt={4}>
          <Radio value="integration" label={`All ${definition.name} connections`} />
          <Radio value="connection" label="Only this connection" />
        </Stack>
      </Radio.Group>
      {save.error && <ErrorAlert title="The app was not saved" error={save.error} />}
      <Group gap="xs">
        <Button onClick={submit} loading={save.isPending}>
          Save app
        </Button>
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  )
}
