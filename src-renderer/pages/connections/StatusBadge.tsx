// A connection's status in colour, with the last error (or what the status means) on hover and focus.
import { Badge, Tooltip, type MantineColor } from '@mantine/core'
import { IconCircleCheck, IconCircleDashed, IconCircleX, IconLock, type Icon } from '@tabler/icons-react'
import type { ConnectionStatus, ConnectionView } from '../../../src-main/contract/types.ts'

const looks: Record<ConnectionStatus, { color: MantineColor; icon: Icon; meaning: string }> = {
  connected: { color: 'teal', icon: IconCircleCheck, meaning: 'Credentials are stored.' },
  disconnected: { color: 'gray', icon: IconCircleDashed, meaning: 'No credentials yet: it cannot be used.' },
  error: { color: 'red', icon: IconCircleX, meaning: 'The last attempt to use it failed.' },
  locked: {
    color: 'orange',
    icon: IconLock,
    meaning: 'Its secrets cannot be decrypted: enter them again.',
  },
}

export function StatusBadge({
  connection,
}: {
  connection: Pick<ConnectionView, 'status' | 'lastErrorMessage'>
}) {
  const look = looks[connection.status]
  const detail = connection.lastErrorMessage ?? look.meaning
  return (
    <Tooltip label={detail} multiline maw={320} withArrow openDelay={150}>
      <Badge
        color={look.color}
        variant="light"
        size="sm"
        tt="none"
        leftSection={<look.icon size={12} aria-hidden />}
        // Focusable, so the tooltip also opens from the keyboard; its text is the accessible description.
        tabIndex={0}
        aria-label={`Status: ${connection.status}. ${detail}`}
      >
        {connection.status}
      </Badge>
    </Tooltip>
  )
}
