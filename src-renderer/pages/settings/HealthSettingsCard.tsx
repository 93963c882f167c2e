// The health settings: how often each environment's connections are checked, the secret rotation
// policy per environment, and how many checks may run at once. Shared by every Switchboard process
// on this data folder (the scheduler, `switchboard health`).
import { Button, Card, Group, NumberInput, SimpleGrid, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { HealthSettings } from '../../../src-main/contract/health.ts'
import { settingBounds, type SettingKey } from '../../../src-main/contract/settings.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { QueryState } from '../../components/QueryState.tsx'

const fields: { key: SettingKey; label: string; read(s: HealthSettings): number }[] = [
  {
    key: 'health.intervalMinutes.production',
    label: 'Check production every (minutes)',
    read: (s) => s.intervalMinutes.production,
  },
  {
    key: 'health.intervalMinutes.sandbox',
    label: 'Check sandbox every (minutes)',
    read: (s) => s.intervalMinutes.sandbox,
  },
  {
    key: 'health.rotationDays.production',
    label: 'Rotate production secrets after (days)',
    read: (s) => s.rotationDays.production,
  },
  {
    key: 'health.rotationDays.sandbox',
    label: 'Rotate sandbox secrets after (days)',
    read: (s) => s.rotationDays.sandbox,
  },
  { key: 'health.concurrency', label: 'Checks at once', read: (s) => s.concurrency },
]

function Form({ settings }: { settings: HealthSettings }) {
  const client = useClient()
  const queries = useQueryClient()
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.key, f.read(settings)])))
  const save = useMutation({
    mutationFn: () =>
      client.health.updateSettings({
        intervalMinutes: {
          production: values['health.intervalMinutes.production']!,
          sandbox: values['health.intervalMinutes.sandbox']!,
        },
        rotationDays: {
          production: values['health.rotationDays.production']!,
          sandbox: values['health.rotationDays.sandbox']!,
        },
        concurrency: values['health.concurrency']!,
      }),
    onSuccess: (next) => {
      queries.setQueryData(['health', 'settings'], next)
      void queries.invalidateQueries({ queryKey: ['health'] })
    },
  })
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {fields.map((field) => (
          <NumberInput
            key={field.key}
            label={field.label}
            min={settingBounds[field.key].min}
            max={settingBounds[field.key].max}
            clampBehavior="strict"
            allowDecimal={false}
            value={values[field.key]}
            onChange={(value) => {
              const n = typeof value === 'number' ? value : Number.parseInt(value, 10)
              setValues((current) => ({ ...current, [field.key]: Number.isFinite(n) ? n : 0 }))
            }}
          />
        ))}
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button variant="light" loading={save.isPending} onClick={() => save.mutate()}>
          Save health settings
        </Button>
        {save.isSuccess && (
          <Text size="sm" c="teal">
            Saved
          </Text>
        )}
      </Group>
      {save.error && <ErrorAlert title="Could not save the health settings" error={save.error} />}
    </>
  )
}

export function HealthSettingsCard() {
  const client = useClient()
  const settings = useQuery({ queryKey: ['health', 'settings'], queryFn: () => client.health.settings() })
  return (
    <Card withBorder padding="lg" component="section" aria-label="Health checks">
      <Title order={4} mb={4}>
        Health checks
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        How often connections are checked, and when a secret counts as due for rotation.
      </Text>
      <QueryState query={settings}>{(value) => <Form settings={value} />}</QueryState>
    </Card>
  )
}
