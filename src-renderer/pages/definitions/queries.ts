// The Definitions page's server state: one place for query keys, so every change (import, rollback)
// refreshes the catalog and the open detail page together.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useClient } from '../../api/context.tsx'

export const definitionKeys = {
  all: ['definitions'] as const,
  catalog: (query: string, category: string | null) => ['definitions', 'catalog', query, category] as const,
  detail: (integrationId: string) => ['definitions', 'detail', integrationId] as const,
}

export function useCatalog(query: string, category: string | null) {
  const client = useClient()
  return useQuery({
    queryKey: definitionKeys.catalog(query, category),
    queryFn: () =>
      client.definitions.catalog({
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(category ? { category } : {}),
      }),
    // While the next search runs, keep showing the last results rather than a spinner.
    placeholderData: keepPreviousData,
  })
}

/** A definition: its current version, or the kept `version` a connection is pinned to. */
export function useDefinition(integrationId: string, version?: string) {
  const client = useClient()
  return useQuery({
    queryKey: version
      ? [...definitionKeys.detail(integrationId), version]
      : definitionKeys.detail(integrationId),
    queryFn: () => client.definitions.get({ integrationId, ...(version ? { version } : {}) }),
  })
}

/** Marks every definitions query stale (and refetches the ones on screen). */
export function useRefreshDefinitions(): () => Promise<void> {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.invalidateQueries({ queryKey: definitionKeys.all }), [queryClient])
}
