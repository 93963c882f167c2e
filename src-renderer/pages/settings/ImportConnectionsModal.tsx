// Import a file exported by Switchboard: all or nothing. A file with secrets needs the passphrase it
// was exported with; the result (or the reason nothing was imported) is shown.
import { Alert, Button, FileButton, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core'
import { IconCircleCheck, IconFileImport, IconUpload } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useRefreshConnections } from '../connections/queries.ts'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function ImportForm({ onClose }: { onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const [file, setFile] = useState<File | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const importing = useMutation({
    mutationFn: async () =>
      client.connections.import({
        content: await (file as File).text(),
        ...(passphrase ? { passphrase } : {}),
      }),
    onSuccess: () => refresh(),
  })
  const issue =
    importing.error instanceof ApiError
      ? importing.error.details?.issues?.find((i) => i.path === 'passphrase')
      : undefined
  const needsPassphrase = Boolean(issue) || passphrase !== ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (file && !importing.isPending) importing.mutate()
  }
  if (importing.data) {
    const { clients, connections, secrets } = importing.data
    return (
      <Stack>
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title="Imported">
          {plural(clients, 'client', 'clients')}, {plural(connections, 'connection', 'connections')} and{' '}
          {plural(secrets, 'secret', 'secrets')}.
          {secrets === 0 && connections > 0 ? ' Enter the connections’ credentials on their pages.' : ''}
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
        <Group gap="sm">
          <FileButton
            onChange={(chosen) => {
              setFile(chosen)
              importing.reset()
            }}
            accept=".json,.sbvault,application/json"
          >
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={file ? undefined : 'dimmed'} truncate="end" maw={280}>
            {file ? file.name : 'No file chosen'}
          </Text>
        </Group>
        <PasswordInput
          label="Passphrase"
          description={
            needsPassphrase
              ? 'The passphrase the file was exported with.'
              : 'Only for a file exported with secrets (.sbvault).'
          }
          value={passphrase}
          onChange={(event) => {
            setPassphrase(event.currentTarget.value)
            if (importing.error) importing.reset()
          }}
          error={issue ? `The passphrase ${issue.message}.` : undefined}
          autoComplete="off"
        />
        {importing.error && <ErrorAlert title="Nothing was imported" error={importing.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            disabled={!file}
            loading={importing.isPending}
            leftSection={<IconFileImport size={16} aria-hidden />}
          >
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function ImportConnectionsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import clients and connections" centered>
      {opened && <ImportForm onClose={onClose} />}
    </Modal>
  )
}
