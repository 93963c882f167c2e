// The trail's filters: client, connection (of that client), kind of event and a time range.
import { Button, Group, Select } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import '@mantine/dates/styles.css'
import { IconCalendar, IconX } from '@tabler/icons-react'
import type { AuditFilter } from '../../../src-main/contract/types.ts'
import { useClients, useConnections } from '../connections/queries.ts'

type Range = [string | null, string | null]

/** The end of the day a date names, so a range "to 1 Dec" includes everything on 1 Dec. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999`).toISOString()
const startOfDay = (day: string) => new Date(`${day}T00:00:00`).toISOString()

export function AuditFilters({
  filter,
  range,
  kinds,
  onChange,
}: {
  filter: AuditFilter
  range: Range
  kinds: string[]
  onChange: (filter: AuditFilter, range: Range) => void
}) {
  const clients = useClients()
  const connections = useConnections()
  const set = (changes: Partial<AuditFilter>, nextRange: Range = range) => {
    const next = { ...filter, ...changes }
    for (const key of Object.keys(next) as (keyof AuditFilter)[]) if (!next[key]) delete next[key]
    onChange(next, nextRange)
  }
  const families = [...new Set(kinds.map((kind) => kind.split('.')[0] ?? kind))]
  const kindOptions = [
    { group: 'Families', items: families.map((family) => ({ value: family, label: `${family}.*` })) },
    { group: 'Events', items: kinds },
  ]
  const connectionOptions = (connections.data ?? [])
    .filter((c) => !filter.clientId || c.clientId === filter.clientId)
    .map((c) => ({ value: c.id, label: `${c.integrationName} · ${c.environment} (${c.clientName})` }))
  const active = Object.keys(filter).length > 0 || range[0] !== null
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <Select
        label="Client"
        placeholder="All clients"
        clearable
        searchable
        w={200}
        data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={filter.clientId ?? null}
        onChange={(value) => set({ clientId: value ?? undefined, connectionId: undefined })}
      />
      <Select
        label="Connection"
        placeholder="All connections"
        clearable
        searchable
        w={260}
        data={connectionOptions}
        value={filter.connectionId ?? null}
        onChange={(value) => set({ connectionId: value ?? undefined })}
      />
      <Select
        label="Kind"
        placeholder="All kinds"
        clearable
        searchable
        w={220}
        data={kindOptions}
        value={filter.kind ?? null}
        onChange={(value) => set({ kind: value ?? undefined })}
      />
      <DatePickerInput
        type="range"
        label="When"
        placeholder="Any time"
        clearable
        allowSingleDateInRange
        leftSection={<IconCalendar size={16} aria-hidden />}
        w={260}
        value={range}
        onChange={(value) => {
          const [from, to] = value as Range
          set({ since: from ? startOfDay(from) : undefined, until: to ? endOfDay(to) : undefined }, [
            from,
            to,
          ])
        }}
      />
      {active && (
        <Button
          variant="subtle"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={() => onChange({}, [null, null])}
        >
          Clear filters
        </Button>
      )}
    </Group>
  )
}
