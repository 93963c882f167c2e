import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import type { SwitchboardClient } from '../src-main/contract/api.ts'
import type { Subscribe } from '../src-main/contract/events.ts'
import { ClientProvider } from './api/context.tsx'
import { PushProvider } from './api/push.tsx'
import { App } from './App.tsx'
import { theme } from './theme.ts'

/** Everything the app needs around it; main.tsx and the renderer tests mount the same tree. */
export function Root({
  client,
  subscribe = null,
}: {
  client: SwitchboardClient
  subscribe?: Subscribe | null
}) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  )
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <ClientProvider client={client}>
          <PushProvider subscribe={subscribe}>
            <App />
          </PushProvider>
        </ClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
