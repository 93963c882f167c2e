// The definition's methods: name, id, kind, HTTP verb and path, capability; each expands to its
// description, scopes and input and output schemas.
import { Accordion, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { MethodDefinition } from '../../../src-main/contract/definition-format.ts'
import { KindBadge, VerbBadge } from './badges.tsx'
import { SchemaView } from './SchemaView.tsx'

function MethodSummary({ method, need }: { method: MethodDefinition; need: string | null }) {
  return (
    <Stack gap={4} miw={0}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {method.name}
        </Text>
        <KindBadge kind={method.kind} />
        {method.capability && (
          <Badge variant="outline" color="indigo" size="sm" tt="none">
            {method.capability}
          </Badge>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap" miw={0}>
        {need && (
          <Badge color="orange" variant="light" size="sm" tt="none" title={need} style={{ flexShrink: 0 }}>
            Needs an endpoint
          </Badge>
        )}
        {method.http ? (
          <>
            <VerbBadge verb={method.http.method} />
            <Text size="sm" ff="monospace" truncate="end">
              {method.http.path}
            </Text>
          </>
        ) : need ? null : (
          <Text size="sm" c="dimmed">
            Runs in a code connector
          </Text>
        )}
        <Text size="xs" c="dimmed" ff="monospace" truncate="end" style={{ flexShrink: 0 }}>
          {method.id}
        </Text>
      </Group>
    </Stack>
  )
}

function MethodDetails({ method }: { method: MethodDefinition }) {
  const pagination = method.http?.pagination
  return (
    <Stack gap="md">
      {method.description && <Text size="sm">{method.description}</Text>}
      {(method.scopes?.length || pagination || method.idempotent !== undefined) && (
        <Group gap="lg">
          {method.scopes && method.scopes.length > 0 && (
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                Scopes
              </Text>
              {method.scopes.map((scope) => (
                <Badge key={scope} size="sm" variant="default" tt="none">
                  {scope}
                </Badge>
              ))}
            </Group>
          )}
          {pagination && (
            <Text size="xs" c="dimmed">
              Paginated ({pagination.style})
            </Text>
          )}
          {method.idempotent !== undefined && (
            <Text size="xs" c="dimmed">
              {method.idempotent ? 'Idempotent: safe to retry' : 'Not idempotent: never retried'}
            </Text>
          )}
        </Group>
      )}
      <SchemaView title="Input" schema={method.inputSchema} emptyText="Takes no input." />
      <SchemaView title="Output" schema={method.outputSchema} emptyText="No fields described." />
    </Stack>
  )
}

export function MethodList({
  methods,
  needOf = () => null,
}: {
  methods: MethodDefinition[]
  /** Why a method cannot be called as defined (no endpoint), or null. */
  needOf?: (method: MethodDefinition) => string | null
}) {
  const [open, setOpen] = useState<string[]>([])
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    if (!words.length) return methods
    return methods.filter((method) => {
      const text =
        `${method.name} ${method.id} ${method.capability ?? ''} ${method.http?.method ?? ''} ${method.http?.path ?? ''}`.toLowerCase()
      return words.every((word) => text.includes(word))
    })
  }, [methods, filter])
  const allOpen = shown.length > 0 && shown.every((method) => open.includes(method.id))
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        {methods.length > 8 ? (
          <TextInput
            size="xs"
            w={260}
            placeholder="Filter methods"
            aria-label="Filter methods"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
          />
        ) : (
          <span />
        )}
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setOpen(allOpen ? [] : shown.map((method) => method.id))}
        >
          {allOpen ? 'Collapse all' : 'Expand all'}
        </Button>
      </Group>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed">
          No method matches “{filter}”.
        </Text>
      )}
      <Accordion multiple variant="separated" value={open} onChange={setOpen} chevronPosition="right">
        {shown.map((method) => (
          <Accordion.Item key={method.id} value={method.id}>
            <Accordion.Control>
              <MethodSummary method={method} need={needOf(method)} />
            </Accordion.Control>
            <Accordion.Panel>
              {/* Rendered only while open: an OpenAPI import can bring hundreds of methods. */}
              {open.includes(method.id) && <MethodDetails method={method} />}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  )
}
