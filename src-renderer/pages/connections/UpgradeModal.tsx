// Moving a connection to the newest installed version of its definition: first the plan (what
// changes in the settings, what would no longer be valid, and which endpoints move to another host)
// with the new version's settings form, filled in with the current settings — a setting the new
// version requires is entered right here — then Apply, which saves those settings with the upgrade
// and, when endpoints move, waits for the person to confirm the new hosts.
import { useMemo, useRef, useState, type Ref } from 'react'
import {
  Alert,
  Badge,
  Button,
  Center,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { IconArrowUpCircle } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { ValidationIssue } from '../../../src-main/contract/errors.ts'
import type {
  ConfigChange,
  ConnectionView,
  EndpointChange,
  UpgradePlan,
} from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { IssueList } from '../../components/IssueList.tsx'
import { issuesAfterEdit, issuesToErrorSchema, issuesUnder } from '../../forms/issues.ts'
import { hasFields, LazySchemaForm, untitled } from '../../forms/LazySchemaForm.tsx'
import type { FormValues, SchemaFormHandle } from '../../forms/SchemaForm.tsx'
import { useDefinition } from '../definitions/queries.ts'
import { jsonValues } from './ConfigEditor.tsx'
import { useRefreshConnections } from './queries.ts'

const changeColours: Record<ConfigChange['change'], string> = {
  added: 'teal',
  removed: 'red',
  changed: 'blue',
}

function EndpointMoves({ changes }: { changes: EndpointChange[] }) {
  return (
    <Alert color="red" variant="light" title="Endpoints move to other hosts">
      <Stack gap={6}>
        <Text size="sm">
          After the upgrade, sign-in, token refresh or requests go to these hosts: tokens, client secrets and
          API keys are sent there.
        </Text>
        <Table verticalSpacing={4} aria-label="Endpoints that move">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Endpoint</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.path}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td fz="sm">{change.fromOrigin ?? '—'}</Table.Td>
                <Table.Td fz="sm">{change.toOrigin ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  )
}

/** The new version's settings form, filled with the current settings and the new defaults. */
function TargetSettings({
  connection,
  to,
  values,
  onChange,
  issues,
  handle,
  disabled,
}: {
  connection: ConnectionView
  to: string
  values: FormValues
  onChange: (values: FormValues) => void
  issues: ValidationIssue[]
  handle: Ref<SchemaFormHandle>
  disabled: boolean
}) {
  const target = useDefinition(connection.integrationId, to)
  const schema = useMemo(
    () => (target.data ? untitled(target.data.definition.configSchema) : null),
    [target.data],
  )
  const extraErrors = useMemo(() => issuesToErrorSchema(issues, 'config'), [issues])
  if (target.isError)
    return <ErrorAlert title={`Could not load the settings of ${to}`} error={target.error} />
  if (!schema)
    return (
      <Center py="sm" role="status">
        <Loader size="sm" aria-label="Loading the settings form" />
      </Center>
    )
  if (!hasFields(schema)) return null
  return (
    <Stack gap={6} role="group" aria-label={`Settings in ${to}`}>
      <Text fw={600} size="sm">
        Settings in {to}
      </Text>
      <LazySchemaForm
        schema={schema}
        formKey={`upgrade-${connection.id}`}
        formData={values}
        onChange={onChange}
        extraErrors={extraErrors}
        disabled={disabled}
        handle={handle}
      />
    </Stack>
  )
}

function Plan({ connection, onClose }: { connection: ConnectionView; onClose: () => void }) {
  const client = useClient()
  const plan = useQuery({
    queryKey: ['connections', 'upgrade-plan', connection.id, connection.upgradeAvailable],
    queryFn: () => client.connections.upgrade({ id: connection.id, apply: false }),
    gcTime: 0,
  })
  if (plan.isPending)
    return (
      <Center py="lg" role="status">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  if (plan.isError) return <ErrorAlert title="Could not plan the upgrade" error={plan.error} />
  return <PlanReview connection={connection} plan={plan.data} onClose={onClose} />
}

function PlanReview({
  connection,
  plan,
  onClose,
}: {
  connection: ConnectionView
  plan: UpgradePlan
  onClose: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const [endpointsConfirmed, setEndpointsConfirmed] = useState(false)
  // The settings as the person edits them for the new version, from the plan's (new defaults applied).
  const [values, setValues] = useState<FormValues>(plan.config)
  const [issues, setIssues] = useState<ValidationIssue[]>(plan.issues)
  const form = useRef<SchemaFormHandle>(null)
  const apply = useMutation({
    mutationFn: (version: string) =>
      client.connections.upgrade({
        id: connection.id,
        version,
        apply: true,
        config: jsonValues(values),
        ...(endpointsConfirmed ? { confirmEndpoints: true } : {}),
      }),
    onSuccess: async () => {
      await refresh()
      onClose()
    },
    onError: (error) => {
      if (error instanceof ApiError) setIssues(issuesUnder(error.details?.issues ?? [], 'config'))
    },
  })
  const { from, to, changes, endpointChanges } = plan
  const needsConfirmation = endpointChanges.length > 0 && !endpointsConfirmed
  const submit = () => {
    if (form.current && !form.current.validate()) return
    apply.mutate(to)
  }
  return (
    <Stack>
      <Text size="sm">
        {connection.integrationName} <Code>{from}</Code> → <Code>{to}</Code>. Nothing changes until you apply.
      </Text>
      {changes.length ? (
        <Table verticalSpacing={6} aria-label="Changes to the settings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Setting</Table.Th>
              <Table.Th w={110}>Change</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={`${change.path}-${change.change}-${change.detail}`}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" size="sm" color={changeColours[change.change]}>
                    {change.change}
                  </Badge>
                </Table.Td>
                <Table.Td fz="sm">{change.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          The settings’ rules are the same in {to}.
        </Text>
      )}
      {issues.length > 0 && (
        <Alert color="orange" variant="light" title={`The current settings do not fit ${to}`}>
          <Stack gap={6}>
            <IssueList issues={issues} />
            <Text size="sm">Change them below: they are saved with the upgrade.</Text>
          </Stack>
        </Alert>
      )}
      <TargetSettings
        connection={connection}
        to={to}
        values={values}
        onChange={(next) => {
          setIssues((standing) => issuesAfterEdit(standing, 'config', values, next))
          setValues(next)
          if (apply.error) apply.reset()
        }}
        issues={issues}
        handle={form}
        disabled={apply.isPending}
      />
      {endpointChanges.length > 0 && (
        <>
          <EndpointMoves changes={endpointChanges} />
          <Checkbox
            label="I trust the new hosts with this connection’s credentials"
            checked={endpointsConfirmed}
            onChange={(event) => setEndpointsConfirmed(event.currentTarget.checked)}
          />
        </>
      )}
      {apply.error && <ErrorAlert title="The upgrade was not applied" error={apply.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          onClick={submit}
          disabled={needsConfirmation}
          loading={apply.isPending}
          leftSection={<IconArrowUpCircle size={16} aria-hidden />}
        >
          Apply upgrade to {to}
        </Button>
      </Group>
    </Stack>
  )
}

export function UpgradeModal({
  connection,
  opened,
  onClose,
}: {
  connection: ConnectionView
  opened: boolean
  onClose: () => void
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Review upgrade" size="lg">
      {opened && <Plan connection={connection} onClose={onClose} />}
    </Modal>
  )
}
