// Before a write or delete method runs against a production connection: a confirmation that names the
// client and the connection, so a sandbox habit never changes a client's live data by mistake.
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core'
import { IconAlertTriangleFilled } from '@tabler/icons-react'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import type { MethodKind } from './method-kind.ts'

export function ConfirmRunModal({
  opened,
  connection,
  methodName,
  methodId,
  kind,
  onConfirm,
  onClose,
}: {
  opened: boolean
  connection: ConnectionView
  methodName: string
  methodId: string
  kind: MethodKind
  onConfirm: () => void
  onClose: () => void
}) {
  const verb = kind === 'delete' ? 'Delete' : 'Change'
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Run on ${connection.clientName}’s production ${connection.integrationName}?`}
      centered
    >
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangleFilled size={18} aria-hidden />}>
          <Text size="sm">
            <strong>{methodName}</strong> <Code>{methodId}</Code> {kind === 'delete' ? 'deletes' : 'changes'}{' '}
            data in <strong>{connection.clientName}</strong>’s live {connection.integrationName} account. This
            is the production connection, not a sandbox.
          </Text>
        </Alert>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm}>
            {verb} {connection.clientName}’s data
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
