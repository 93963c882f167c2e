import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import type { SwitchboardClient } from '../src-main/contract/api.ts'
import { ClientProvider } from './api/context.tsx'
import { App } from './App.tsx'
import { theme } from './theme.ts'

/** Everything the app needs around it; main.tsx and the renderer tests mount the same tree. */
export function Root({ client }: { client: SwitchboardClient }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  )
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <ClientProvider client={client}>
          <App />
        </ClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
