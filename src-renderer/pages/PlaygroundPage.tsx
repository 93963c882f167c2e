import { IconPlayerPlay } from '@tabler/icons-react'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'

export function PlaygroundPage() {
  return (
    <>
      <PageHeader
        title="Playground"
        description="Run any method against a connection and see exactly what was sent."
      />
      <EmptyState icon={IconPlayerPlay} title="Nothing to run yet">
        Pick a connection and a method to get a form built from its input schema, run it, and inspect the
        exact request and response.
      </EmptyState>
    </>
  )
}
