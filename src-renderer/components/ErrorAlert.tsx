// An error from a call, with its code and each issue as `path — message`.
import { Alert, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { ApiError } from '../api/client.ts'
import { IssueList } from './IssueList.tsx'

export function ErrorAlert({ title, error }: { title: string; error: Error }) {
  const issues = error instanceof ApiError ? (error.details?.issues ?? []) : []
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={title}
      role="alert"
    >
      <Stack gap={6}>
        <Text size="sm">{error.message}</Text>
        {issues.length > 0 && <IssueList issues={issues} />}
        {error instanceof ApiError && (
          <Text size="xs" c="dimmed">
            Error code: {error.code}
          </Text>
        )}
      </Stack>
    </Alert>
  )
}
