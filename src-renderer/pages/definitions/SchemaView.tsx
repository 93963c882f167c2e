// One JSON Schema, readable: a property table (nested fields indented) with a toggle to the raw JSON.
import { Badge, Code, Group, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { useMemo, useState } from 'react'
import { schemaRows, schemaRules, typeLabel } from './schema-rows.ts'

type View = 'fields' | 'json'

export function SchemaView({
  title,
  schema,
  emptyText = 'No fields.',
}: {
  title: string
  schema: object
  /** Shown for an object without properties. */
  emptyText?: string
}) {
  const [view, setView] = useState<View>('fields')
  const rows = useMemo(() => schemaRows(schema), [schema])
  const rules = useMemo(() => schemaRules(schema), [schema])
  const json = useMemo(() => JSON.stringify(schema, null, 2), [schema])
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={`${title} view`}
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'fields', label: 'Fields' },
            { value: 'json', label: 'JSON' },
          ]}
        />
      </Group>
      {view === 'json' ? (
        <ScrollArea.Autosize mah={360} type="auto">
          <Code block fz="xs">
            {json}
          </Code>
        </ScrollArea.Autosize>
      ) : (
        <>
          {(rows.length ? rules : []).map((rule) => (
            <Text key={rule} size="xs" c="dimmed">
              {rule}
            </Text>
          ))}
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              {typeLabel(schema) === 'object' || typeLabel(schema) === 'any'
                ? emptyText
                : `A value of type ${typeLabel(schema)}.`}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder verticalSpacing={6} fz="sm" layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="30%">Field</Table.Th>
                    <Table.Th w="20%">Type</Table.Th>
                    <Table.Th w={96}>Required</Table.Th>
                    <Table.Th>Description</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.key}>
                      <Table.Td>
                        <Text
                          size="sm"
                          ff="monospace"
                          style={{ paddingLeft: row.depth * 16, wordBreak: 'break-word' }}
                        >
                          {row.depth > 0 && (
                            <Text span c="dimmed" aria-hidden>
                              └{' '}
                            </Text>
                          )}
                          {row.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-word' }}>
                          {row.type}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {row.required ? (
                          <Badge size="xs" color="red" variant="light">
                            required
                          </Badge>
                        ) : (
                          <Text size="xs" c="dimmed">
                            optional
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {row.description && <Text size="sm">{row.description}</Text>}
                          {row.notes.length > 0 && (
                            <Group gap={4}>
                              {row.notes.map((note) => (
                                <Code key={note} fz="xs" style={{ overflowWrap: 'anywhere' }}>
                                  {note}
                                </Code>
                              ))}
                            </Group>
                          )}
                          {!row.description && row.notes.length === 0 && (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  )
}
