// Who signed in and which scopes the provider granted, with the requested ones it did not.
import { Alert, Badge, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { AuthStatus } from '../../../../src-main/contract/types.ts'

export function ScopeBadges({ scopes, label }: { scopes: string[]; label: string }) {
  if (!scopes.length)
    return (
      <Text span size="sm" c="dimmed">
        None
      </Text>
    )
  return (
    <Group gap={4} role="list" aria-label={label}>
      {scopes.map((scope) => (
        <Badge key={scope} role="listitem" variant="light" color="gray" tt="none" fw={500}>
          {scope}
        </Badge>
      ))}
    </Group>
  )
}

export function MissingScopes({ status, provider }: { status: AuthStatus; provider: string }) {
  if (!status.missingScopes.length) return null
  const one = status.missingScopes.length === 1
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title="Some scopes were not granted"
    >
      <Stack gap={6}>
        <Text size="sm">
          {one
            ? `${provider} did not grant this scope: methods that need it may fail. Sign in again and allow it, or check the app’s settings at ${provider}.`
            : `${provider} did not grant these scopes: methods that need them may fail. Sign in again and allow them, or check the app’s settings at ${provider}.`}
        </Text>
        <ScopeBadges scopes={status.missingScopes} label="Missing scopes" />
      </Stack>
    </Alert>
  )
}

export function SignedInSummary({ status, provider }: { status: AuthStatus; provider: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        {status.account ? (
          <>
            Signed in as <strong>{status.account}</strong>
          </>
        ) : status.grantType === 'client_credentials' ? (
          'Token received for the app'
        ) : (
          'Signed in'
        )}
      </Text>
      <Group gap={6} align="center">
        <Text size="sm" c="dimmed">
          Granted scopes:
        </Text>
        <ScopeBadges scopes={status.grantedScopes} label="Granted scopes" />
      </Group>
      <MissingScopes status={status} provider={provider} />
    </Stack>
  )
}
