// A connection's health as people should read it: green only after a check (or a call) succeeded
// with its current credentials; saved-but-never-checked credentials are "untested".
import type { ConnectionView } from '../../../../src-main/contract/types.ts'

export type Health = 'untested' | 'healthy' | 'failing'

export function healthOf(connection: Pick<ConnectionView, 'lastHealthCheckStatus'>): Health {
  if (connection.lastHealthCheckStatus === 'success') return 'healthy'
  if (connection.lastHealthCheckStatus === 'failure') return 'failing'
  return 'untested'
}

export const healthLooks: Record<Health, { label: string; color: string; meaning: string }> = {
  untested: {
    label: 'untested',
    color: 'gray',
    meaning: 'Nothing has proved these credentials work yet: run a test.',
  },
  healthy: {
    label: 'healthy',
    color: 'teal',
    meaning: 'The last check succeeded with the current credentials.',
  },
  failing: { label: 'failing', color: 'red', meaning: 'The last check failed.' },
}
