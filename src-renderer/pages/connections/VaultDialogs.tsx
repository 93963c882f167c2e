// The vault's dialogs: set it up the first time secrets are needed (one click where an OS keyring
// protects it; otherwise with a passphrase), and unlock it with the passphrase when it is locked.
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core'
import { IconKey, IconLock, IconShieldCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { VaultStatus } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { checkPassphrasePair, emptyPair, PassphraseFields } from './PassphraseFields.tsx'
import { useRefreshVault } from './queries.ts'

/** The OS keyring can hold the vault key: a real one (not Linux's basic_text), answering now. */
export const keyringUsable = (status: VaultStatus) =>
  status.protector.kind === 'safeStorage' && status.protector.secure && status.protector.available

/** The message of an error about the passphrase field, to show on that field. */
const passphraseIssue = (error: Error | null) =>
  error instanceof ApiError ? error.details?.issues?.find((issue) => issue.path === 'passphrase') : undefined

function SetupForm({ status, onDone }: { status: VaultStatus; onDone: () => void }) {
  const client = useClient()
  const refresh = useRefreshVault()
  const keyring = keyringUsable(status)
  const [withPassphrase, setWithPassphrase] = useState(!keyring)
  const [pair, setPair] = useState(emptyPair)
  // Checked on submit, then again as the user types (so a fixed field's message goes at once).
  const [checked, setChecked] = useState(false)
  const errors = checked ? checkPassphrasePair(pair) : {}
  const setup = useMutation({
    mutationFn: (passphrase?: string) => client.vault.setup(passphrase ? { passphrase } : {}),
    onSuccess: async () => {
      await refresh()
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (withPassphrase) {
      const found = checkPassphrasePair(pair)
      setChecked(true)
      if (Object.keys(found).length) return
      setup.mutate(pair.passphrase)
    } else setup.mutate(undefined)
  }
  const serverIssue = passphraseIssue(setup.error)
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {keyring ? (
          <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} aria-hidden />}>
            Your secrets will be encrypted with a key kept in your operating system’s keyring (
            {status.protector.detail.replace(/\.$/, '')}). Nothing to remember: it opens when you sign in to
            your computer.
          </Alert>
        ) : (
          <Alert
            color="orange"
            variant="light"
            icon={<IconKey size={18} aria-hidden />}
            title="A passphrase is needed"
          >
            No OS keyring is available on this computer, so a passphrase protects your secrets instead. You
            will enter it each time Switchboard starts. If you forget it, the stored secrets cannot be
            recovered.
          </Alert>
        )}
        {keyring && (
          <Checkbox
            label="Also set a passphrase"
            description="Lets you unlock the vault if the keyring is reset, or after moving to another computer."
            checked={withPassphrase}
            onChange={(event) => setWithPassphrase(event.currentTarget.checked)}
          />
        )}
        {withPassphrase && (
          <PassphraseFields
            value={pair}
            onChange={setPair}
            errors={{ ...errors, ...(serverIssue ? { passphrase: serverIssue.message } : {}) }}
            autoFocus={!keyring}
          />
        )}
        {setup.error && !serverIssue && <ErrorAlert title="The vault was not created" error={setup.error} />}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={setup.isPending}
            leftSection={<IconShieldCheck size={16} aria-hidden />}
          >
            Create vault
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function UnlockForm({ status, onDone }: { status: VaultStatus; onDone: () => void }) {
  const client = useClient()
  const refresh = useRefreshVault()
  const [passphrase, setPassphrase] = useState('')
  const unlock = useMutation({
    mutationFn: () => client.vault.unlock({ passphrase }),
    onSuccess: async () => {
      await refresh()
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (passphrase) unlock.mutate()
  }
  const wrong = passphraseIssue(unlock.error)
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {status.lockReason ??
            'Your secrets are encrypted. Enter the vault passphrase to use them while Switchboard runs.'}
        </Text>
        {status.passphraseSet ? (
          <PasswordInput
            label="Vault passphrase"
            value={passphrase}
            onChange={(event) => {
              setPassphrase(event.currentTarget.value)
              if (unlock.error) unlock.reset()
            }}
            error={wrong ? 'Wrong passphrase. Check Caps Lock and try again.' : undefined}
            autoComplete="current-password"
            required
            data-autofocus
          />
        ) : (
          <Alert color="orange" variant="light">
            No passphrase was set for this vault, and the OS keyring cannot open it. Secrets stored so far
            cannot be opened here; connections keep their settings, and you can enter their secrets again.
          </Alert>
        )}
        {unlock.error && !wrong && <ErrorAlert title="The vault stayed locked" error={unlock.error} />}
        <Group justify="flex-end">
          <Button
            type="submit"
            disabled={!status.passphraseSet || !passphrase}
            loading={unlock.isPending}
            leftSection={<IconLock size={16} aria-hidden />}
          >
            Unlock
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The setup or unlock dialog, whichever the vault's state calls for; nothing when it is open. */
export function VaultDialog({
  status,
  opened,
  onClose,
}: {
  status: VaultStatus | undefined
  opened: boolean
  onClose: () => void
}) {
  const state = status?.state
  const title = state === 'uninitialized' ? 'Create your secrets vault' : 'Unlock your secrets vault'
  return (
    <Modal
      opened={opened && state !== undefined && state !== 'unlocked'}
      onClose={onClose}
      title={title}
      centered
    >
      {status?.state === 'uninitialized' && <SetupForm status={status} onDone={onClose} />}
      {status?.state === 'locked' && <UnlockForm status={status} onDone={onClose} />}
    </Modal>
  )
}
