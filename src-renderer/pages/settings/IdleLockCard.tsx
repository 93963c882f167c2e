// How long the vault stays open without activity (default 15 minutes; 0 never locks by itself).
// The main process keeps the timer and zeroes the keys when it locks; this card only sets the value.
import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { settingBounds, settingDefaults } from '../../../src-main/contract/settings.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

const settingsKey = ['settings'] as const

export function IdleLockCard() {
  const client = useClient()
  const queryClient = useQueryClient()
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => client.settings.get() })
  const [draft, setDraft] = useState<number | null>(null)
  const save = useMutation({
    mutationFn: (minutes: number) => client.settings.setIdleLock({ minutes }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved)
      setDraft(null)
    },
  })
  const current = settings.data?.['vault.idleLockMinutes']
  const value = draft ?? current ?? settingDefaults['vault.idleLockMinutes']
  return (
    <Card withBorder padding="lg" component="section" aria-label="Lock when idle">
      <Title order={4} mb={4}>
        Lock when idle
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        After this many minutes without activity the vault locks itself and its keys are wiped from memory; 0
        keeps it open until you quit.
      </Text>
      <Group align="flex-end">
        <NumberInput
          label="Minutes without activity"
          min={settingBounds['vault.idleLockMinutes'].min}
          max={settingBounds['vault.idleLockMinutes'].max}
          step={5}
          allowDecimal={false}
          value={value}
          onChange={(next) => setDraft(typeof next === 'number' ? next : null)}
          w={220}
        />
        <Button
          variant="default"
          disabled={current === undefined || value === current}
          loading={save.isPending}
          onClick={() => save.mutate(value)}
        >
          Save
        </Button>
      </Group>
      {current !== undefined && (
        <Text size="xs" c="dimmed" mt={6}>
          {current === 0 ? 'Now: never locks by itself.' : `Now: locks after ${current} minutes.`}
        </Text>
      )}
      {save.error && <ErrorAlert title="The setting was not saved" error={save.error} />}
    </Card>
  )
}
