// Step 2: whose connection it is (an existing client, or a new one named here) and which environment.
import { Group, Radio, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconAlertTriangleFilled, IconFlask } from '@tabler/icons-react'
import type { ClientView, Environment } from '../../../../src-main/contract/types.ts'
import type { ClientChoice, StepErrors } from './state.ts'
import classes from './wizard.module.css'

function ClientChooser({
  choice,
  clients,
  errors,
  onChange,
}: {
  choice: ClientChoice
  clients: ClientView[]
  errors: StepErrors
  onChange: (choice: ClientChoice) => void
}) {
  return (
    <Stack gap="sm">
      {clients.length > 0 && (
        <SegmentedControl
          aria-label="Client"
          value={choice.mode}
          onChange={(mode) =>
            onChange(
              mode === 'new' ? { mode: 'new', name: '', notes: '' } : { mode: 'existing', clientId: null },
            )
          }
          data={[
            { value: 'existing', label: 'Existing client' },
            { value: 'new', label: 'New client' },
          ]}
          w="fit-content"
        />
      )}
      {choice.mode === 'existing' ? (
        <Select
          label="Client"
          placeholder="Choose a client"
          data={clients.map((client) => ({ value: client.id, label: client.name }))}
          value={choice.clientId}
          onChange={(clientId) => onChange({ mode: 'existing', clientId })}
          searchable
          required
          error={errors.clientId}
          comboboxProps={{ shadow: 'md' }}
          maw={420}
        />
      ) : (
        <>
          <TextInput
            label="Client name"
            description="The company or person this connection works for."
            placeholder="Acme Corp"
            value={choice.name}
            onChange={(event) => onChange({ ...choice, name: event.currentTarget.value })}
            required
            maxLength={120}
            error={errors.clientName}
            maw={420}
            autoFocus
          />
          <Textarea
            label="Notes"
            description="Optional."
            value={choice.notes}
            onChange={(event) => onChange({ ...choice, notes: event.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={5000}
            maw={620}
          />
        </>
      )}
    </Stack>
  )
}

function EnvironmentChooser({
  value,
  onChange,
}: {
  value: Environment
  onChange: (value: Environment) => void
}) {
  return (
    <Radio.Group
      label="Environment"
      value={value}
      onChange={(next) => onChange(next as Environment)}
      required
    >
      <Group mt="xs" gap="sm" align="stretch" maw={620}>
        <Radio.Card value="sandbox" className={classes.environment} aria-label="Sandbox">
          <Group wrap="nowrap" align="flex-start" gap="sm">
            <Radio.Indicator />
            <div>
              <Group gap={6}>
                <IconFlask size={16} aria-hidden />
                <Text fw={600} size="sm">
                  Sandbox
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                Test accounts and test keys: safe to experiment with.
              </Text>
            </div>
          </Group>
        </Radio.Card>
        <Radio.Card
          value="production"
          className={classes.environment}
          data-production
          aria-label="Production"
        >
          <Group wrap="nowrap" align="flex-start" gap="sm">
            <Radio.Indicator color="red" />
            <div>
              <Group gap={6}>
                <IconAlertTriangleFilled size={16} color="var(--mantine-color-red-6)" aria-hidden />
                <Text fw={700} size="sm" c="red" tt="uppercase">
                  Production
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                The client’s real data and money. Calls have real effects.
              </Text>
            </div>
          </Group>
        </Radio.Card>
      </Group>
    </Radio.Group>
  )
}

export function ClientStep({
  choice,
  environment,
  clients,
  errors,
  onClient,
  onEnvironment,
}: {
  choice: ClientChoice
  environment: Environment
  clients: ClientView[]
  errors: StepErrors
  onClient: (choice: ClientChoice) => void
  onEnvironment: (environment: Environment) => void
}) {
  return (
    <Stack gap="lg">
      <ClientChooser choice={choice} clients={clients} errors={errors} onChange={onClient} />
      <EnvironmentChooser value={environment} onChange={onEnvironment} />
    </Stack>
  )
}
