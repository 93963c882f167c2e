// Step 3: the integration's settings, rendered from its configSchema (defaults and descriptions
// included), validated as fields are left and again by the core when saving.
import { Stack, Text } from '@mantine/core'
import { useMemo, type Ref } from 'react'
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import { issuesToErrorSchema } from '../../../forms/issues.ts'
import { hasFields, LazySchemaForm, untitled } from '../../../forms/LazySchemaForm.tsx'
import type { FormValues, SchemaFormHandle } from '../../../forms/SchemaForm.tsx'
import { beforeSignIn, choiceFields, fieldTitle } from '../setup/choice-fields.ts'
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
  // Fields filled after sign-in (Xero's organisation…) are picked on the test step, once signed in.
  const schema = useMemo(() => beforeSignIn(untitled(definition.configSchema), definition), [definition])
  const later = choiceFields(definition).map((field) => fieldTitle(definition, field))
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, 'config'), [issues])
  const laterNote = later.length > 0 && (
    <Text size="sm" c="dimmed">
      {later.join(', ')} {later.length === 1 ? 'is' : 'are'} chosen after saving, once the connection is
      signed in.
    </Text>
  )
  if (!hasFields(schema)) {
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {definition.name} needs no settings now. Continue to its credentials.
        </Text>
        {laterNote}
      </Stack>
    )
  }
  return (
    <Stack gap="sm" maw={720}>
      <Text size="sm" c="dimmed">
        How this connection to {definition.name} is set up. Settings are not secret: they are stored as they
        are.
      </Text>
      {laterNote}
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
