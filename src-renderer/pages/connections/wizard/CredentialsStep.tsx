// Step 4: the credentials, from the definition's secretSchema, in password fields. They go to the
// vault when the connection is saved and are never shown again, only a masked hint. OAuth 2.0
// services sign in once the connection is saved (its tokens belong to it): this step says so.
import { Alert, Checkbox, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconBrowser, IconLock } from '@tabler/icons-react'
import { useMemo, type Ref } from 'react'
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import { issuesToErrorSchema } from '../../../forms/issues.ts'
import type { FormValues, SchemaFormHandle } from '../../../forms/SchemaForm.tsx'
import { secretFields, SecretsForm } from '../SecretsForm.tsx'
import { IssuesAlert } from './IssuesAlert.tsx'
import { secretSchemaOf } from '../../../../src-main/contract/definition-defaults.ts'
import { environmentMismatches } from '../../../../src-main/contract/secret-environment.ts'
import type { Environment } from '../../../../src-main/contract/types.ts'

/** Whether the wizard asks for credentials at all (OAuth 2.0 signs in after saving; some need none). */
export const asksForSecrets = (definition: IntegrationDefinition) =>
  definition.authType !== 'oauth2' && secretFields(secretSchemaOf(definition)).length > 0

export function CredentialsStep({
  definition,
  values,
  skip,
  issues,
  handle,
  onChange,
  onSkip,
  environment,
  confirmEnvironment,
  onConfirmEnvironment,
}: {
  definition: IntegrationDefinition
  environment: Environment
  confirmEnvironment: boolean
  onConfirmEnvironment: (confirmed: boolean) => void
  values: FormValues
  skip: boolean
  issues: ValidationIssue[]
  handle: Ref<SchemaFormHandle>
  onChange: (values: FormValues) => void
  onSkip: (skip: boolean) => void
}) {
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, 'secrets'), [issues])
  const mismatches = skip
    ? []
    : environmentMismatches(definition, environment, values as Record<string, string> | undefined)
  if (definition.authType === 'oauth2') {
    const clientCredentials = definition.oauth2Config?.grantType === 'client_credentials'
    return (
      <Alert
        color="indigo"
        variant="light"
        icon={<IconBrowser size={18} aria-hidden />}
        title={clientCredentials ? 'A token after saving' : 'Sign-in happens after saving'}
        maw={720}
      >
        <Stack gap={6}>
          <Text size="sm">
            {definition.name} uses OAuth 2.0, and its tokens belong to the connection: save it first.
          </Text>
          <Text size="sm">
            {clientCredentials
              ? `Then Switchboard gets a token from ${definition.name} with your OAuth app’s client id and secret.`
              : `Then you sign in to ${definition.name} in your browser, with your own OAuth app (its client id, and secret if it has one).`}{' '}
            Until then the connection stays <strong>disconnected</strong>.
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
          schema={secretSchemaOf(definition)}
          formKey={`wizard-secrets-${definition.integrationId}`}
          values={values}
          onChange={onChange}
          extraErrors={extraErrors}
          handle={handle}
        />
      )}
      {mismatches.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={`Is this a ${environment} key?`}
        >
          <Stack gap={6}>
            {mismatches.map((issue) => (
              <Text size="sm" key={issue.path}>
                {issue.message}
              </Text>
            ))}
            {environment === 'production' && (
              <Checkbox
                label="Use it on this production connection anyway"
                checked={confirmEnvironment}
                onChange={(event) => onConfirmEnvironment(event.currentTarget.checked)}
              />
            )}
          </Stack>
        </Alert>
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
