// A connection's label and notes (connections.update).
import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useRefreshConnections } from './queries.ts'

function LabelNotesForm({ connection, onClose }: { connection: ConnectionView; onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const [label, setLabel] = useState(connection.label)
  const [notes, setNotes] = useState(connection.notes)
  const save = useMutation({
    mutationFn: () => client.connections.update({ id: connection.id, label: label.trim(), notes }),
    onSuccess: async () => {
      await refresh()
      onClose()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Label"
          description="Optional: tells this connection apart from others of the same service."
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          maxLength={120}
          data-autofocus
        />
        <Textarea
          label="Notes"
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
        />
        {save.error && <ErrorAlert title="Nothing was saved" error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function LabelNotesModal({
  connection,
  onClose,
}: {
  connection: ConnectionView | null
  onClose: () => void
}) {
  return (
    <Modal opened={connection !== null} onClose={onClose} title="Label and notes" centered>
      {connection && <LabelNotesForm key={connection.id} connection={connection} onClose={onClose} />}
    </Modal>
  )
}
