// A connection's state in colour, with the last error (or what the state means) on hover and focus.
// The state is the core's honest one: green only after a check or call succeeded with the current
// credentials; saved-but-never-checked shows as "untested".
import { Badge, Tooltip, type MantineColor } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconHelpCircle,
  IconLock,
  IconLogin,
  type Icon,
} from '@tabler/icons-react'
import type { ConnectionState, ConnectionView } from '../../../src-main/contract/types.ts'

const looks: Record<ConnectionState, { color: MantineColor; icon: Icon; meaning: string }> = {
  healthy: {
    color: 'teal',
    icon: IconCircleCheck,
    meaning: 'The last check or call succeeded with these credentials.',
  },
  untested: {
    color: 'gray',
    icon: IconHelpCircle,
    meaning: 'Credentials are saved but have not been checked yet: run Test now.',
  },
  failing: {
    color: 'red',
    icon: IconCircleX,
    meaning: 'The last check or call with these credentials failed.',
  },
  'needs-setup': {
    color: 'yellow',
    icon: IconAlertTriangle,
    meaning: 'A setting that is picked after sign-in is still empty.',
  },
  'sign-in-needed': { color: 'orange', icon: IconLogin, meaning: 'Sign in to use it.' },
  disconnected: { color: 'gray', icon: IconCircleDashed, meaning: 'No credentials yet: it cannot be used.' },
  locked: {
    color: 'orange',
    icon: IconLock,
    meaning: 'Its secrets cannot be decrypted: enter them again.',
  },
}

export function StatusBadge({
  connection,
}: {
  connection: Pick<ConnectionView, 'state' | 'lastErrorMessage'>
}) {
  const look = looks[connection.state]
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
        aria-label={`Status: ${connection.state}. ${detail}`}
      >
        {connection.state}
      </Badge>
    </Tooltip>
  )
}
