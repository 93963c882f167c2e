// One connection on the dashboard: status colour, last check, latency, the small history chart and
// "Check now". Clicking the card opens its check history.
import { ActionIcon, Badge, Card, Group, Loader, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import type { HealthConnectionSummary } from '../../../src-main/contract/health.ts'
import { Sparkline } from './Sparkline.tsx'
import { ago, displayStatus, statusColours, statusLabels } from './status.ts'

export function HealthCard({
  summary,
  onOpen,
  onCheck,
  checking,
}: {
  summary: HealthConnectionSummary
  onOpen(): void
  onCheck(): void
  checking: boolean
}) {
  const status = displayStatus(summary)
  const colour = statusColours[status]
  const last = summary.lastCheck
  const overdue = summary.secretAges.filter((s) => s.overdue)
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid={`health-card-${summary.connectionId}`}
      data-status={status}
      style={{ borderLeft: `4px solid var(--mantine-color-${colour}-6)` }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <UnstyledButton
          onClick={onOpen}
          style={{ flex: 1, minWidth: 0 }}
          aria-label={`History of ${summary.connectionId}`}
        >
          <Stack gap={2}>
            <Group gap={6} wrap="nowrap">
              <Text fw={600} truncate>
                {summary.label || summary.integrationName}
              </Text>
              <Badge
                size="xs"
                variant="outline"
                color={summary.environment === 'production' ? 'blue' : 'gray'}
                style={{ flexShrink: 0 }}
              >
                {summary.environment}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" ff="monospace" truncate>
              {summary.connectionId}
            </Text>
          </Stack>
        </UnstyledButton>
        <Tooltip label="Check now">
          <ActionIcon
            variant="subtle"
            aria-label={`Check ${summary.connectionId} now`}
            onClick={onCheck}
            disabled={checking || summary.checking}
          >
            {checking || summary.checking ? <Loader size={14} /> : <IconRefresh size={16} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      <Group justify="space-between" mt="xs" align="flex-end" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Badge color={colour} variant="light">
            {statusLabels[status]}
          </Badge>
          <Text size="xs" c="dimmed">
            {last ? `Checked ${ago(last.startedAt)}` : 'Never checked'}
            {last?.latencyMs != null ? ` · ${last.latencyMs} ms` : ''}
          </Text>
        </Stack>
        <Sparkline points={summary.recent} width={120} height={32} />
      </Group>
      {last?.message && (
        <Text size="xs" c={status === 'warning' ? 'yellow.8' : 'red.7'} mt={6} lineClamp={2}>
          {last.message}
        </Text>
      )}
      {overdue.length > 0 && !last?.message && (
        <Text size="xs" c="yellow.8" mt={6}>
          Rotate: {overdue.map((s) => `${s.field} (${s.ageDays} days)`).join(', ')}
        </Text>
      )}
    </Card>
  )
}
