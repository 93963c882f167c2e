// What can be done to one connection, from its row or its page: open, edit settings, label and
// notes, duplicate to the other environment, delete. Each action's dialog lives here too.
import { ActionIcon, Menu } from '@mantine/core'
import {
  IconCopy,
  IconDotsVertical,
  IconExternalLink,
  IconPencil,
  IconSettings,
  IconTrash,
} from '@tabler/icons-react'
import { useState } from 'react'
import { useLocation } from 'wouter'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { DeleteConnectionDialog } from './DeleteConnectionDialog.tsx'
import { DuplicateModal } from './DuplicateModal.tsx'
import { EditConfigModal } from './EditConfigModal.tsx'
import { LabelNotesModal } from './LabelNotesModal.tsx'
import { connectionName, otherEnvironment } from './names.ts'

type Dialog = 'config' | 'label' | 'duplicate' | 'delete' | null

export function ConnectionMenu({
  connection,
  onPage = false,
  onDeleted,
}: {
  connection: ConnectionView
  /** On the connection's own page: no "Open", and settings are edited in place. */
  onPage?: boolean
  onDeleted?: () => void
}) {
  const [, navigate] = useLocation()
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)
  const name = connectionName(connection)
  const target = otherEnvironment(connection.environment)
  return (
    <>
      <Menu position="bottom-end" shadow="md" width={250}>
        <Menu.Target>
          <ActionIcon
            variant={onPage ? 'default' : 'subtle'}
            color="gray"
            size={onPage ? 'lg' : 'md'}
            aria-label={`Actions for ${name} (${connection.environment})`}
          >
            <IconDotsVertical size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {!onPage && (
            <Menu.Item
              leftSection={<IconExternalLink size={16} aria-hidden />}
              onClick={() => navigate(`/${connection.id}`)}
            >
              Open
            </Menu.Item>
          )}
          {!onPage && (
            <Menu.Item
              leftSection={<IconSettings size={16} aria-hidden />}
              onClick={() => setDialog('config')}
            >
              Edit settings…
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('label')}>
            Label and notes…
          </Menu.Item>
          <Menu.Item leftSection={<IconCopy size={16} aria-hidden />} onClick={() => setDialog('duplicate')}>
            Duplicate to {target}…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setDialog('delete')}
          >
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <EditConfigModal connection={dialog === 'config' ? connection : null} onClose={close} />
      <LabelNotesModal connection={dialog === 'label' ? connection : null} onClose={close} />
      <DuplicateModal source={dialog === 'duplicate' ? connection : null} onClose={close} />
      <DeleteConnectionDialog
        connection={dialog === 'delete' ? connection : null}
        onClose={close}
        {...(onDeleted ? { onDeleted } : {})}
      />
    </>
  )
}
