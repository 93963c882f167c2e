// The Playground's server state: a connection's call history, and running (and cancelling) a call.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import type { CallResult } from '../../../src-main/contract/types.ts'
import { useClient } from '../../api/context.tsx'
import { connectionKeys } from '../connections/queries.ts'

export const runtimeKeys = {
  history: (connectionId: string) => ['runtime', 'history', connectionId] as const,
}

export function useHistory(connectionId: string | null) {
  const client = useClient()
  return useQuery({
    queryKey: runtimeKeys.history(connectionId ?? ''),
    queryFn: () => client.runtime.history({ connectionId: connectionId ?? '', limit: 200 }),
    enabled: connectionId !== null,
  })
}

export interface RunRequest {
  connectionId: string
  methodId: string
  input: unknown
  mock: boolean
}

/** A call id the core accepts (letters, digits, - and _), chosen here so the call can be cancelled. */
const newCallId = () => crypto.randomUUID()

/** Runs calls one at a time; `cancel` stops the running one (the core aborts it and records it). */
export function useRun() {
  const client = useClient()
  const queryClient = useQueryClient()
  const running = useRef<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const mutation = useMutation({
    mutationFn: (request: RunRequest): Promise<CallResult> => {
      const callId = newCallId()
      running.current = callId
      setCancelling(false)
      return client.runtime.invoke({
        connectionId: request.connectionId,
        methodId: request.methodId,
        input: request.input,
        callId,
        ...(request.mock ? { mock: true } : {}),
      })
    },
    onSettled: async (_result, _error, request) => {
      running.current = null
      setCancelling(false)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: runtimeKeys.history(request.connectionId) }),
        // A call may move the connection's status (an expired token, a first success).
        queryClient.invalidateQueries({ queryKey: connectionKeys.all }),
      ])
    },
  })
  const cancel = useCallback(async () => {
    const callId = running.current
    if (!callId) return
    setCancelling(true)
    try {
      await client.runtime.cancel({ callId })
    } catch {
      setCancelling(false)
    }
  }, [client])
  return { ...mutation, cancel, cancelling }
}
