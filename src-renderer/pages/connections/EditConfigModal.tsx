// A connection's settings in a dialog, opened from the list.
import { Modal } from '@mantine/core'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ConfigEditor } from './ConfigEditor.tsx'
import { DefinitionLoader } from './DefinitionLoader.tsx'
import { connectionName } from './names.ts'

export function EditConfigModal({
  connection,
  onClose,
}: {
  connection: ConnectionView | null
  onClose: () => void
}) {
  return (
    <Modal
      opened={connection !== null}
      onClose={onClose}
      title={connection ? `Settings of ${connectionName(connection)}` : ''}
      size="lg"
    >
      {connection && (
        <DefinitionLoader integrationId={connection.integrationId} version={connection.definitionVersion}>
          {(definition) => (
            <ConfigEditor
              connection={connection}
              definition={definition}
              onSaved={onClose}
              onCancel={onClose}
            />
          )}
        </DefinitionLoader>
      )}
    </Modal>
  )
}
