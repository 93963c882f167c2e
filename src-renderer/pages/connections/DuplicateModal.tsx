// Duplicate a connection to the other environment: same settings, no credentials (production needs
// its own), then the offer to enter them right away.
import { Alert, Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { IconCopy, IconCircleCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { DefinitionLoader } from './DefinitionLoader.tsx'
import { EnvironmentBadge } from './EnvironmentBadge.tsx'
import { connectionIdProblem, connectionName, defaultConnectionId, otherEnvironment } from './names.ts'
import { useRefreshConnections } from './queries.ts'
import { RotateSecretForm } from './RotateSecretForm.tsx'
import { secretFields } from './SecretsForm.tsx'
import { secretSchemaOf } from '../../../src-main/contract/definition-defaults.ts'

function DuplicateForm({
  source,
  onCreated,
  onCancel,
}: {
  source: ConnectionView
  onCreated: (c: ConnectionView) => void
  onCancel: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const target = otherEnvironment(source.environment)
  const [id, setId] = useState('')
  const [label, setLabel] = useState(source.label)
  const [idError, setIdError] = useState<string | null>(null)
  const duplicate = useMutation({
    mutationFn: () =>
      client.connections.duplicate({
        id: source.id,
        environment: target,
        ...(id.trim() ? { newId: id.trim() } : {}),
        label: label.trim(),
      }),
    onSuccess: async (created) => {
      await refresh()
      onCreated(created)
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT')
        setIdError(
          id.trim()
            ? `A connection “${id.trim()}” already exists: choose another id.`
            : `A connection “${defaultConnectionId(source.integrationId, source.clientId, target)}” already exists: give this copy its own id.`,
        )
      else if (error instanceof ApiError) {
        const issue = error.details?.issues?.find((i) => i.path === 'newId' || i.path === 'id')
        if (issue) setIdError(`The id ${issue.message}.`)
      }
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problem = connectionIdProblem(id.trim())
    setIdError(problem)
    if (!problem) duplicate.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" component="div">
          Creates a <EnvironmentBadge environment={target} size="xs" /> connection of {source.integrationName}{' '}
          for <strong>{source.clientName}</strong> with the same settings as <Code>{source.id}</Code>.
          Credentials are not copied — {target} needs its own — and you can enter them next.
        </Text>
        <TextInput
          label="Connection id"
          description="Leave empty for the usual id."
          placeholder={defaultConnectionId(source.integrationId, source.clientId, target)}
          value={id}
          onChange={(event) => {
            setId(event.currentTarget.value)
            setIdError(null)
          }}
          error={idError}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          label="Label"
          description="Optional: tells this connection apart from others of the same service."
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          maxLength={120}
        />
        {duplicate.error && !idError && (
          <ErrorAlert title="The copy was not created" error={duplicate.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            color={target === 'production' ? 'red' : undefined}
            loading={duplicate.isPending}
            leftSection={<IconCopy size={16} aria-hidden />}
          >
            Create {target} copy
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function Created({ created, onClose }: { created: ConnectionView; onClose: () => void }) {
  return (
    <Stack>
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} aria-hidden />}
        title="Copy created"
      >
        <Group gap={6}>
          <Code>{created.id}</Code>
          <EnvironmentBadge environment={created.environment} size="xs" />
          <Text size="sm">has the same settings and no credentials yet.</Text>
        </Group>
      </Alert>
      <DefinitionLoader integrationId={created.integrationId} version={created.definitionVersion}>
        {(definition) =>
          definition.authType === 'oauth2' ? (
            <Stack>
              <Text size="sm">
                {definition.name} signs in with OAuth: the copy has no tokens and stays disconnected until it
                is signed in on its page.
              </Text>
              <Group justify="flex-end">
                <Button onClick={onClose}>Done</Button>
              </Group>
            </Stack>
          ) : secretFields(secretSchemaOf(definition)).length ? (
            <Stack gap="xs">
              <Text fw={600} size="sm">
                Enter its credentials now?
              </Text>
              <RotateSecretForm
                connection={created}
                definition={definition}
                onDone={onClose}
                onCancel={onClose}
                cancelLabel="Later"
              />
            </Stack>
          ) : (
            <Group justify="flex-end">
              <Button onClick={onClose}>Done</Button>
            </Group>
          )
        }
      </DefinitionLoader>
    </Stack>
  )
}

export function DuplicateModal({ source, onClose }: { source: ConnectionView | null; onClose: () => void }) {
  const [created, setCreated] = useState<ConnectionView | null>(null)
  const close = () => {
    setCreated(null)
    onClose()
  }
  const title = source
    ? created
      ? `Credentials for ${connectionName(created)} (${created.environment})`
      : `Duplicate ${connectionName(source)} to ${otherEnvironment(source.environment)}`
    : ''
  return (
    <Modal opened={source !== null} onClose={close} title={title} size="lg">
      {source &&
        (created ? (
          <Created created={created} onClose={close} />
        ) : (
          <DuplicateForm key={source.id} source={source} onCreated={setCreated} onCancel={close} />
        ))}
    </Modal>
  )
}
