// The exact request the core sent, credentials masked as the core recorded them, and the same request
// as curl, fetch or Python to copy.
import { Badge, Button, Code, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useClipboard } from '@mantine/hooks'
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { parseJson } from './input-json.ts'
import { JsonView } from './JsonView.tsx'
import { HeadersTable } from './ResponsePanel.tsx'
import { snippet, snippetTargets, type SentRequest, type SnippetId } from './snippets.ts'

function Body({ body }: { body: string }) {
  const parsed = parseJson(body)
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (
    <JsonView value={parsed.value} label="Request body" />
  ) : (
    <Code block>{body}</Code>
  )
}

export function RequestView({ request }: { request: SentRequest }) {
  const [target, setTarget] = useState<SnippetId>('curl')
  const clipboard = useClipboard({ timeout: 1500 })
  const code = useMemo(() => snippet(request, target), [request, target])
  const label = snippetTargets.find((t) => t.id === target)?.label ?? target
  return (
    <Stack gap="sm" role="region" aria-label="Request">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge variant="light" tt="none" ff="monospace">
          {request.method}
        </Badge>
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} aria-label="Request URL">
          {request.url}
        </Text>
      </Group>
      <Group gap={6} c="dimmed">
        <IconShieldLock size={14} aria-hidden />
        <Text size="xs">Credentials are masked: the snippets carry the masks, never the secrets.</Text>
      </Group>
      <HeadersTable headers={request.headers} label="Request headers" />
      {request.body !== null && request.body !== '' && <Body body={request.body} />}
      <Group justify="space-between" mt="xs">
        <SegmentedControl
          size="xs"
          aria-label="Snippet language"
          value={target}
          onChange={(value) => setTarget(value as SnippetId)}
          data={snippetTargets.map((t) => ({ value: t.id, label: t.label }))}
        />
        <Button
          size="xs"
          variant="light"
          leftSection={
            clipboard.copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
          }
          onClick={() => clipboard.copy(code)}
          color={clipboard.copied ? 'teal' : undefined}
        >
          {clipboard.copied ? 'Copied' : `Copy as ${label}`}
        </Button>
      </Group>
      <Code block aria-label={`${label} snippet`} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {code}
      </Code>
    </Stack>
  )
}
