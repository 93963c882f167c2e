// Enter (or replace) a connection's credentials: the whole payload per secretSchema, sent once to
// connections.rotateSecret and then forgotten by the form.
import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconKey } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { issuesToErrorSchema, issuesUnder, withoutEmpty } from '../../forms/issues.ts'
import type { FormValues, SchemaFormHandle } from '../../forms/SchemaForm.tsx'
import { useRefreshConnections } from './queries.ts'
import { secretFields, SecretsForm } from './SecretsForm.tsx'
import { VaultDialog } from './VaultDialogs.tsx'
import { useVaultPrompt } from './VaultGate.tsx'
import { secretSchemaOf } from '../../../src-main/contract/definition-defaults.ts'

export function RotateSecretForm({
  connection,
  definition,
  onDone,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  onDone: (saved: ConnectionView) => void
  onCancel: () => void
  cancelLabel?: string
}) {
  const client = useClient()
  const vault = useVaultPrompt({ autoOpen: false })
  const refresh = useRefreshConnections()
  const [values, setValues] = useState<FormValues>({})
  const form = useRef<SchemaFormHandle>(null)
  const rotate = useMutation({
    mutationFn: () =>
      client.connections.rotateSecret({
        id: connection.id,
        secrets: withoutEmpty(values as Record<string, string | undefined>),
      }),
    onSuccess: async (saved) => {
      // Forget the typed values at once; only the masked hints come back.
      setValues({})
      await refresh()
      onDone(saved)
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'LOCKED') vault.open()
    },
  })
  const issues = rotate.error instanceof ApiError ? (rotate.error.details?.issues ?? []) : []
  const fieldIssues = issuesUnder(issues, 'secrets')
  const extraErrors = useMemo(() => issuesToErrorSchema(fieldIssues, 'secrets'), [fieldIssues])
  const fields = secretFields(secretSchemaOf(definition))
  const submit = () => {
    if (vault.needed) vault.open()
    else if (form.current?.validate()) rotate.mutate()
  }
  if (!fields.length) {
    return (
      <Text size="sm" c="dimmed">
        {definition.name} needs no credentials.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      {connection.secrets.length > 0 && (
        <Text size="sm" c="dimmed">
          Every credential is replaced: enter all of them. The old values are destroyed once the new ones are
          stored.
        </Text>
      )}
      {vault.needed && (
        <Alert color="orange" variant="light">
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              The vault must be {vault.status?.state === 'uninitialized' ? 'set up' : 'unlocked'} before
              credentials can be stored.
            </Text>
            <Button size="xs" variant="light" color="orange" onClick={vault.open}>
              {vault.status?.state === 'uninitialized' ? 'Set up the vault' : 'Unlock'}
            </Button>
          </Group>
        </Alert>
      )}
      <SecretsForm
        schema={secretSchemaOf(definition)}
        formKey={`secrets-${connection.id}`}
        values={values}
        onChange={(next) => {
          setValues(next)
          if (rotate.error) rotate.reset()
        }}
        extraErrors={extraErrors}
        disabled={rotate.isPending}
        handle={form}
      />
      {rotate.error && (
        <ErrorAlert
          title={fieldIssues.length ? 'Fix the credentials marked above' : 'The credentials were not stored'}
          error={rotate.error}
        />
      )}
      <VaultDialog status={vault.status} opened={vault.opened} onClose={vault.close} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button onClick={submit} loading={rotate.isPending} leftSection={<IconKey size={16} aria-hidden />}>
          Save credentials
        </Button>
      </Group>
    </Stack>
  )
}
