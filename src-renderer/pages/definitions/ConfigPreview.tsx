// The connection settings form, rendered from configSchema exactly as people will fill it in —
// here as a preview: nothing is saved and there is no submit.
import { Badge, Card, Group, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { hasFields, LazySchemaForm, untitled } from '../../forms/LazySchemaForm.tsx'

export function ConfigPreview({ schema, formKey }: { schema: object; formKey: string }) {
  // The card has its own title; the schema's would repeat it.
  const shown = useMemo(() => untitled(schema), [schema])
  return (
    <Card withBorder padding="lg" component="section" aria-label="Connection settings preview">
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h4">
          Connection settings
        </Title>
        <Badge variant="default" tt="none">
          Preview only
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        The form people fill in when they connect a client. Try it here; nothing is saved.
      </Text>
      {hasFields(shown) ? (
        <LazySchemaForm key={formKey} schema={shown} formKey={`config-${formKey}`} />
      ) : (
        <Text size="sm" c="dimmed">
          This integration needs no settings.
        </Text>
      )}
    </Card>
  )
}
