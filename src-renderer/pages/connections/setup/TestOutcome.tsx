// What a health check found: passed or failed in a sentence, the method it ran, how long it took, and
// the provider's status — with a way to look at the whole call in the Playground.
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core'
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react'
import { Link } from 'wouter'
import type { ConnectionTestResult } from '../../../../src-main/contract/types.ts'
import { IssueList } from '../../../components/IssueList.tsx'

export function TestOutcome({ result }: { result: ConnectionTestResult }) {
  const call = result.call
  const issues = call?.error?.details?.issues ?? call?.outputValidation?.issues ?? []
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      variant="light"
      icon={result.ok ? <IconCircleCheck size={18} aria-hidden /> : <IconCircleX size={18} aria-hidden />}
      title={result.ok ? 'The test passed' : 'The test failed'}
      aria-label="Test result"
    >
      <Stack gap={6}>
        <Text size="sm">{result.message}</Text>
        {issues.length > 0 && <IssueList issues={issues} />}
        {call && (
          <Group gap="md">
            <Text size="xs" c="dimmed">
              {call.methodId} · {Math.round(call.durationMs)} ms
              {call.response ? ` · HTTP ${call.response.status}` : ''}
              {call.error ? ` · ${call.error.code}` : ''}
            </Text>
            <Anchor
              component={Link}
              href={`~/playground/${encodeURIComponent(result.connectionId)}/${encodeURIComponent(call.methodId)}`}
              size="xs"
            >
              Open in the Playground
            </Anchor>
          </Group>
        )}
      </Stack>
    </Alert>
  )
}
