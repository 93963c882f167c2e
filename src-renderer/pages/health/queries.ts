// The Health page's server state, with one key root so a push refreshes everything shown.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import type { HealthRunProgress, HealthTarget } from '../../../src-main/contract/health.ts'
import type { Environment } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { usePush } from '../../api/push.tsx'

export const healthKeys = {
  all: ['health'] as const,
  overview: (clientId: string | null, environment: Environment | null) =>
    ['health', 'overview', clientId, environment] as const,
  history: (connectionId: string) => ['health', 'history', connectionId] as const,
}

export function useHealthOverview(clientId: string | null, environment: Environment | null) {
  const client = useClient()
  return useQuery({
    queryKey: healthKeys.overview(clientId, environment),
    queryFn: () =>
      client.health.overview({
        ...(clientId ? { clientId } : {}),
        ...(environment ? { environment } : {}),
      }),
    // While checks run, look again each second: the push channel usually refreshes sooner, and a
    // host without one (or a missed batch) still ends with the results on screen.
    refetchInterval: (query) => {
      const data = query.state.data
      return data?.run?.running || data?.connections.some((c) => c.checking) ? 1000 : false
    },
  })
}

export function useHealthHistory(connectionId: string | null) {
  const client = useClient()
  return useQuery({
    queryKey: healthKeys.history(connectionId ?? ''),
    queryFn: () => client.health.history({ connectionId: connectionId ?? '', limit: 50 }),
    enabled: connectionId !== null,
  })
}

export function useClients() {
  const client = useClient()
  return useQuery({ queryKey: ['clients'], queryFn: () => client.clients.list() })
}

export function useRefreshHealth(): () => Promise<void> {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.invalidateQueries({ queryKey: healthKeys.all }), [queryClient])
}

/**
 * Live updates: each pushed batch (at most four a second) refreshes what is on screen once; the run's
 * latest progress is kept from the batch itself, so the bar moves without waiting for the refetch.
 */
export function useLiveHealth(): HealthRunProgress | null {
  const refresh = useRefreshHealth()
  const [progress, setProgress] = useState<HealthRunProgress | null>(null)
  usePush('health.progress', (payloads) => {
    const latest = payloads.at(-1)
    if (latest) setProgress(latest)
    void refresh()
  })
  usePush('health.result', () => void refresh())
  usePush('health.scheduler', () => void refresh())
  return progress
}

export function useCheckNow() {
  const client = useClient()
  const refresh = useRefreshHealth()
  return useMutation({
    mutationFn: (target: HealthTarget) => client.health.checkNow(target),
    onSuccess: () => refresh(),
  })
}
