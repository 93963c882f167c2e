// Step 3: the integration's settings, rendered from its configSchema (defaults and descriptions
// included), validated as fields are left and again by the core when saving.
import { Stack, Text } from '@mantine/core'
import { useMemo, type Ref } from 'react'
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import { issuesToErrorSchema } from '../../../forms/issues.ts'
import { hasFields, LazySchemaForm, untitled } from '../../../forms/LazySchemaForm.tsx'
import type { FormValues, SchemaFormHandle } from '../../../forms/SchemaForm.tsx'
import { IssuesAlert } from './IssuesAlert.tsx'

export function ConfigStep({
  definition,
  values,
  issues,
  handle,
  onChange,
}: {
  definition: IntegrationDefinition
  values: FormValues
  issues: ValidationIssue[]
  handle: Ref<SchemaFormHandle>
  onChange: (values: FormValues) => void
}) {
  const schema = useMemo(() => untitled(definition.configSchema), [definition.configSchema])
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, 'config'), [issues])
  if (!hasFields(schema)) {
    return (
      <Text size="sm" c="dimmed">
        {definition.name} needs no settings. Continue to its credentials.
      </Text>
    )
  }
  return (
    <Stack gap="sm" maw={720}>
      <Text size="sm" c="dimmed">
        How this connection to {definition.name} is set up. Settings are not secret: they are stored as they
        are.
      </Text>
      <IssuesAlert issues={issues} what="settings" />
      <LazySchemaForm
        schema={schema}
        formKey={`wizard-config-${definition.integrationId}`}
        formData={values}
        onChange={onChange}
        extraErrors={extraErrors}
        handle={handle}
      />
    </Stack>
  )
}
