// The connection wizard: integration → client and environment → settings → credentials → review and
// save → test (sign-in first for OAuth 2.0, then settings only known after it, then the health check). Its state lives here, so moving back and forth keeps everything entered; the
// core's objections on save are put back on the step and field they name.
import { Alert, Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useRef, useState, type ReactNode } from 'react'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { BackLink } from '../../../components/BackLink.tsx'
import { ApiError } from '../../../api/client.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { PageHeader } from '../../../components/PageHeader.tsx'
import { hasFields, untitled } from '../../../forms/LazySchemaForm.tsx'
import { issuesAfterEdit, withoutEmpty } from '../../../forms/issues.ts'
import type { FormValues, SchemaFormHandle } from '../../../forms/SchemaForm.tsx'
import { definitionKeys } from '../../definitions/queries.ts'
import { jsonValues } from '../ConfigEditor.tsx'
import { connectionIdProblem } from '../names.ts'
import { useClients, useConnections, useRefreshConnections } from '../queries.ts'
import { beforeSignIn } from '../setup/choice-fields.ts'
import { useVaultPrompt, VaultGate } from '../VaultGate.tsx'
import { ClientStep } from './ClientStep.tsx'
import { ConfigStep } from './ConfigStep.tsx'
import { asksForSecrets, CredentialsStep } from './CredentialsStep.tsx'
import { PickIntegrationStep } from './PickIntegrationStep.tsx'
import { ReviewStep } from './ReviewStep.tsx'
import { StepBar } from './StepBar.tsx'
import {
  firstStepWithErrors,
  initialState,
  noErrors,
  placeIssues,
  stepIndex,
  steps,
  type StepErrors,
  type WizardPreset,
  type WizardState,
} from './state.ts'
import { TestStep } from './TestStep.tsx'

/** A failed save, with the call that failed: creating the new client, or the connection. */
class SaveFailure extends Error {
  readonly stage: 'client' | 'connection'
  readonly reason: Error

  constructor(stage: 'client' | 'connection', reason: Error) {
    super(reason.message)
    this.stage = stage
    this.reason = reason
  }
}

function useDefinitionOf(integrationId: string | null) {
  const client = useClient()
  return useQuery({
    queryKey: definitionKeys.detail(integrationId ?? ''),
    queryFn: () => client.definitions.get({ integrationId: integrationId ?? '' }),
    enabled: integrationId !== null,
  })
}

