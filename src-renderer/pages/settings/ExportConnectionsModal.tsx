// Export clients and connections to a file: with a passphrase (typed twice) it includes the secrets,
// sealed with it — and then the vault passphrase is asked for again and the main process writes the
// file itself (this page never holds it); without, it says plainly that no secrets are included.
import { Alert, Button, Group, Modal, PasswordInput, Stack, Switch, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconFileExport } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { ExportResult } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { downloadFile } from '../../components/download.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { checkPassphrasePair, emptyPair, PassphraseFields } from '../connections/PassphraseFields.tsx'

function ExportForm({ onClose }: { onClose: () => void }) {
  const client = useClient()
  const [withSecrets, setWithSecrets] = useState(false)
  const [pair, setPair] = useState(emptyPair)
  const [vaultPassphrase, setVaultPassphrase] = useState('')
  // Checked on submit, then again as the user types (so a fixed field's message goes at once).
  const [checked, setChecked] = useState(false)
  const errors = checked ? checkPassphrasePair(pair) : {}
  const exporting = useMutation({
    mutationFn: () =>
      client.connections.export(withSecrets ? { passphrase: pair.passphrase, vaultPassphrase } : {}),
    onSuccess: (file: ExportResult) => {
      if (file.content !== null)
        downloadFile({ fileName: file.fileName, content: file.content, mediaType: 'application/json' })
    },
  })
  const issueAt = (path: string) =>
    exporting.error instanceof ApiError
      ? exporting.error.details?.issues?.find((i) => i.path === path)
      : undefined
  const issue = issueAt('passphrase')
  const vaultIssue = issueAt('vaultPassphrase')
  const vaultMissing = checked && withSecrets && !vaultPassphrase
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (withSecrets) {
      const found = checkPassphrasePair(pair)
      setChecked(true)
      if (Object.keys(found).length || !vaultPassphrase) return
    }
    exporting.mutate()
  }
  if (exporting.data && exporting.data.includesSecrets && exporting.data.savedTo === null) {
    return (
      <Stack>
        <Text size="sm">Nothing was exported: the save was cancelled.</Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    )
  }
  if (exporting.data) {
    return (
      <Stack>
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title="Exported">
          <Text size="sm">
            {exporting.data.savedTo
              ? `Saved to ${exporting.data.savedTo}.`
              : `${exporting.data.fileName} was handed to your downloads.`}{' '}
            {exporting.data.includesSecrets
              ? 'It includes the secrets, sealed with your passphrase: keep the two apart.'
              : 'It includes no secrets.'}
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    )
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Switch
          label="Include secrets"
          description="Seals the credentials into the file with a passphrase of your choice. Anyone with the file and the passphrase can read them."
          checked={withSecrets}
          onChange={(event) => setWithSecrets(event.currentTarget.checked)}
        />
        {withSecrets ? (
          <PassphraseFields
            value={pair}
            onChange={setPair}
            errors={{ ...errors, ...(issue ? { passphrase: `The passphrase ${issue.message}.` } : {}) }}
            label="Export passphrase"
          />
        ) : null}
        {withSecrets ? (
          <PasswordInput
            label="Vault passphrase"
            description="Your Switchboard vault passphrase, to confirm it is you who exports the secrets."
            value={vaultPassphrase}
            onChange={(event) => setVaultPassphrase(event.currentTarget.value)}
            autoComplete="current-password"
            error={
              vaultIssue
                ? `The vault passphrase ${vaultIssue.message}.`
                : vaultMissing
                  ? 'Enter the vault passphrase.'
                  : undefined
            }
          />
        ) : (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="No secrets included"
          >
            The file holds clients, connections and their settings only. After importing it, every connection
            needs its credentials entered again.
          </Alert>
        )}
        {exporting.error && !issue && !vaultIssue && (
          <ErrorAlert title="Nothing was exported" error={exporting.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={exporting.isPending}
            leftSection={<IconFileExport size={16} aria-hidden />}
          >
            {withSecrets ? 'Export with secrets' : 'Export without secrets'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function ExportConnectionsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Export clients and connections" centered>
      {opened && <ExportForm onClose={onClose} />}
    </Modal>
  )
}
