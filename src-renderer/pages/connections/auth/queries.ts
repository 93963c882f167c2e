// A connection's sign-in status, under the connections' keys: every change that refreshes the
// connections (sign-in, disconnect, a vault unlock) refreshes it too.
import { useQuery } from '@tanstack/react-query'
import { useClient } from '../../../api/context.tsx'
import { connectionKeys } from '../queries.ts'

export const authKeys = {
  status: (connectionId: string) => [...connectionKeys.all, 'auth', connectionId] as const,
}

export function useAuthStatus(connectionId: string) {
  const client = useClient()
  return useQuery({
    queryKey: authKeys.status(connectionId),
    queryFn: () => client.auth.status({ connectionId }),
  })
}