export function ConnectionWizard({
  preset,
  onCreated,
}: {
  preset: WizardPreset
  onCreated: (connection: ConnectionView) => void
}) {
  const client = useClient()
  const clients = useClients()
  const connections = useConnections()
  const refresh = useRefreshConnections()
  const vault = useVaultPrompt({ autoOpen: true })
  const [state, setState] = useState<WizardState | null>(null)
  const [active, setActive] = useState(0)
  const [errors, setErrors] = useState<StepErrors>(noErrors)
  const configForm = useRef<SchemaFormHandle>(null)
  const secretsForm = useRef<SchemaFormHandle>(null)
  const [saved, setSaved] = useState<ConnectionView | null>(null)

  // The first state waits for the client list, to start on "new client" when there is none.
  const wizard = state ?? (clients.data ? initialState(preset, clients.data.length > 0) : null)
  const definitionQuery = useDefinitionOf(wizard?.integrationId ?? null)
  const definition = definitionQuery.data?.definition

  const update = (change: Partial<WizardState>) => {
    if (wizard) setState({ ...wizard, ...change })
  }

  const save = useMutation({
    mutationFn: async (): Promise<ConnectionView> => {
      if (!wizard?.integrationId || !definition) throw new Error('Choose an integration first.')
      let clientId = wizard.client.mode === 'existing' ? wizard.client.clientId : null
      if (wizard.client.mode === 'new') {
        try {
          const created = await client.clients.create({
            name: wizard.client.name.trim(),
            ...(wizard.client.notes ? { notes: wizard.client.notes } : {}),
          })
          clientId = created.id
          // Kept, so a retry after a failed connection does not create the client twice.
          setState({ ...wizard, client: { mode: 'existing', clientId } })
          await refresh()
        } catch (error) {
          throw new SaveFailure('client', error as Error)
        }
      }
      if (!clientId) throw new Error('Choose a client first.')
      const secrets = withoutEmpty(wizard.secrets as Record<string, string | undefined>)
      const sendSecrets = asksForSecrets(definition) && !wizard.skipSecrets && Object.keys(secrets).length > 0
      try {
        return await client.connections.create({
          clientId,
          integrationId: wizard.integrationId,
          environment: wizard.environment,
          config: jsonValues(wizard.config),
          ...(sendSecrets ? { secrets } : {}),
          ...(wizard.id.trim() ? { id: wizard.id.trim() } : {}),
          ...(wizard.label.trim() ? { label: wizard.label.trim() } : {}),
          ...(sendSecrets && wizard.confirmEnvironment ? { confirmEnvironment: true } : {}),
        })
      } catch (error) {
        throw new SaveFailure('connection', error as Error)
      }
    },
    onSuccess: async (created) => {
      await refresh()
      // The connection exists now: it can be signed in and tested for real before leaving.
      setSaved(created)
      setActive(stepIndex('test'))
    },
    onError: (failure) => {
      const error = failure instanceof SaveFailure ? failure.reason : failure
      if (!(error instanceof ApiError)) return
      if (error.code === 'LOCKED') return vault.open()
      const stage = failure instanceof SaveFailure ? failure.stage : 'connection'
      const placed = placeIssues(error.details?.issues ?? [], stage)
      if (error.code === 'CONFLICT' && stage === 'connection' && !placed.id)
        placed.id = 'A connection with this id already exists: choose another id.'
      else if (error.code === 'CONFLICT' && placed.id)
        placed.id = `${wizard?.id.trim() ? `“${wizard.id.trim()}”` : 'The automatic id'} is already used by another connection: choose another id.`
      setErrors(placed)
      const step = firstStepWithErrors(placed)
      if (step) setActive(stepIndex(step))
      // Fresh definitions: the one on screen may be older than the one the core checked against.
      if (placed.config.length || placed.secrets.length) void definitionQuery.refetch()
    },
  })

  if (clients.isError || connections.isError) {
    const error = clients.error ?? connections.error
    return error && <ErrorAlert title="Could not load your clients" error={error} />
  }
  if (!wizard || !connections.data || !clients.data) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  }

  /** Checks the step being left; true when it may be left forwards. */
  const checkStep = (index: number): boolean => {
    const key = steps[index]?.key
    if (key === 'integration' && !wizard.integrationId) {
      setErrors({ ...errors, integration: 'Choose the service to connect.' })
      return false
    }
    if (key === 'client') {
      if (wizard.client.mode === 'existing' && !wizard.client.clientId) {
        setErrors({ ...errors, clientId: 'Choose a client, or create a new one.' })
        return false
      }
      if (wizard.client.mode === 'new' && !wizard.client.name.trim()) {
        setErrors({ ...errors, clientName: 'A new client needs a name.' })
        return false
      }
    }
    // Until the definition has loaded, its steps show a loader and have nothing to check.
    if (!definition) return true
    if (key === 'config' && hasFields(beforeSignIn(untitled(definition.configSchema), definition)))
      return configForm.current?.validate() ?? false
    if (key === 'credentials' && asksForSecrets(definition) && !wizard.skipSecrets)
      return secretsForm.current?.validate() ?? false
    return true
  }

  const next = () => {
    if (checkStep(active)) setActive(Math.min(active + 1, steps.length - 1))
  }
  const submit = () => {
    const problem = connectionIdProblem(wizard.id.trim())
    if (problem) return setErrors({ ...errors, id: problem })
    if (vault.needed) return vault.open()
    save.mutate()
  }

  const needsDefinition = (content: (d: NonNullable<typeof definition>) => ReactNode) =>
    definition ? (
      content(definition)
    ) : definitionQuery.isError ? (
      <ErrorAlert title="Could not load the integration" error={definitionQuery.error} />
    ) : (
      <Center py="lg" role="status">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )

  const content: Record<(typeof steps)[number]['key'], () => ReactNode> = {
    integration: () => (
      <PickIntegrationStep
        selected={wizard.integrationId}
        error={errors.integration}
        onSelect={(integrationId) => {
          if (integrationId === wizard.integrationId) return
          // Another service: its settings and credentials start afresh.
          update({ integrationId, config: {}, secrets: {}, skipSecrets: false })
          setErrors(noErrors)
        }}
      />
    ),
    client: () => (
      <ClientStep
        choice={wizard.client}
        environment={wizard.environment}
        clients={clients.data}
        errors={errors}
        onClient={(choice) => {
          update({ client: choice })
          setErrors({ ...errors, clientId: undefined, clientName: undefined })
        }}
        onEnvironment={(environment) => update({ environment })}
      />
    ),
    config: () =>
      needsDefinition((d) => (
        <ConfigStep
          definition={d}
          values={wizard.config}
          issues={errors.config}
          handle={configForm}
          onChange={(config: FormValues) => {
            update({ config })
            // An objection goes once its field is edited (not when the form only fills in defaults).
            if (errors.config.length)
              setErrors({
                ...errors,
                config: issuesAfterEdit(errors.config, 'config', wizard.config, config),
              })
          }}
        />
      )),
    credentials: () =>
      needsDefinition((d) => (
        <CredentialsStep
          definition={d}
          values={wizard.secrets}
          skip={wizard.skipSecrets}
          issues={errors.secrets}
          handle={secretsForm}
          onChange={(secrets) => {
            update({ secrets })
            if (errors.secrets.length)
              setErrors({
                ...errors,
                secrets: issuesAfterEdit(errors.secrets, 'secrets', wizard.secrets, secrets),
              })
          }}
          onSkip={(skipSecrets) => update({ skipSecrets })}
          environment={wizard.environment}
          confirmEnvironment={wizard.confirmEnvironment}
          onConfirmEnvironment={(confirmEnvironment) => update({ confirmEnvironment })}
        />
      )),
    test: () =>
      needsDefinition((d) => (saved ? <TestStep saved={saved} definition={d} onDone={onCreated} /> : null)),
    review: () =>
      needsDefinition((d) => (
        <ReviewStep
          definition={d}
          state={wizard}
          clients={clients.data}
          connections={connections.data}
          errors={errors}
          onId={(id) => {
            update({ id })
            setErrors({ ...errors, id: undefined })
          }}
          onLabel={(label) => update({ label })}
        />
      )),
  }
  /** The step that saves: after it, the connection exists and only the test step remains. */
  const last = steps[active]?.key === 'review'
  const stepKey = steps[active]?.key ?? 'integration'
  const failure = save.error instanceof SaveFailure ? save.error.reason : save.error
  const unplaced =
    failure &&
    !(failure instanceof ApiError && failure.code === 'LOCKED') &&
    firstStepWithErrors(errors) === null

  return (
    <>
      <BackLink>All connections</BackLink>
      <PageHeader
        title="New connection"
        description={
          definition
            ? `Connect a client to ${definition.name}: settings are checked against the integration, credentials are encrypted.`
            : 'Connect a client to a service: settings are checked against the integration, credentials are encrypted.'
        }
      />
      <>
        {!saved && (
          <VaultGate
            prompt={vault}
            purpose={
              vault.status?.state === 'uninitialized'
                ? 'New clients and credentials are encrypted in the vault: set it up before saving.'
                : 'Unlock it before saving: new clients and credentials are encrypted with it.'
            }
          />
        )}
        <Card withBorder padding="lg">
          <StepBar
            active={active}
            // Once saved, the steps before are done for good: the connection's page edits it.
            onStepClick={(index) => !saved && index < active && setActive(index)}
          />
          <section aria-label={`Step ${active + 1} of ${steps.length}: ${steps[active]?.label ?? ''}`}>
            <Stack gap="md" mih={240}>
              {content[stepKey]()}
              {last && unplaced && failure && (
                <ErrorAlert title="The connection was not created" error={failure} />
              )}
              {last && failure instanceof ApiError && failure.code === 'LOCKED' && (
                <Alert color="orange" variant="light">
                  The vault is locked: unlock it, then save again.
                </Alert>
              )}
            </Stack>
          </section>
          {!saved && (
            <Group justify="space-between" mt="lg">
              <Button
                variant="default"
                leftSection={<IconArrowLeft size={16} aria-hidden />}
                onClick={() => setActive(Math.max(active - 1, 0))}
                disabled={active === 0}
              >
                Back
              </Button>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Step {active + 1} of {steps.length}
                </Text>
                {last ? (
                  <Button
                    onClick={submit}
                    loading={save.isPending}
                    leftSection={<IconCheck size={16} aria-hidden />}
                  >
                    Create connection
                  </Button>
                ) : (
                  <Button onClick={next} rightSection={<IconArrowRight size={16} aria-hidden />}>
                    Next
                  </Button>
                )}
              </Group>
            </Group>
          )}
        </Card>
      </>
    </>
  )
}
