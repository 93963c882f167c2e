// Loading and error states for a query, shown the same way on every page.
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ApiError } from '../api/client.ts'

export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>
  children: (data: T) => ReactNode
}) {
  if (query.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  }
  if (query.isError) {
    const error = query.error
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load this page" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{error.message}</Text>
          {error instanceof ApiError && (
            <Text size="xs" c="dimmed">
              Error code: {error.code}
            </Text>
          )}
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    )
  }
  return <>{children(query.data)}</>
}
