// Set or change the vault's passphrase (vault.setPassphrase; the vault must be unlocked).
import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { checkPassphrasePair, emptyPair, PassphraseFields } from '../connections/PassphraseFields.tsx'
import { useRefreshVault } from '../connections/queries.ts'

function PassphraseForm({ change, onDone }: { change: boolean; onDone: () => void }) {
  const client = useClient()
  const refresh = useRefreshVault()
  const [pair, setPair] = useState(emptyPair)
  // Checked on submit, then again as the user types (so a fixed field's message goes at once).
  const [checked, setChecked] = useState(false)
  const errors = checked ? checkPassphrasePair(pair) : {}
  const save = useMutation({
    mutationFn: () => client.vault.setPassphrase({ passphrase: pair.passphrase }),
    onSuccess: async () => {
      await refresh()
      onDone()
    },
  })
  const issue =
    save.error instanceof ApiError
      ? save.error.details?.issues?.find((i) => i.path === 'passphrase')
      : undefined
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = checkPassphrasePair(pair)
    setChecked(true)
    if (!Object.keys(found).length) save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {change
            ? 'The new passphrase replaces the old one at once; the old one no longer opens the vault.'
            : 'With a passphrase you can open the vault if the OS keyring is reset or unavailable.'}{' '}
          Your secrets stay as they are. If you forget it (and the keyring cannot open the vault), they cannot
          be recovered.
        </Text>
        <PassphraseFields
          value={pair}
          onChange={setPair}
          errors={{ ...errors, ...(issue ? { passphrase: `The passphrase ${issue.message}.` } : {}) }}
          label="New passphrase"
          autoFocus
        />
        {save.error && !issue && <ErrorAlert title="The passphrase was not changed" error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {change ? 'Change passphrase' : 'Set passphrase'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function PassphraseModal({
  opened,
  change,
  onClose,
}: {
  opened: boolean
  change: boolean
  onClose: () => void
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={change ? 'Change the vault passphrase' : 'Set a vault passphrase'}
      centered
    >
      {opened && <PassphraseForm change={change} onDone={onClose} />}
    </Modal>
  )
}
