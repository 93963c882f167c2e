// Step 5: everything chosen, in one place, with an optional id and label, before saving.
import { Badge, Code, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ClientView, ConnectionView } from '../../../../src-main/contract/types.ts'
import { jsonValues } from '../ConfigEditor.tsx'
import { EnvironmentBadge } from '../EnvironmentBadge.tsx'
import { clientSlug, defaultConnectionId } from '../names.ts'
import { secretFields } from '../SecretsForm.tsx'
import { asksForSecrets } from './CredentialsStep.tsx'
import type { StepErrors, WizardState } from './state.ts'
import { secretSchemaOf } from '../../../../src-main/contract/definition-defaults.ts'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={150} fw={500} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm" style={{ wordBreak: 'break-word' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  )
}

function SettingsSummary({ values }: { values: Record<string, unknown> }) {
  const entries = Object.entries(jsonValues(values))
  if (!entries.length)
    return (
      <Text span size="sm" c="dimmed">
        Defaults
      </Text>
    )
  return (
    <Stack gap={2}>
      {entries.map(([key, value]) => (
        <Text key={key} size="sm">
          <Code>{key}</Code> {typeof value === 'string' ? value : JSON.stringify(value)}
        </Text>
      ))}
    </Stack>
  )
}

function CredentialsSummary({
  definition,
  state,
}: {
  definition: IntegrationDefinition
  state: WizardState
}) {
  if (definition.authType === 'oauth2')
    return definition.oauth2Config?.grantType === 'client_credentials' ? (
      <>A token is fetched after saving</>
    ) : (
      <>Sign in with {definition.name} after saving</>
    )
  if (!asksForSecrets(definition)) return <>None needed</>
  if (state.skipSecrets) return <>Not entered: the connection will be disconnected until they are</>
  // Which fields were filled, never what was typed.
  return (
    <Group gap={4}>
      {secretFields(secretSchemaOf(definition))
        .filter(({ field }) => typeof state.secrets[field] === 'string' && state.secrets[field] !== '')
        .map(({ field, title }) => (
          <Badge key={field} variant="default" size="sm" tt="none">
            {title}: entered
          </Badge>
        ))}
    </Group>
  )
}

export function ReviewStep({
  definition,
  state,
  clients,
  connections,
  errors,
  onId,
  onLabel,
}: {
  definition: IntegrationDefinition
  state: WizardState
  clients: ClientView[]
  connections: ConnectionView[]
  errors: StepErrors
  onId: (id: string) => void
  onLabel: (label: string) => void
}) {
  const choice = state.client
  const existing = choice.mode === 'existing' ? clients.find((c) => c.id === choice.clientId) : undefined
  const clientName = choice.mode === 'new' ? choice.name.trim() : (existing?.name ?? '')
  // For a new client the core picks its id from the name (with a suffix if that is taken).
  const clientId = existing?.id ?? (choice.mode === 'new' ? clientSlug(choice.name) : null)
  const automaticId = clientId
    ? defaultConnectionId(definition.integrationId, clientId, state.environment)
    : null
  const taken = existing !== undefined && connections.some((c) => c.id === automaticId)
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Table
        variant="vertical"
        withTableBorder={false}
        layout="fixed"
        verticalSpacing={6}
        aria-label="Summary"
      >
        <Table.Tbody>
          <Row label="Integration">
            {definition.name}{' '}
            <Text span size="xs" c="dimmed">
              {definition.version}
            </Text>
          </Row>
          <Row label="Client">
            {clientName}
            {state.client.mode === 'new' && (
              <Badge ml={6} variant="light" size="xs">
                new
              </Badge>
            )}
          </Row>
          <Row label="Environment">
            <EnvironmentBadge environment={state.environment} />
          </Row>
          <Row label="Settings">
            <SettingsSummary values={state.config} />
          </Row>
          <Row label="Credentials">
            <CredentialsSummary definition={definition} state={state} />
          </Row>
          <Row label="Health check">
            {definition.healthCheck ? <Code>{definition.healthCheck.method}</Code> : 'None'}, runs once the
            runtime exists
          </Row>
        </Table.Tbody>
      </Table>
      <Stack gap="sm">
        <TextInput
          label="Connection id"
          description={
            taken && !state.id
              ? `${automaticId} is already taken: give this connection its own id.`
              : 'Optional. Scripts and the CLI refer to the connection by it; it cannot be changed later.'
          }
          placeholder={automaticId ?? ''}
          value={state.id}
          onChange={(event) => onId(event.currentTarget.value)}
          error={errors.id}
          spellCheck={false}
          autoComplete="off"
          maxLength={128}
        />
        <TextInput
          label="Label"
          description="Optional: tells this connection apart from others of the same service."
          placeholder={`e.g. ${definition.name} EU account`}
          value={state.label}
          onChange={(event) => onLabel(event.currentTarget.value)}
          error={errors.label}
          maxLength={120}
        />
      </Stack>
    </SimpleGrid>
  )
}
