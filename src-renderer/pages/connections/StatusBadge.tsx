// A connection's status in colour, with the last error (or what the status means) on hover and focus.
// Honest: credentials that are stored but have not yet worked read "untested", not a green "connected";
// green only once a check or a call has succeeded with them (the core's health state).
import { Badge, Tooltip, type MantineColor } from '@mantine/core'
import {
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconHelpCircle,
  IconLock,
  type Icon,
} from '@tabler/icons-react'
import type { ConnectionStatus, ConnectionView } from '../../../src-main/contract/types.ts'

type Shown = ConnectionStatus | 'untested' | 'failing'

const looks: Record<Shown, { color: MantineColor; icon: Icon; meaning: string }> = {
  connected: {
    color: 'teal',
    icon: IconCircleCheck,
    meaning: 'A check or a call succeeded with the current credentials.',
  },
  untested: {
    color: 'yellow',
    icon: IconHelpCircle,
    meaning: 'Credentials are stored, but nothing has proved they work yet: test it.',
  },
  failing: { color: 'red', icon: IconCircleX, meaning: 'The last check, or a call, was refused.' },
  disconnected: { color: 'gray', icon: IconCircleDashed, meaning: 'No credentials yet: it cannot be used.' },
  error: { color: 'red', icon: IconCircleX, meaning: 'The last attempt to use it failed.' },
  locked: {
    color: 'orange',
    icon: IconLock,
    meaning: 'Its secrets cannot be decrypted: enter them again.',
  },
}

/** What the badge says: auth state first; for usable credentials, what is known of their health. */
export function shownStatus(connection: Pick<ConnectionView, 'status' | 'healthState'>): Shown {
  if (connection.status !== 'connected') return connection.status
  if (connection.healthState === 'healthy') return 'connected'
  return connection.healthState === 'failing' ? 'failing' : 'untested'
}

export function StatusBadge({
  connection,
}: {
  connection: Pick<ConnectionView, 'status' | 'healthState' | 'lastErrorMessage'>
}) {
  const shown = shownStatus(connection)
  const look = looks[shown]
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
        aria-label={`Status: ${shown}. ${detail}`}
      >
        {shown}
      </Badge>
    </Tooltip>
  )
}
