// What the dashboard shows for a connection: one display status from its state (status module) and
// its latest check, with the colour and label of each.
import type { HealthConnectionSummary } from '../../../src-main/contract/health.ts'

export const displayStatuses = ['failing', 'locked', 'attention', 'warning', 'untested', 'healthy'] as const
export type DisplayStatus = (typeof displayStatuses)[number]

export const statusColours: Record<DisplayStatus, string> = {
  failing: 'red',
  locked: 'grape',
  attention: 'orange',
  warning: 'yellow',
  untested: 'gray',
  healthy: 'teal',
}

export const statusLabels: Record<DisplayStatus, string> = {
  failing: 'Failing',
  locked: 'Locked',
  attention: 'Needs attention',
  warning: 'Warning',
  untested: 'Not checked yet',
  healthy: 'Healthy',
}

export function displayStatus(s: Pick<HealthConnectionSummary, 'state' | 'lastCheck'>): DisplayStatus {
  if (s.state === 'locked' || s.lastCheck?.outcome === 'locked') return 'locked'
  if (s.lastCheck?.outcome === 'fail' || s.state === 'failing' || s.state === 'sign-in-needed')
    return 'failing'
  if (s.state === 'disconnected' || s.state === 'needs-setup') return 'attention'
  if (s.lastCheck?.outcome === 'warn') return 'warning'
  if (!s.lastCheck || s.state === 'untested') return 'untested'
  return 'healthy'
}

/** "3 min ago", "2 h ago", "just now": for last-check times on the cards. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.round(hours / 24)} days ago`
}
