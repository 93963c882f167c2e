import { Button, Group, Table, Text } from '@mantine/core'
import { IconDownload, IconHistory } from '@tabler/icons-react'
import { useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { AuditEvent, AuditFilter } from '../../src-main/contract/types.ts'
import { useClient } from '../api/context.tsx'
import { downloadFile } from '../components/download.ts'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'
import { AuditFilters } from './audit/AuditFilters.tsx'
import { ChainBadge } from './audit/ChainBadge.tsx'
import { EventDetail } from './audit/EventDetail.tsx'

const pageSize = 100

export function AuditPage() {
  const client = useClient()
  const [filter, setFilter] = useState<AuditFilter>({})
  const [range, setRange] = useState<[string | null, string | null]>([null, null])
  const [selected, setSelected] = useState<AuditEvent | null>(null)
  const events = useInfiniteQuery({
    queryKey: ['audit', 'list', filter],
    queryFn: ({ pageParam }) =>
      client.audit.list({ ...filter, limit: pageSize, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: (previous) => previous,
  })
  const exportTrail = useMutation({
    mutationFn: () => client.audit.export(filter),
    onSuccess: (file) => downloadFile({ ...file, mediaType: 'application/x-ndjson' }),
  })
  const filtered = Object.keys(filter).length > 0
  return (
    <>
      <PageHeader
        title="Audit"
        description="Everything done to your clients’ connections, in an append-only, tamper-evident trail."
        actions={
          <Group gap="sm">
            <ChainBadge />
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={exportTrail.isPending}
              onClick={() => exportTrail.mutate()}
            >
              Export JSON Lines
            </Button>
          </Group>
        }
      />
      {exportTrail.error && <ErrorAlert error={exportTrail.error} title="Could not export the trail" />}
      <QueryState query={events}>
        {(data) => {
          const rows = data.pages.flatMap((page) => page.events)
          const kinds = data.pages[0]?.kinds ?? []
          if (rows.length === 0 && !filtered && kinds.length === 0)
            return (
              <EmptyState icon={IconHistory} title="Nothing recorded yet">
                Every change — a connection created, a secret rotated, a sign-in, an export — will be recorded
                here with who did it and when. Secrets are never written to the trail.
              </EmptyState>
            )
          return (
            <>
              <AuditFilters
                filter={filter}
                range={range}
                kinds={kinds}
                onChange={(next, nextRange) => {
                  setFilter(next)
                  setRange(nextRange)
                }}
              />
              {rows.length === 0 ? (
                <Text c="dimmed" ta="center" py="xl">
                  No event matches these filters.
                </Text>
              ) : (
                <Table striped highlightOnHover aria-label="Audit events">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>#</Table.Th>
                      <Table.Th>When</Table.Th>
                      <Table.Th>Who</Table.Th>
                      <Table.Th>What</Table.Th>
                      <Table.Th>Target</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((event) => (
                      <Table.Tr
                        key={event.seq}
                        tabIndex={0}
                        style={{ cursor: 'pointer' }}
                        aria-label={`Event ${event.seq}: ${event.action}`}
                        onClick={() => setSelected(event)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault()
                            setSelected(event)
                          }
                        }}
                      >
                        <Table.Td>{event.seq}</Table.Td>
                        <Table.Td>{new Date(event.at).toLocaleString()}</Table.Td>
                        <Table.Td>
                          {event.actor}
                          <Text span c="dimmed" size="xs">
                            {' '}
                            · {event.host}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {event.action}
                          </Text>
                        </Table.Td>
                        <Table.Td>{event.target ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {events.hasNextPage && (
                <Group justify="center" mt="md">
                  <Button
                    variant="default"
                    loading={events.isFetchingNextPage}
                    onClick={() => void events.fetchNextPage()}
                  >
                    Load older events
                  </Button>
                </Group>
              )}
            </>
          )
        }}
      </QueryState>
      <EventDetail event={selected} onClose={() => setSelected(null)} />
    </>
  )
}
