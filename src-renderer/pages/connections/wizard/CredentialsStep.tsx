// Step 4: the credentials, from the definition's secretSchema, in password fields. They go to the
// vault when the connection is saved and are never shown again, only a masked hint. OAuth 2.0
// services sign in in the browser, which comes with the sign-in feature: a placeholder for now.
import { Alert, Checkbox, Stack, Text } from '@mantine/core'
import { IconBrowser, IconLock } from '@tabler/icons-react'
import { useMemo, type Ref } from 'react'
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import { issuesToErrorSchema } from '../../../forms/issues.ts'
import type { FormValues, SchemaFormHandle } from '../../../forms/SchemaForm.tsx'
import { secretFields, SecretsForm } from '../SecretsForm.tsx'
import { IssuesAlert } from './IssuesAlert.tsx'

/** Whether the wizard asks for credentials at all (OAuth 2.0 signs in later; some need none). */
export const asksForSecrets = (definition: IntegrationDefinition) =>
  definition.authType !== 'oauth2' && secretFields(definition.secretSchema).length > 0

export function CredentialsStep({
  definition,
  values,
  skip,
  issues,
  handle,
  onChange,
  onSkip,
}: {
  definition: IntegrationDefinition
  values: FormValues
  skip: boolean
  issues: ValidationIssue[]
  handle: Ref<SchemaFormHandle>
  onChange: (values: FormValues) => void
  onSkip: (skip: boolean) => void
}) {
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, 'secrets'), [issues])
  if (definition.authType === 'oauth2') {
    const fields = secretFields(definition.secretSchema)
    return (
      <Alert
        color="indigo"
        variant="light"
        icon={<IconBrowser size={18} aria-hidden />}
        title="Sign-in comes later"
        maw={720}
      >
        <Stack gap={6}>
          <Text size="sm">
            {definition.name} uses OAuth 2.0: you will sign in to {definition.name} in your browser. That
            comes with Switchboard’s sign-in feature, which is not here yet.
          </Text>
          <Text size="sm">
            You can still save this connection now. It will be <strong>disconnected</strong> until it is
            signed in
            {fields.length
              ? `; its app credentials (${fields.map((field) => field.title).join(', ')}) can be entered on the connection’s page`
              : ''}
            .
          </Text>
        </Stack>
      </Alert>
    )
  }
  if (!asksForSecrets(definition)) {
    return (
      <Text size="sm" c="dimmed">
        {definition.name} needs no credentials.
      </Text>
    )
  }
  return (
    <Stack gap="sm" maw={720}>
      <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} role="note">
        Encrypted in your vault when you save. Switchboard never shows them again — only a masked hint such as
        “sk_live_…4242”.
      </Alert>
      <IssuesAlert issues={issues} what="credentials" />
      {!skip && (
        <SecretsForm
          schema={definition.secretSchema}
          formKey={`wizard-secrets-${definition.integrationId}`}
          values={values}
          onChange={onChange}
          extraErrors={extraErrors}
          handle={handle}
        />
      )}
      <Checkbox
        label="Enter them later"
        description="Save the connection without credentials; it stays disconnected until they are entered on its page."
        checked={skip}
        onChange={(event) => onSkip(event.currentTarget.checked)}
      />
    </Stack>
  )
}
