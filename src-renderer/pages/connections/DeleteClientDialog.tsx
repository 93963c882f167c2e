// Deleting a client destroys its data key, and with it every secret of its connections, for good:
// the dialog says so, names the client, and asks for its name to be typed — or its id, should another
// client bear the same name (the core refuses new duplicates; a folder from before may hold some), so
// what is typed always names exactly one client.
import { Code, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import type { ClientView } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { useClients, useRefreshConnections } from './queries.ts'

export function DeleteClientDialog({
  client: target,
  onClose,
}: {
  client: ClientView | null
  onClose: () => void
}) {
  const client = useClient()
  const clients = useClients()
  const refresh = useRefreshConnections()
  const remove = useMutation({
    mutationFn: (id: string) => client.clients.remove({ id }),
    onSuccess: async () => {
      await refresh()
      close()
    },
  })
  const close = () => {
    remove.reset()
    onClose()
  }
  const count = target?.connectionCount ?? 0
  const nameIsShared = (clients.data ?? []).some(
    (other) => other.id !== target?.id && other.name.toLowerCase() === target?.name.toLowerCase(),
  )
  const confirmWith = target ? (nameIsShared ? target.id : target.name) : ''
  return (
    <ConfirmDelete
      // A fresh dialog per client: nothing typed for one carries over to the next.
      key={target?.id ?? 'none'}
      opened={target !== null}
      title={target ? `Delete client “${target.name}”?` : ''}
      confirmLabel="Delete client and secrets"
      typeToConfirm={confirmWith}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => target && remove.mutate(target.id)}
      onClose={close}
    >
      {target && (
        <>
          <Text size="sm">
            <strong>{target.name}</strong> (<Code>{target.id}</Code>) and{' '}
            {count === 0 ? 'its settings' : count === 1 ? 'its 1 connection' : `its ${count} connections`}{' '}
            will be deleted.
          </Text>
          <Text size="sm" c="red" fw={500}>
            All of {target.name}’s secrets are destroyed permanently: the client’s encryption key is erased,
            so they cannot be recovered. (An export you made with secrets keeps its own sealed copy.)
          </Text>
        </>
      )}
    </ConfirmDelete>
  )
}
