// Client → connection → method: three selects, each narrowing the next. The connection list shows the
// environment and status, so a production connection is never picked by mistake.
import { Group, Select, Text, type ComboboxItem, type SelectProps } from '@mantine/core'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import type { ClientView, ConnectionView } from '../../../src-main/contract/types.ts'
import { methodKind } from './method-kind.ts'

export interface Selection {
  clientId: string | null
  connectionId: string | null
  methodId: string | null
}

const comboboxProps = { shadow: 'md', withinPortal: true } as const

type ConnectionItem = ComboboxItem & { environment: string; status: string }

const renderConnection: SelectProps['renderOption'] = ({ option }) => {
  const item = option as ConnectionItem
  return (
    <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
      <Text size="sm" truncate>
        {item.label}
      </Text>
      <Text size="xs" c={item.environment === 'production' ? 'red' : 'dimmed'} fw={500} tt="uppercase">
        {item.environment}
      </Text>
    </Group>
  )
}

export function Pickers({
  clients,
  connections,
  definition,
  selection,
  onChange,
}: {
  clients: ClientView[]
  connections: ConnectionView[]
  /** The selected connection's pinned definition, once loaded. */
  definition: IntegrationDefinition | undefined
  selection: Selection
  onChange: (selection: Selection) => void
}) {
  const ofClient = connections.filter((c) => c.clientId === selection.clientId)
  const connectionData: ConnectionItem[] = ofClient.map((c) => ({
    value: c.id,
    label: c.label ? `${c.label} (${c.integrationName})` : c.integrationName,
    environment: c.environment,
    status: c.status,
  }))
  const methodGroups = definition ? methodOptions(definition) : []
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Client"
        placeholder={clients.length ? 'Choose a client' : 'No clients yet'}
        data={clients.map((c) => ({ value: c.id, label: c.name }))}
        value={selection.clientId}
        onChange={(clientId) => {
          const only = connections.filter((c) => c.clientId === clientId)
          // A client with one connection: pick it, one click fewer.
          onChange({
            clientId,
            connectionId: only.length === 1 ? (only[0]?.id ?? null) : null,
            methodId: null,
          })
        }}
        searchable
        nothingFoundMessage="No client matches"
        comboboxProps={comboboxProps}
        w={220}
        disabled={clients.length === 0}
      />
      <Select
        label="Connection"
        placeholder={selection.clientId && !ofClient.length ? 'This client has none' : 'Choose a connection'}
        data={connectionData}
        renderOption={renderConnection}
        value={selection.connectionId}
        onChange={(connectionId) => onChange({ ...selection, connectionId, methodId: null })}
        searchable
        nothingFoundMessage="No connection matches"
        comboboxProps={comboboxProps}
        w={300}
        disabled={!selection.clientId || ofClient.length === 0}
      />
      <Select
        label="Method"
        placeholder={selection.connectionId && !definition ? 'Loading methods…' : 'Choose a method'}
        data={methodGroups}
        value={selection.methodId}
        onChange={(methodId) => onChange({ ...selection, methodId })}
        searchable
        nothingFoundMessage="No method matches"
        comboboxProps={comboboxProps}
        maxDropdownHeight={360}
        w={340}
        disabled={!definition}
      />
    </Group>
  )
}

/** Methods grouped by what they do (read, write, delete), in the definition's order within each. */
export function methodOptions(definition: IntegrationDefinition) {
  const groups: Record<string, { value: string; label: string }[]> = {}
  for (const method of definition.methods) {
    const kind = methodKind(method)
    const label = `${method.name} · ${method.id}`
    ;(groups[kind] ??= []).push({ value: method.id, label })
  }
  const names: Record<string, string> = { read: 'Read', write: 'Write', delete: 'Delete' }
  return ['read', 'write', 'delete']
    .filter((kind) => groups[kind]?.length)
    .map((kind) => ({ group: names[kind] ?? kind, items: groups[kind] ?? [] }))
}
