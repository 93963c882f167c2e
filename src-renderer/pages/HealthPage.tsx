// The health dashboard: every connection's status, grouped by client with failing connections (and
// clients with failures) first; filters by client, environment and status; recent transitions as
// alerts; "Check all now" with progress pushed as checks finish; a drawer with each check's findings.
import { Alert, Button, Group, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import {
  IconActivityHeartbeat,
  IconAlertTriangle,
  IconCircleCheck,
  IconPlayerPause,
  IconRefresh,
} from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { HealthConnectionSummary, HealthOverview } from '../../src-main/contract/health.ts'
import type { Environment } from '../../src-main/contract/types.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'
import { HealthCard } from './health/HealthCard.tsx'
import { HealthDetailDrawer } from './health/HealthDetail.tsx'
import { useCheckNow, useClients, useHealthOverview, useLiveHealth } from './health/queries.ts'
import { displayStatus, displayStatuses, statusLabels, type DisplayStatus } from './health/status.ts'

function Alerts({ overview }: { overview: HealthOverview }) {
  const names = new Map(overview.connections.map((c) => [c.connectionId, c]))
  // Only the latest transition of each connection is still news.
  const seen = new Set<string>()
  const current = overview.alerts.filter((a) => !seen.has(a.connectionId) && seen.add(a.connectionId))
  const shown = current.slice(0, 4)
  if (shown.length === 0) return null
  return (
    <Stack gap="xs" aria-label="Alerts">
      {shown.map((alert) => {
        const who = names.get(alert.connectionId)
        const label = who
          ? `${who.label || who.integrationName} for ${who.clientName} (${who.environment})`
          : alert.connectionId
        return alert.transition === 'failed' ? (
          <Alert
            key={alert.checkId}
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={`${label} started failing`}
            role="alert"
          >
            {alert.message ?? 'Its health check failed.'} · {new Date(alert.at).toLocaleString()}
          </Alert>
        ) : (
          <Alert
            key={alert.checkId}
            color="teal"
            icon={<IconCircleCheck size={18} />}
            title={`${label} recovered`}
          >
            Its latest check passed · {new Date(alert.at).toLocaleString()}
          </Alert>
        )
      })}
    </Stack>
  )
}

function groupByClient(list: HealthConnectionSummary[]) {
  const groups = new Map<string, { clientName: string; items: HealthConnectionSummary[] }>()
  for (const item of list) {
    const group = groups.get(item.clientId) ?? { clientName: item.clientName, items: [] }
    group.items.push(item)
    groups.set(item.clientId, group)
  }
  // The core sorts failing first; a client with a failing connection comes first too.
  return [...groups.entries()].map(([clientId, group]) => ({ clientId, ...group }))
}

function Dashboard({
  overview,
  status,
  onOpen,
}: {
  overview: HealthOverview
  status: DisplayStatus | null
  onOpen(connectionId: string): void
}) {
  const checkNow = useCheckNow()
  const shown = status
    ? overview.connections.filter((c) => displayStatus(c) === status)
    : overview.connections
  if (shown.length === 0)
    return (
      <Text c="dimmed" ta="center" py="xl">
        No connection matches these filters.
      </Text>
    )
  return (
    <Stack gap="lg">
      {groupByClient(shown).map((group) => (
        <Stack key={group.clientId} gap="xs" component="section" aria-label={group.clientName}>
          <Group gap="xs">
            <Title order={4}>{group.clientName}</Title>
            <Text size="sm" c="dimmed">
              {group.items.filter((c) => displayStatus(c) === 'failing').length} failing of{' '}
              {group.items.length}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} spacing="sm">
            {group.items.map((summary) => (
              <HealthCard
                key={summary.connectionId}
                summary={summary}
                onOpen={() => onOpen(summary.connectionId)}
                onCheck={() => checkNow.mutate({ connectionId: summary.connectionId })}
                checking={checkNow.isPending && checkNow.variables?.connectionId === summary.connectionId}
              />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  )
}

export function HealthPage() {
  const pushed = useLiveHealth()
  const [clientId, setClientId] = useState<string | null>(null)
  const [environment, setEnvironment] = useState<Environment | null>(null)
  const [status, setStatus] = useState<DisplayStatus | null>(null)
  const [open, setOpen] = useState<string | null>(null)
  const overview = useHealthOverview(clientId, environment)
  const clients = useClients()
  const checkAll = useCheckNow()
  const run = useMemo(() => {
    const fromOverview = overview.data?.run ?? null
    if (pushed && (!fromOverview || pushed.runId === fromOverview.runId)) return pushed
    return fromOverview
  }, [pushed, overview.data])
  const running = checkAll.isPending || Boolean(run?.running)
  const opened = overview.data?.connections.find((c) => c.connectionId === open) ?? null
  const empty = overview.data?.connections.length === 0 && !clientId && !environment

  return (
    <>
      <PageHeader
        title="Health"
        description="Scheduled checks of every connection, with history and alerts."
        actions={
          !empty && (
            <Button
              leftSection={<IconRefresh size={16} />}
              loading={running}
              onClick={() =>
                checkAll.mutate({
                  ...(clientId ? { clientId } : {}),
                  ...(environment ? { environment } : {}),
                })
              }
            >
              Check all now
            </Button>
          )
        }
      />
      {checkAll.error && <ErrorAlert title="Could not start the checks" error={checkAll.error} />}
      {run && run.total > 0 && (run.running || checkAll.isPending) && (
        <Stack gap={4} mb="md" aria-label="Check progress">
          <Text size="sm">
            Checking {run.done} of {run.total}
            {run.failed ? ` · ${run.failed} failing` : ''}
          </Text>
          <Progress value={(run.done / run.total) * 100} animated aria-label="Checks done" />
        </Stack>
      )}
      <QueryState query={overview}>
        {(data) =>
          empty ? (
            <EmptyState icon={IconActivityHeartbeat} title="No health checks yet">
              Once you have connections, Switchboard checks them on a schedule and shows here which are
              healthy, which need attention (an expired sign-in, a revoked key) and how they fared over time.
            </EmptyState>
          ) : (
            <Stack gap="md">
              <Alerts overview={data} />
              {data.scheduler.paused && (
                <Alert color="gray" icon={<IconPlayerPause size={18} />}>
                  Scheduled checks are paused: {data.scheduler.reason}
                </Alert>
              )}
              <Group gap="sm" align="flex-end">
                <Select
                  label="Client"
                  placeholder="All clients"
                  clearable
                  searchable
                  w={220}
                  data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  value={clientId}
                  onChange={setClientId}
                />
                <Select
                  label="Environment"
                  placeholder="Both"
                  clearable
                  searchable
                  w={160}
                  data={[
                    { value: 'production', label: 'Production' },
                    { value: 'sandbox', label: 'Sandbox' },
                  ]}
                  value={environment}
                  onChange={(value) => setEnvironment(value as Environment | null)}
                />
                <Select
                  label="Status"
                  placeholder="Any status"
                  clearable
                  searchable
                  w={180}
                  data={displayStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
                  value={status}
                  onChange={(value) => setStatus(value as DisplayStatus | null)}
                />
              </Group>
              <Dashboard overview={data} status={status} onOpen={setOpen} />
            </Stack>
          )
        }
      </QueryState>
      <HealthDetailDrawer summary={opened} onClose={() => setOpen(null)} />
    </>
  )
}
