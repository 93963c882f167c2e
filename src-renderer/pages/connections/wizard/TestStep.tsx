// Step 5: how the connection will be tested. The health-check runtime does not exist yet, so this
// names the check and says when it will run, and shows no result it did not get.
import { Alert, Badge, Code, Group, Stack, Text } from '@mantine/core'
import { IconActivityHeartbeat, IconClockHour4 } from '@tabler/icons-react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'

export function TestStep({ definition }: { definition: IntegrationDefinition }) {
  const check = definition.healthCheck
  const method = check ? definition.methods.find((m) => m.id === check.method) : undefined
  return (
    <Stack gap="sm" maw={720}>
      {check ? (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconActivityHeartbeat size={22} aria-hidden color="var(--mantine-primary-color-filled)" />
          <Stack gap={4}>
            <Text size="sm">
              Switchboard tests this connection by calling <strong>{method?.name ?? check.method}</strong>{' '}
              <Code>{check.method}</Code>.
            </Text>
            {check.requiredScopes?.length ? (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  It needs the scopes
                </Text>
                {check.requiredScopes.map((scope) => (
                  <Badge key={scope} variant="default" size="xs" tt="none">
                    {scope}
                  </Badge>
                ))}
              </Group>
            ) : null}
          </Stack>
        </Group>
      ) : (
        <Text size="sm">{definition.name} defines no health check.</Text>
      )}
      <Alert color="gray" variant="light" icon={<IconClockHour4 size={18} aria-hidden />} title="Not run yet">
        The health check runs once Switchboard’s connection runtime is available. Nothing has been sent to{' '}
        {definition.name}; after saving, the connection’s last check reads “Never checked” until then.
      </Alert>
    </Stack>
  )
}
