// Loads the definition version a connection is pinned to, showing a loader or the error meanwhile.
import { Center, Loader } from '@mantine/core'
import type { ReactNode } from 'react'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useDefinition } from '../definitions/queries.ts'

export function DefinitionLoader({
  integrationId,
  version,
  children,
}: {
  integrationId: string
  version?: string
  children: (definition: IntegrationDefinition) => ReactNode
}) {
  const query = useDefinition(integrationId, version)
  if (query.isPending) {
    return (
      <Center py="md" role="status" aria-live="polite">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  }
  if (query.isError) return <ErrorAlert title="Could not load the integration" error={query.error} />
  return <>{children(query.data.definition)}</>
}
