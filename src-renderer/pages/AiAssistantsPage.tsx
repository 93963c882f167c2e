// AI assistants: pick a client and what to expose, see the tools `switchboard mcp` would serve (the
// same list, from mcp.preview), and copy a ready configuration for Claude Desktop, Cursor or VS Code.
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconRobot } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Environment, McpSelection, McpToolView } from '../../src-main/contract/types.ts'
import { useClient } from '../api/context.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'
import { assistantConfigs, globsOf } from './assistants/configs.ts'
import { useClients } from './connections/queries.ts'

function Hints({ tool }: { tool: McpToolView }) {
  return (
    <Group gap={4}>
      {tool.annotations.readOnlyHint ? (
        <Badge size="sm" variant="light" color="teal">
          read-only
        </Badge>
      ) : null}
      {tool.annotations.destructiveHint ? (
        <Badge size="sm" variant="light" color="red">
          destructive
        </Badge>
      ) : null}
      {!tool.annotations.readOnlyHint && !tool.annotations.destructiveHint ? (
        <Badge size="sm" variant="light" color="orange">
          writes
        </Badge>
      ) : null}
      {tool.annotations.idempotentHint ? (
        <Badge size="sm" variant="light" color="gray">
          idempotent
        </Badge>
      ) : null}
      {tool.refusal ? (
        <Badge size="sm" variant="filled" color="gray" title={tool.refusal}>
          refused
        </Badge>
      ) : null}
    </Group>
  )
}

