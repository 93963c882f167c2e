// The connection page's health: honest about what is known — "untested" until a check or a call has
// succeeded with the current credentials — and "Test now", which runs the definition's health check.
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { IconActivityHeartbeat } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useRefreshConnections } from '../queries.ts'
import { exactTime, timeAgo } from '../time.ts'
import { healthLooks, healthOf } from './health.ts'
import { TestOutcome } from './TestOutcome.tsx'

export function HealthCard({
  connection,
  definition,
  blocked,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  /** Why a test cannot run yet (credentials missing, setup needed); null when it can. */
  blocked: string | null
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const test = useMutation({
    mutationFn: () => client.connections.test({ connectionId: connection.id }),
    onSettled: () => refresh(),
  })
  const health = healthOf(connection)
  const look = healthLooks[health]
  const check = definition.healthCheck?.method
  return (
    <Card withBorder padding="lg" component="section" aria-label="Health">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h4">
              Health
            </Title>
            <Badge color={look.color} variant="light" tt="none" aria-label={`Health: ${look.label}`}>
              {look.label}
            </Badge>
          </Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconActivityHeartbeat size={14} aria-hidden />}
            onClick={() => test.mutate()}
            loading={test.isPending}
            disabled={Boolean(blocked)}
          >
            Test now
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {look.meaning}{' '}
          {connection.lastHealthCheck && (
            <span title={exactTime(connection.lastHealthCheck)}>
              Last check {connection.lastHealthCheckStatus === 'failure' ? 'failed' : 'passed'}{' '}
              {timeAgo(connection.lastHealthCheck)}.
            </span>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {check
            ? `The check calls ${check}.`
            : `${definition.name} names no health check; a read method without input is used.`}
        </Text>
        {blocked && (
          <Text size="sm" c="orange">
            {blocked}
          </Text>
        )}
        {test.isSuccess && <TestOutcome result={test.data} />}
        {test.isError && <ErrorAlert title="The test could not run" error={test.error} />}
      </Stack>
    </Card>
  )
}
