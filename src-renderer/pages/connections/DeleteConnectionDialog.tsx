// Deleting a connection: names the client and the connection, and says its credentials go with it.
// An OAuth connection's tokens are revoked at the provider first; when that failed (or the provider
// cannot revoke), the person is told before the connection leaves the screen.
import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { ConnectionView, DisconnectResult } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { RevocationResult } from './auth/SignInCard.tsx'
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
  const [revocation, setRevocation] = useState<{ name: string; result: DisconnectResult } | null>(null)
  const finish = async () => {
    close()
    onDeleted?.()
    await refresh()
  }
  const remove = useMutation({
    mutationFn: (id: string) => client.connections.delete({ id }),
    onSuccess: async ({ revocation: result }) => {
      if (connection && result && (result.error || !result.revocationSupported)) {
        // Said first: the connection (and this dialog with it) leaves the screen once acknowledged.
        setRevocation({ name: connection.integrationName, result })
        return
      }
      await finish()
    },
  })
  const close = () => {
    remove.reset()
    onClose()
  }
  return (
    <>
      <Modal
        opened={revocation !== null}
        onClose={() => {
          setRevocation(null)
          void finish()
        }}
        title="Connection deleted"
      >
        {revocation && (
          <Stack gap="sm">
            <RevocationResult result={revocation.result} provider={revocation.name} />
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  setRevocation(null)
                  void finish()
                }}
              >
                OK
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmDelete
        opened={connection !== null && revocation === null}
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
    </>
  )
}
