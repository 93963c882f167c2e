// The connection settings form, rendered from configSchema exactly as people will fill it in —
// here as a preview: nothing is saved and there is no submit.
import { Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import type { RJSFSchema } from '@rjsf/utils'
import { lazy, Suspense, useMemo } from 'react'

const SettingsForm = lazy(() => import('./SettingsForm.tsx'))

const hasFields = (schema: RJSFSchema) =>
  Object.keys(schema.properties ?? {}).length > 0 || Boolean(schema.oneOf ?? schema.anyOf ?? schema.allOf)

function FormSkeleton() {
  return (
    <Stack gap="xs" aria-label="Loading the form" role="status">
      <Skeleton h={14} w="40%" />
      <Skeleton h={36} />
    </Stack>
  )
}

export function ConfigPreview({ schema, formKey }: { schema: object; formKey: string }) {
  // The card has its own title; the schema's would repeat it.
  const shown = useMemo(
    () => ({ ...(schema as RJSFSchema), title: undefined, description: undefined }),
    [schema],
  )
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
        <Suspense fallback={<FormSkeleton />}>
          <SettingsForm key={formKey} schema={shown} formKey={formKey} />
        </Suspense>
      ) : (
        <Text size="sm" c="dimmed">
          This integration needs no settings.
        </Text>
      )}
    </Card>
  )
}
