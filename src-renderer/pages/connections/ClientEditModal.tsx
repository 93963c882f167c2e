// Rename a client, edit its notes and colour.
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { ClientView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { ColourPicker } from './ClientColour.tsx'
import { useRefreshConnections } from './queries.ts'

function ClientForm({ client: target, onClose }: { client: ClientView; onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const [name, setName] = useState(target.name)
  const [notes, setNotes] = useState(target.notes)
  const [colour, setColour] = useState(target.colour)
  const [nameError, setNameError] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: () => client.clients.update({ id: target.id, name: name.trim(), notes, colour }),
    onSuccess: async () => {
      await refresh()
      onClose()
    },
  })
  const serverNameIssue =
    save.error instanceof ApiError
      ? save.error.details?.issues?.find((issue) => issue.path === 'name')
      : undefined
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return setNameError('A client needs a name.')
    setNameError(null)
    save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError ?? (serverNameIssue ? `Name ${serverNameIssue.message}.` : undefined)}
          maxLength={120}
          data-autofocus
        />
        <Textarea
          label="Notes"
          description="Anything worth remembering: contacts, contract, where their keys come from."
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
        />
        <ColourPicker value={colour} onChange={setColour} />
        {save.error && !serverNameIssue && <ErrorAlert title="The client was not saved" error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save client
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function ClientEditModal({ client, onClose }: { client: ClientView | null; onClose: () => void }) {
  return (
    <Modal opened={client !== null} onClose={onClose} title={client ? `Edit ${client.name}` : ''} centered>
      {client && <ClientForm key={client.id} client={client} onClose={onClose} />}
    </Modal>
  )
}
