// The Connections page's server state: one place for query keys, so every change (create, rotate,
// delete, a vault unlock) refreshes the lists and the open detail together.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useClient } from '../../api/context.tsx'

export const connectionKeys = {
  all: ['connections'] as const,
  clients: ['connections', 'clients'] as const,
  list: ['connections', 'list'] as const,
  detail: (id: string) => ['connections', 'detail', id] as const,
}

export const vaultKey = ['vault', 'status'] as const

export function useClients() {
  const client = useClient()
  return useQuery({ queryKey: connectionKeys.clients, queryFn: () => client.clients.list() })
}

export function useConnections() {
  const client = useClient()
  return useQuery({ queryKey: connectionKeys.list, queryFn: () => client.connections.list() })
}

export function useConnection(id: string) {
  const client = useClient()
  return useQuery({ queryKey: connectionKeys.detail(id), queryFn: () => client.connections.get({ id }) })
}

export function useVaultStatus() {
  const client = useClient()
  return useQuery({ queryKey: vaultKey, queryFn: () => client.vault.status() })
}

/** Marks every clients/connections query stale (and refetches the ones on screen). */
export function useRefreshConnections(): () => Promise<void> {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.invalidateQueries({ queryKey: connectionKeys.all }), [queryClient])
}

/** After the vault changed: its status, and the connections whose status may follow it. */
export function useRefreshVault(): () => Promise<void> {
  const queryClient = useQueryClient()
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: vaultKey }),
      queryClient.invalidateQueries({ queryKey: connectionKeys.all }),
    ])
  }, [queryClient])
}
