// The outcome of a run: status, duration, size, transport; the error in a sentence with its paths;
// whether the output matched its schema (with the paths that did not), beside the response itself —
// output, raw body and headers — never thrown away.
import { Alert, Badge, Group, Stack, Table, Tabs, Text } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClock,
  IconFileDescription,
  IconRoute,
} from '@tabler/icons-react'
import { IssueList } from '../../components/IssueList.tsx'
import { formatBytes, formatDuration, statusColor, type CallView, type Header } from './call-view.ts'
import { JsonView } from './JsonView.tsx'

function Summary({ call }: { call: CallView }) {
  return (
    <Group gap="md" aria-label="Response summary">
      <Badge
        size="lg"
        variant="light"
        color={call.ok ? statusColor(call.status) : call.status ? statusColor(call.status) : 'red'}
        tt="none"
        aria-label={call.status ? `Status ${call.status}` : `Failed: ${call.error?.code ?? 'error'}`}
      >
        {call.status ?? call.error?.code ?? 'Failed'}
      </Badge>
      <Group gap={4} title="Duration">
        <IconClock size={14} aria-hidden />
        <Text size="sm" aria-label="Duration">
          {formatDuration(call.durationMs)}
        </Text>
      </Group>
      {call.response && (
        <Group gap={4} title="Response size">
          <IconFileDescription size={14} aria-hidden />
          <Text size="sm">{formatBytes(call.response.sizeBytes)}</Text>
        </Group>
      )}
      {call.transport && (
        <Group gap={4} title="Transport">
          <IconRoute size={14} aria-hidden />
          <Text size="sm">{call.transport}</Text>
        </Group>
      )}
      {call.mock && (
        <Badge variant="outline" color="grape" tt="none">
          Mock data
        </Badge>
      )}
    </Group>
  )
}

function OutputCheck({ issues }: { issues: CallView['outputIssues'] }) {
  if (issues === null) return null
  if (issues.length === 0)
    return (
      <Group gap={6} c="teal" aria-label="Output validation">
        <IconCircleCheck size={16} aria-hidden />
        <Text size="sm">The output matches the method’s output schema.</Text>
      </Group>
    )
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={16} aria-hidden />}
      title="The output does not match the method’s output schema"
      aria-label="Output validation"
    >
      <Stack gap={6}>
        <IssueList issues={issues} />
        <Text size="xs" c="dimmed">
          The response is kept as it came, below.
        </Text>
      </Stack>
    </Alert>
  )
}

export function HeadersTable({ headers, label }: { headers: Header[]; label: string }) {
  if (!headers.length)
    return (
      <Text size="sm" c="dimmed">
        No headers.
      </Text>
    )
  return (
    <Table aria-label={label} layout="fixed" verticalSpacing={4} fz="sm">
      <Table.Tbody>
        {headers.map((header, index) => (
          <Table.Tr key={`${header.name}-${index}`}>
            <Table.Td w="32%" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {header.name}
            </Table.Td>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {header.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function ResponsePanel({ call }: { call: CallView }) {
  const hasOutput = call.output !== undefined
  const tab = hasOutput ? 'output' : 'body'
  return (
    <Stack gap="sm" aria-label="Response" role="region">
      <Summary call={call} />
      {call.error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} aria-hidden />}
          title={call.error.code === 'CANCELLED' ? 'Cancelled' : 'The call failed'}
          role="alert"
        >
          <Stack gap={6}>
            <Text size="sm">{call.error.message}</Text>
            {call.error.issues.length > 0 && <IssueList issues={call.error.issues} />}
          </Stack>
        </Alert>
      )}
      <OutputCheck issues={call.outputIssues} />
      {(call.response?.notice ?? call.response?.truncated) && (
        <Alert color="gray" variant="light" py="xs">
          {call.response.notice ?? 'The body was larger than Switchboard keeps and is cut short.'}
        </Alert>
      )}
      {(hasOutput || call.response) && (
        <Tabs defaultValue={tab} key={tab} keepMounted={false}>
          <Tabs.List>
            {hasOutput && <Tabs.Tab value="output">Output</Tabs.Tab>}
            {call.response && <Tabs.Tab value="body">Raw body</Tabs.Tab>}
            {call.response && <Tabs.Tab value="headers">Headers ({call.response.headers.length})</Tabs.Tab>}
          </Tabs.List>
          {hasOutput && (
            <Tabs.Panel value="output" pt="sm">
              <JsonView value={call.output} label="Output" />
            </Tabs.Panel>
          )}
          {call.response && (
            <>
              <Tabs.Panel value="body" pt="sm">
                <JsonView value={call.response.body} label="Response body" />
              </Tabs.Panel>
              <Tabs.Panel value="headers" pt="sm">
                <HeadersTable headers={call.response.headers} label="Response headers" />
              </Tabs.Panel>
            </>
          )}
        </Tabs>
      )}
    </Stack>
  )
}