function Configs({ clientId, args }: { clientId: string; args: string[] }) {
  const client = useClient()
  const info = useQuery({ queryKey: ['app', 'info'], queryFn: () => client.app.info() })
  const configs = assistantConfigs({ clientId, args, dataDir: info.data?.dataDir ?? null })
  const first = configs[0]?.assistant ?? null
  return (
    <Card withBorder component="section" aria-label="Assistant configurations">
      <Title order={3} size="h4" mb="xs">
        Configuration
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The assistant starts <Code>switchboard mcp</Code> itself. No passphrase or token goes into these
        files: on its first call the server asks this app to open the vault (you allow it here), or without
        the app shows the system’s passphrase prompt. While the app runs, every write or delete on production
        waits for your yes in its dialog. Credentials never leave the vault.
      </Text>
      <Tabs defaultValue={first}>
        <Tabs.List>
          {configs.map((c) => (
            <Tabs.Tab key={c.assistant} value={c.assistant}>
              {c.assistant}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {configs.map((c) => (
          <Tabs.Panel key={c.assistant} value={c.assistant} pt="sm">
            <Group justify="space-between" mb={4}>
              <Text size="sm">{c.file}</Text>
              <CopyButton value={c.text}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : `Copy for ${c.assistant}`}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Code block aria-label={`${c.assistant} configuration`}>
              {c.text}
            </Code>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Card>
  )
}

function Exposure({ clientId }: { clientId: string }) {
  const client = useClient()
  const [unchecked, setUnchecked] = useState<string[]>([])
  const [environment, setEnvironment] = useState<'all' | Environment>('all')
  const [methods, setMethods] = useState('')
  const [readOnly, setReadOnly] = useState(false)
  const [allowProductionWrites, setAllowProductionWrites] = useState(false)
  const [mock, setMock] = useState(false)
  const base: McpSelection = {
    clientId,
    ...(environment !== 'all' ? { environment } : {}),
    ...(globsOf(methods).length ? { methods: globsOf(methods) } : {}),
    ...(readOnly ? { readOnly } : {}),
    ...(allowProductionWrites ? { allowProductionWrites } : {}),
    ...(mock ? { mock } : {}),
  }
  const all = useQuery({
    queryKey: ['mcp', 'connections', clientId],
    queryFn: () => client.mcp.preview({ clientId }),
  })
  const ids = all.data?.connections.map((c) => c.id) ?? []
  const selection: McpSelection =
    unchecked.length > 0 ? { ...base, connectionIds: ids.filter((id) => !unchecked.includes(id)) } : base
  const preview = useQuery({
    queryKey: ['mcp', 'preview', selection],
    queryFn: () => client.mcp.preview(selection),
    enabled: all.isSuccess,
  })
  return (
    <Stack>
      <Card withBorder component="section" aria-label="What to expose">
        <Stack gap="sm">
          <Text fw={500}>Connections</Text>
          {all.data?.connections.length === 0 ? (
            <Text size="sm" c="dimmed">
              This client has no connections yet.
            </Text>
          ) : null}
          {all.data?.connections.map((c) => (
            <Checkbox
              key={c.id}
              label={`${c.integrationName} · ${c.environment}${c.label ? ` · ${c.label}` : ''}`}
              description={c.excluded ?? c.id}
              checked={!unchecked.includes(c.id)}
              onChange={(event) =>
                setUnchecked((list) =>
                  event.currentTarget.checked ? list.filter((id) => id !== c.id) : [...list, c.id],
                )
              }
            />
          ))}
          <SegmentedControl
            aria-label="Environment"
            value={environment}
            onChange={(value) => setEnvironment(value as 'all' | Environment)}
            data={[
              { value: 'all', label: 'Both environments' },
              { value: 'sandbox', label: 'Sandbox' },
              { value: 'production', label: 'Production' },
            ]}
          />
          <TextInput
            label="Methods"
            description="Globs (* and ?) on method ids or tool names, separated by commas; empty for all"
            placeholder="customers.*, *list"
            value={methods}
            onChange={(event) => setMethods(event.currentTarget.value)}
          />
          <Group>
            <Switch
              label="Reads only"
              checked={readOnly}
              onChange={(e) => setReadOnly(e.currentTarget.checked)}
            />
            <Switch
              label="Allow writes on production"
              checked={allowProductionWrites}
              onChange={(e) => setAllowProductionWrites(e.currentTarget.checked)}
            />
            <Switch label="Mock answers" checked={mock} onChange={(e) => setMock(e.currentTarget.checked)} />
          </Group>
        </Stack>
      </Card>
      <QueryState query={preview}>
        {(plan) => (
          <>
            {plan.warning ? (
              <Alert color="orange" icon={<IconAlertTriangle size={16} aria-hidden />} title="Many tools">
                {plan.warning}
              </Alert>
            ) : null}
            <Card withBorder component="section" aria-label="Tools">
              <Title order={3} size="h4" mb="xs">
                {plan.tools.length} {plan.tools.length === 1 ? 'tool' : 'tools'}
              </Title>
              {plan.tools.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing is exposed with these choices.
                </Text>
              ) : (
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Tool</Table.Th>
                      <Table.Th>Method</Table.Th>
                      <Table.Th>Hints</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {plan.tools.map((tool) => (
                      <Table.Tr key={tool.name}>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {tool.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {tool.integrationName} · {tool.environment} · {tool.methodId}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Hints tool={tool} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Configs clientId={plan.clientId} args={plan.args} />
          </>
        )}
      </QueryState>
    </Stack>
  )
}

export function AiAssistantsPage() {
  const clients = useClients()
  const [picked, setPicked] = useState<string | null>(null)
  return (
    <>
      <PageHeader
        title="AI assistants"
        description="Serve one client’s connections as MCP tools to Claude, Cursor or VS Code. Credentials stay in your vault."
      />
      <QueryState query={clients}>
        {(list) => {
          const clientId = picked ?? list[0]?.id ?? null
          return list.length === 0 ? (
            <EmptyState icon={IconRobot} title="No clients yet">
              Add a client and its connections first; their methods become the assistant’s tools.
            </EmptyState>
          ) : (
            <Stack>
              <Select
                label="Client"
                placeholder="Pick a client"
                data={list.map((c) => ({ value: c.id, label: c.name }))}
                value={clientId}
                onChange={setPicked}
                allowDeselect={false}
                w={320}
              />
              {clientId ? <Exposure key={clientId} clientId={clientId} /> : null}
            </Stack>
          )
        }}
      </QueryState>
    </>
  )
}
