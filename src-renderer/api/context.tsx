import { createContext, useContext, type ReactNode } from 'react'
import type { SwitchboardClient } from '../../src-main/contract/api.ts'

const ClientContext = createContext<SwitchboardClient | null>(null)

export function ClientProvider({ client, children }: { client: SwitchboardClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

export function useClient(): SwitchboardClient {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient must be used inside <ClientProvider>')
  return client
}
