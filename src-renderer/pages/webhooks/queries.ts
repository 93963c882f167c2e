// The webhook inspector's server state, with one key root so a push refreshes everything shown.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useClient } from '../../api/context.tsx'
import { usePush } from '../../api/push.tsx'

export const webhookKeys = {
  all: ['webhooks'] as const,
  endpoints: ['webhooks', 'endpoints'] as const,
  events: (connectionId: string) => ['webhooks', 'events', connectionId] as const,
  event: (id: number) => ['webhooks', 'event', id] as const,
}

export function useEndpoints() {
  const client = useClient()
  return useQuery({ queryKey: webhookKeys.endpoints, queryFn: () => client.webhooks.endpoints() })
}

export function useWebhookEvents(connectionId: string) {
  const client = useClient()
  return useQuery({
    queryKey: webhookKeys.events(connectionId),
    queryFn: () => client.webhooks.list({ connectionId, limit: 200 }),
  })
}

export function useWebhookEvent(id: number | null) {
  const client = useClient()
  return useQuery({
    queryKey: webhookKeys.event(id ?? 0),
    queryFn: () => client.webhooks.get({ id: id ?? 0 }),
    enabled: id !== null,
  })
}

export function useRefreshWebhooks(): () => Promise<void> {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.invalidateQueries({ queryKey: webhookKeys.all }), [queryClient])
}

/** Live updates: each pushed batch (at most four a second) refreshes what is on screen once. */
export function useLiveWebhooks(): void {
  const refresh = useRefreshWebhooks()
  usePush('webhooks.event', () => void refresh())
  usePush('webhooks.receiver', () => void refresh())
}
