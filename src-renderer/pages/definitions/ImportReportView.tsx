// What an import did, file by file: a status badge, the definitions stored, its warnings (ignored
// parameters, missing endpoints) and notes (what a converted spec's parts became), and for a rejected
// file every issue as `path — message`.
import { Alert, Anchor, Badge, Group, Paper, Stack, Text, type MantineColor } from '@mantine/core'
import { IconFileCheck, IconFileOff } from '@tabler/icons-react'
import { Link } from 'wouter'
import type { ImportFileResult, ImportReport } from '../../../src-main/contract/types.ts'
import { IssueList } from '../../components/IssueList.tsx'

const statusColors: Record<ImportFileResult['status'], MantineColor> = {
  imported: 'teal',
  upgraded: 'blue',
  unchanged: 'gray',
  rejected: 'red',
}

function summaryOf(report: ImportReport): string {
  const counts = new Map<string, number>()
  for (const file of report.files) counts.set(file.status, (counts.get(file.status) ?? 0) + 1)
  const parts = (['imported', 'upgraded', 'unchanged', 'rejected'] as const)
    .filter((status) => counts.get(status))
    .map((status) => `${counts.get(status)} ${status}`)
  const files = report.files.length === 1 ? '1 file' : `${report.files.length} files`
  return `${files}: ${parts.join(', ')}`
}

function FileResult({ result, onOpen }: { result: ImportFileResult; onOpen: () => void }) {
  const rejected = result.status === 'rejected'
  return (
    <Paper withBorder p="sm" component="section" aria-label={result.file}>
      <Group
        justify="space-between"
        wrap="nowrap"
        gap="sm"
        mb={rejected || result.definitions.length ? 6 : 0}
      >
        <Group gap={8} wrap="nowrap" miw={0}>
          {rejected ? (
            <IconFileOff size={18} color="var(--mantine-color-red-6)" aria-hidden style={{ flexShrink: 0 }} />
          ) : (
            <IconFileCheck
              size={18}
              color="var(--mantine-color-teal-6)"
              aria-hidden
              style={{ flexShrink: 0 }}
            />
          )}
          <Text size="sm" fw={600} truncate="end" title={result.file}>
            {result.file}
          </Text>
        </Group>
        <Badge color={statusColors[result.status]} variant="light" style={{ flexShrink: 0 }}>
          {result.status}
        </Badge>
      </Group>
      {rejected ? (
        <IssueList issues={result.issues} />
      ) : (
        <Stack gap={6}>
          <Stack gap={2}>
            {result.definitions.map((definition) => (
              <Text size="sm" key={definition.integrationId}>
                <Anchor component={Link} href={`/${definition.integrationId}`} onClick={onOpen}>
                  {definition.integrationId}
                </Anchor>{' '}
                {definition.version}
                {definition.previousVersion && definition.previousVersion !== definition.version && (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    (was {definition.previousVersion})
                  </Text>
                )}
              </Text>
            ))}
          </Stack>
          {result.warnings.length > 0 && (
            <Alert color="yellow" variant="light" p="xs" title="Warnings" aria-label="Warnings">
              <IssueList issues={result.warnings} />
            </Alert>
          )}
          {result.notes.length > 0 && (
            <details>
              <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
                What went where ({result.notes.length})
              </Text>
              <IssueList issues={result.notes} />
            </details>
          )}
        </Stack>
      )}
    </Paper>
  )
}

export function ImportReportView({ report, onOpen }: { report: ImportReport; onOpen: () => void }) {
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500} role="status">
        {summaryOf(report)}
      </Text>
      {report.files.map((result, index) => (
        <FileResult key={`${result.file}-${index}`} result={result} onOpen={onOpen} />
      ))}
    </Stack>
  )
}
