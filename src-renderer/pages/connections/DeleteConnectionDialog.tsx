// Deleting a connection: names the client and the connection, and says its credentials go with it.
import { Code, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { connectionName } from './names.ts'
import { useRefreshConnections } from './queries.ts'

export function DeleteConnectionDialog({
  connection,
  onClose,
  onDeleted,
}: {
  connection: ConnectionView | null
  onClose: () => void
  onDeleted?: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const remove = useMutation({
    mutationFn: (id: string) => client.connections.delete({ id }),
    onSuccess: async () => {
      close()
      onDeleted?.()
      await refresh()
    },
  })
  const close = () => {
    remove.reset()
    onClose()
  }
  return (
    <ConfirmDelete
      opened={connection !== null}
      title={connection ? `Delete ${connectionName(connection)} for ${connection.clientName}?` : ''}
      confirmLabel="Delete connection"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => connection && remove.mutate(connection.id)}
      onClose={close}
    >
      {connection && (
        <Text size="sm">
          The {connection.environment} connection <Code>{connection.id}</Code> of{' '}
          <strong>{connection.clientName}</strong> is deleted with its settings and stored credentials. This
          cannot be undone.
        </Text>
      )}
    </ConfirmDelete>
  )
}
