import { IconPlugConnected } from '@tabler/icons-react'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'

export function ConnectionsPage() {
  return (
    <>
      <PageHeader
        title="Connections"
        description="Your clients and their connections, sandbox and production."
      />
      <EmptyState icon={IconPlugConnected} title="No connections yet">
        Each of your clients will have its connections here — one per service and environment — with settings
        checked against the integration and secrets kept in your OS-encrypted vault.
      </EmptyState>
    </>
  )
}
