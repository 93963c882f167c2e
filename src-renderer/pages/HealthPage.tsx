import { IconActivityHeartbeat } from '@tabler/icons-react'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'

export function HealthPage() {
  return (
    <>
      <PageHeader
        title="Health"
        description="Scheduled checks of every connection, with history and alerts."
      />
      <EmptyState icon={IconActivityHeartbeat} title="No health checks yet">
        Once you have connections, Switchboard checks them on a schedule and shows here which are healthy,
        which need attention (an expired sign-in, a revoked key) and how they fared over time.
      </EmptyState>
    </>
  )
}
