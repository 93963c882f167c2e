// One connection's check history: each check with its outcome, duration and the findings of every
// part (connectivity timings, the provider's message, missing scopes, secret ages).
import { Accordion, Badge, Button, Drawer, Group, Stack, Table, Text } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import type {
  CheckDetail,
  HealthCheckRecord,
  HealthConnectionSummary,
} from '../../../src-main/contract/health.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useCheckNow, useHealthHistory } from './queries.ts'
import { Sparkline } from './Sparkline.tsx'
import { statusColours } from './status.ts'

const outcomeColour: Record<CheckDetail['outcome'], string> = {
  pass: statusColours.healthy,
  warn: statusColours.warning,
  fail: statusColours.failing,
  locked: statusColours.locked,
  skipped: 'gray',
}

const partNames: Record<CheckDetail['kind'], string> = {
  connectivity: 'Connectivity',
  credentials: 'Credentials',
  permissions: 'Permissions',
  webhooks: 'Webhooks',
  secretAge: 'Secret age',
}

function Parts({ check }: { check: HealthCheckRecord }) {
  return (
    <Table withTableBorder>
      <Table.Tbody>
        {check.checks.map((part) => (
          <Table.Tr key={part.kind}>
            <Table.Th w={120}>{partNames[part.kind]}</Table.Th>
            <Table.Td w={90}>
              <Badge size="sm" variant="light" color={outcomeColour[part.outcome]}>
                {part.outcome}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{part.message}</Text>
            </Table.Td>
            <Table.Td w={80} ta="right">
              <Text size="xs" c="dimmed">
                {Math.round(part.durationMs)} ms
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function History({ summary }: { summary: HealthConnectionSummary }) {
  const history = useHealthHistory(summary.connectionId)
  const checkNow = useCheckNow()
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Sparkline points={summary.recent} width={260} height={48} />
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={checkNow.isPending || summary.checking}
          onClick={() => checkNow.mutate({ connectionId: summary.connectionId })}
        >
          Check now
        </Button>
      </Group>
      {checkNow.error && <ErrorAlert title="Could not start the check" error={checkNow.error} />}
      {summary.secretAges.length > 0 && (
        <Text size="sm">
          Secrets:{' '}
          {summary.secretAges
            .map((s) => `${s.field} ${s.ageDays} days old${s.overdue ? ' (past the rotation policy)' : ''}`)
            .join(', ')}
        </Text>
      )}
      <QueryState query={history}>
        {(page) =>
          page.checks.length === 0 ? (
            <Text c="dimmed" size="sm">
              No checks yet.
            </Text>
          ) : (
            <Accordion variant="separated" defaultValue={String(page.checks[0]!.id)}>
              {page.checks.map((check) => (
                <Accordion.Item key={check.id} value={String(check.id)}>
                  <Accordion.Control>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color={outcomeColour[check.outcome]}>
                        {check.outcome}
                      </Badge>
                      <Text size="sm">{new Date(check.startedAt).toLocaleString()}</Text>
                      <Text size="xs" c="dimmed">
                        {check.durationMs} ms · {check.trigger}
                        {check.transition ? ` · ${check.transition}` : ''}
                      </Text>
                    </Group>
                    {check.message && (
                      <Text size="xs" c="red.7" mt={4}>
                        {check.message}
                      </Text>
                    )}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Parts check={check} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )
        }
      </QueryState>
    </Stack>
  )
}

export function HealthDetailDrawer({
  summary,
  onClose,
}: {
  summary: HealthConnectionSummary | null
  onClose(): void
}) {
  return (
    <Drawer
      opened={summary !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        summary
          ? `${summary.label || summary.integrationName} · ${summary.clientName} · ${summary.environment}`
          : ''
      }
    >
      {summary && <History summary={summary} />}
    </Drawer>
  )
}
