// A connection's health as people should read it (the core's health state, kept apart from auth):
// green only after a check or a call succeeded with its current credentials; saved-but-never-checked
// credentials are "untested".
import type { ConnectionView } from '../../../../src-main/contract/types.ts'

export type Health = ConnectionView['healthState']

export const healthOf = (connection: Pick<ConnectionView, 'healthState'>): Health => connection.healthState

export const healthLooks: Record<Health, { label: string; color: string; meaning: string }> = {
  untested: {
    label: 'untested',
    color: 'gray',
    meaning: 'Nothing has proved these credentials work yet: run a test.',
  },
  healthy: {
    label: 'healthy',
    color: 'teal',
    meaning: 'A check or a call succeeded with the current credentials.',
  },
  failing: { label: 'failing', color: 'red', meaning: 'The last check, or a call, was refused.' },
}
