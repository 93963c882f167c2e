// Asks for the vault when secrets are needed: the dialog opens by itself on arrival (once), and a
// banner keeps offering it after the dialog was dismissed.
import { Alert, Button, Group, Text } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import type { VaultStatus } from '../../../src-main/contract/types.ts'
import { useVaultStatus } from './queries.ts'
import { VaultDialog } from './VaultDialogs.tsx'

export interface VaultPrompt {
  status: VaultStatus | undefined
  /** The vault must be set up or unlocked before secrets can be stored or used. */
  needed: boolean
  opened: boolean
  open: () => void
  close: () => void
}

export function useVaultPrompt({
  autoOpen,
  onDismiss,
}: {
  /** Open the dialog by itself while the vault is not open (until it is dismissed). */
  autoOpen: boolean
  onDismiss?: () => void
}): VaultPrompt {
  const status = useVaultStatus().data
  const [dismissed, setDismissed] = useState(false)
  const [requested, setRequested] = useState(false)
  const needed = status !== undefined && status.state !== 'unlocked'
  return {
    status,
    needed,
    opened: needed && (requested || (autoOpen && !dismissed)),
    open: () => setRequested(true),
    close: () => {
      setRequested(false)
      setDismissed(true)
      onDismiss?.()
    },
  }
}

/** The banner (while the vault is not open) and the dialog. */
export function VaultGate({ prompt, purpose }: { prompt: VaultPrompt; purpose: string }) {
  if (!prompt.status) return null
  const setup = prompt.status.state === 'uninitialized'
  return (
    <>
      {prompt.needed && (
        <Alert
          color={setup ? 'indigo' : 'orange'}
          variant="light"
          icon={<IconLock size={18} aria-hidden />}
          mb="md"
          title={setup ? 'Your secrets vault is not set up yet' : 'Your secrets vault is locked'}
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">{purpose}</Text>
            <Button size="xs" variant="light" color={setup ? 'indigo' : 'orange'} onClick={prompt.open}>
              {setup ? 'Set up the vault' : 'Unlock'}
            </Button>
          </Group>
        </Alert>
      )}
      <VaultDialog status={prompt.status} opened={prompt.opened} onClose={prompt.close} />
    </>
  )
}
