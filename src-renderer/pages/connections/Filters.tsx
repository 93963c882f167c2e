// Narrow the list: one client, one environment, and a search over names, labels and ids.
import { CloseButton, Group, SegmentedControl, Select, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import type { ClientView, Environment } from '../../../src-main/contract/types.ts'

export interface ConnectionFilters {
  clientId: string | null
  environment: Environment | 'all'
  search: string
}

export const noFilters: ConnectionFilters = { clientId: null, environment: 'all', search: '' }

export const isFiltered = (filters: ConnectionFilters) =>
  filters.clientId !== null || filters.environment !== 'all' || filters.search.trim() !== ''

export function Filters({
  filters,
  clients,
  onChange,
}: {
  filters: ConnectionFilters
  clients: ClientView[]
  onChange: (filters: ConnectionFilters) => void
}) {
  return (
    <Group gap="sm" mb="md" wrap="wrap">
      <TextInput
        role="searchbox"
        aria-label="Search connections"
        placeholder="Search services, labels, ids…"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          filters.search ? (
            <CloseButton
              size="sm"
              aria-label="Clear the search text"
              onClick={() => onChange({ ...filters, search: '' })}
            />
          ) : null
        }
        value={filters.search}
        onChange={(event) => onChange({ ...filters, search: event.currentTarget.value })}
        style={{ flex: 1, minWidth: 220 }}
        autoComplete="off"
        spellCheck={false}
      />
      <Select
        aria-label="Client"
        placeholder="All clients"
        data={clients.map((client) => ({ value: client.id, label: client.name }))}
        value={filters.clientId}
        onChange={(clientId) => onChange({ ...filters, clientId })}
        clearable
        searchable
        w={220}
        comboboxProps={{ shadow: 'md' }}
      />
      <SegmentedControl
        aria-label="Environment"
        value={filters.environment}
        onChange={(environment) =>
          onChange({ ...filters, environment: environment as ConnectionFilters['environment'] })
        }
        data={[
          { value: 'all', label: 'All' },
          { value: 'sandbox', label: 'Sandbox' },
          { value: 'production', label: 'Production' },
        ]}
      />
    </Group>
  )
}

export function matches(
  connection: {
    integrationName: string
    integrationId: string
    label: string
    id: string
    clientName: string
    notes: string
  },
  search: string,
): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const text = [
    connection.integrationName,
    connection.integrationId,
    connection.label,
    connection.id,
    connection.clientName,
    connection.notes,
  ]
    .join(' ')
    .toLowerCase()
  return words.every((word) => text.includes(word))
}
