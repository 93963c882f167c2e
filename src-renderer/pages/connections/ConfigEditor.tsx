// A connection's settings, editable: the configSchema form, saved with connections.updateConfig; the
// core's objections appear on the fields they name.
import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { issuesToErrorSchema, issuesUnder } from '../../forms/issues.ts'
import { hasFields, LazySchemaForm, untitled } from '../../forms/LazySchemaForm.tsx'
import type { FormValues, SchemaFormHandle } from '../../forms/SchemaForm.tsx'
import { useRefreshConnections } from './queries.ts'

/** Plain JSON: what the core stores (RJSF keeps undefined for emptied fields). */
export const jsonValues = (values: FormValues): FormValues => JSON.parse(JSON.stringify(values)) as FormValues

export function ConfigEditor({
  connection,
  definition,
  onSaved,
  onCancel,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  onSaved?: (saved: ConnectionView) => void
  onCancel?: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const schema = useMemo(() => untitled(definition.configSchema), [definition.configSchema])
  const [values, setValues] = useState<FormValues>(connection.config)
  const [dirty, setDirty] = useState(false)
  const form = useRef<SchemaFormHandle>(null)
  const save = useMutation({
    mutationFn: () => client.connections.updateConfig({ id: connection.id, config: jsonValues(values) }),
    onSuccess: async (saved) => {
      setDirty(false)
      await refresh()
      onSaved?.(saved)
    },
  })
  const issues = save.error instanceof ApiError ? (save.error.details?.issues ?? []) : []
  const fieldIssues = issuesUnder(issues, 'config')
  const extraErrors = useMemo(() => issuesToErrorSchema(fieldIssues, 'config'), [fieldIssues])

  if (!hasFields(schema)) {
    return (
      <Text size="sm" c="dimmed">
        {definition.name} needs no settings.
      </Text>
    )
  }
  const submit = () => {
    if (form.current?.validate()) save.mutate()
  }
  return (
    <Stack gap="sm">
      {definition.version !== connection.definitionVersion && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} aria-hidden />}>
          The form follows {definition.name} {definition.version}; this connection still uses{' '}
          {connection.definitionVersion}, whose rules the settings are checked against when saved.
        </Alert>
      )}
      <LazySchemaForm
        schema={schema}
        formKey={`settings-${connection.id}`}
        formData={values}
        onChange={(next) => {
          setValues(next)
          setDirty(true)
          if (save.error) save.reset()
        }}
        extraErrors={extraErrors}
        disabled={save.isPending}
        handle={form}
      />
      {save.error && (
        <ErrorAlert
          title={fieldIssues.length ? 'Fix the settings marked above' : 'The settings were not saved'}
          error={save.error}
        />
      )}
      <Group justify="flex-end" gap="xs">
        {onCancel ? (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        ) : (
          dirty && (
            <Button
              variant="default"
              onClick={() => {
                setValues(connection.config)
                setDirty(false)
                save.reset()
              }}
            >
              Discard changes
            </Button>
          )
        )}
        <Button
          onClick={submit}
          loading={save.isPending}
          disabled={!dirty && !onCancel}
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        >
          Save settings
        </Button>
      </Group>
    </Stack>
  )
}
