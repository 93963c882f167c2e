// One connection in the Playground: the chosen method's input (form ⇄ JSON), Run and Cancel, and on
// the right the response, the request as sent (with snippets) and the connection's history.
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Code,
  Group,
  Kbd,
  Loader,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import { useHotkeys, useOs } from '@mantine/hooks'
import type { RJSFSchema } from '@rjsf/utils'
import {
  IconListSearch,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlugConnectedX,
  IconSend,
} from '@tabler/icons-react'
import { lazy, Suspense, useMemo, useState } from 'react'
import type { IntegrationDefinition, MethodDefinition } from '../../../src-main/contract/definition-format.ts'
import { endpointNeed } from '../../../src-main/contract/definition-defaults.ts'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { toCallView, type CallView } from './call-view.ts'
import { ConfirmRunModal } from './ConfirmRunModal.tsx'
import { HistoryPanel, type HistoryEntryView } from './HistoryPanel.tsx'
import { InputEditor } from './InputEditor.tsx'
import { toJsonText } from './input-json.ts'
import { editJson, initialInput, inputToSend, type InputState } from './input-state.ts'
import { methodKind, needsConfirmation, type MethodKind } from './method-kind.ts'
import { useHistory, useRun, type RunRequest } from './queries.ts'
import { ResponsePanel } from './ResponsePanel.tsx'

// The snippet generator (httpsnippet and its URL and query-string helpers) loads with the first request shown.
const RequestView = lazy(() => import('./RequestView.tsx').then((m) => ({ default: m.RequestView })))

const kindColors: Record<MethodKind, string> = { read: 'teal', write: 'blue', delete: 'red' }

/** A call that failed before the runtime answered (no such method, vault locked): shown like one. */
function failedView(error: Error): CallView {
  return {
    ok: false,
    status: null,
    durationMs: null,
    transport: null,
    mock: false,
    error: {
      code: error instanceof ApiError ? error.code : 'UNAVAILABLE',
      message: error.message,
      issues: error instanceof ApiError ? (error.details?.issues ?? []) : [],
    },
    response: null,
    output: undefined,
    outputIssues: null,
    request: null,
  }
}

function MethodHeader({ method }: { method: MethodDefinition }) {
  const kind = methodKind(method)
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="center">
        <Title order={3} size="h4">
          {method.name}
        </Title>
        <Badge size="sm" variant="light" color={kindColors[kind]} tt="none">
          {kind}
        </Badge>
      </Group>
      {method.http && (
        <Group gap={6} wrap="nowrap">
          <Badge size="sm" variant="outline" tt="none" ff="monospace">
            {method.http.method}
          </Badge>
          <Code>{method.http.path}</Code>
        </Group>
      )}
      {method.description && (
        <Text size="sm" c="dimmed" lineClamp={3}>
          {method.description}
        </Text>
      )}
    </Stack>
  )
}

/** "Needs an endpoint": the definition says what the method is, but not where to send it. */
function NeedsEndpoint({ reason }: { reason: string }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconPlugConnectedX size={18} aria-hidden />}
      title="Needs an endpoint"
    >
      {reason.replace(/^Needs an endpoint: /, 'Nowhere to send it yet: ')} Turn on Mock to try it with
      generated data.
    </Alert>
  )
}

export function Workbench({
  connection,
  definition,
  methodId,
  onMethod,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  methodId: string | null
  onMethod: (methodId: string) => void
}) {
  const os = useOs()
  const mod = os === 'macos' ? '⌘' : 'Ctrl'
  const method = definition.methods.find((m) => m.id === methodId) ?? null
  const key = (id: string) => `${connection.id}/${id}`
  const [inputs, setInputs] = useState<Record<string, InputState>>({})
  const [results, setResults] = useState<Record<string, CallView>>({})
  const [tab, setTab] = useState<string | null>('response')
  const [mock, setMock] = useState(false)
  const [pending, setPending] = useState<RunRequest | null>(null)
  const history = useHistory(connection.id)
  const run = useRun()

  const schemaOf = (m: MethodDefinition) => m.inputSchema as RJSFSchema
  const inputOf = (m: MethodDefinition) => inputs[key(m.id)] ?? initialInput(schemaOf(m))
  const setInput = (id: string, state: InputState) => setInputs((all) => ({ ...all, [key(id)]: state }))

  const execute = (request: RunRequest) => {
    setTab('response')
    run.mutate(request, {
      onSuccess: (result) => setResults((all) => ({ ...all, [key(request.methodId)]: toCallView(result) })),
      onError: (error) => setResults((all) => ({ ...all, [key(request.methodId)]: failedView(error) })),
    })
  }
  /** Runs, after asking when it would change a client's production data. */
  const request = (next: RunRequest) => {
    const target = definition.methods.find((m) => m.id === next.methodId)
    if (target && !next.mock && needsConfirmation(target, connection.environment)) setPending(next)
    else execute(next)
  }
  const runCurrent = () => {
    if (!method || run.isPending) return
    const sending = inputToSend(inputOf(method))
    if (!sending.ok) return
    request({ connectionId: connection.id, methodId: method.id, input: sending.input, mock })
  }
  const rerun = (entry: HistoryEntryView) => {
    if (run.isPending) return
    const target = definition.methods.find((m) => m.id === entry.methodId)
    if (target) setInput(target.id, editJson(inputOf(target), toJsonText(entry.input)))
    onMethod(entry.methodId)
    request({ connectionId: connection.id, methodId: entry.methodId, input: entry.input, mock: entry.mock })
  }
  const open = (entry: HistoryEntryView) => {
    const target = definition.methods.find((m) => m.id === entry.methodId)
    if (!target) return
    const state = inputOf(target)
    setInput(target.id, { ...editJson(state, toJsonText(entry.input)), mode: 'json' })
    setMock(entry.mock)
    onMethod(target.id)
  }
  // Everywhere on the page, text fields included: Ctrl/⌘+Enter runs, Esc cancels a running call.
  useHotkeys(
    [
      ['mod+Enter', runCurrent],
      ['Escape', () => run.isPending && void run.cancel()],
    ],
    [],
  )

  const names = useMemo(() => new Map(definition.methods.map((m) => [m.id, m.name])), [definition])
  const entries: HistoryEntryView[] | undefined = history.data?.entries.map((entry) => ({
    id: entry.callId,
    at: entry.at,
    methodId: entry.methodId,
    methodName: names.get(entry.methodId) ?? entry.methodId,
    ok: entry.status === 'success',
    status: entry.httpStatus,
    errorCode: entry.errorCode,
    durationMs: entry.durationMs,
    mock: entry.mock,
    input: entry.input,
  }))

  const state = method ? inputOf(method) : null
  const need = method ? endpointNeed(definition, method, connection.config) : null
  const result = method ? results[key(method.id)] : undefined
  const sending = state ? inputToSend(state) : null
  const pendingMethod = pending ? definition.methods.find((m) => m.id === pending.methodId) : undefined

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Card withBorder padding="lg" component="section" aria-label="Method and input">
        {method && state ? (
          <Stack gap="md">
            <MethodHeader method={method} />
            {!mock && need && <NeedsEndpoint reason={need} />}
            <InputEditor
              key={key(method.id)}
              schema={schemaOf(method)}
              state={state}
              onChange={(next) => setInput(method.id, next)}
              formKey={`playground-${method.id}`}
            />
            <Group justify="space-between" gap="sm">
              <Switch
                label="Mock"
                description="Answer with data generated from the output schema; nothing is sent"
                checked={mock}
                onChange={(event) => setMock(event.currentTarget.checked)}
                maw={300}
              />
              <Group gap="xs">
                {run.isPending ? (
                  <Button
                    color="red"
                    variant="light"
                    onClick={() => void run.cancel()}
                    loading={run.cancelling}
                    leftSection={<IconPlayerStop size={16} aria-hidden />}
                    rightSection={<Kbd size="xs">Esc</Kbd>}
                  >
                    Cancel
                  </Button>
                ) : (
                  <Button
                    onClick={runCurrent}
                    disabled={!sending?.ok}
                    leftSection={<IconPlayerPlay size={16} aria-hidden />}
                    rightSection={
                      <Text span size="xs" c="inherit" opacity={0.8} aria-hidden>
                        {mod} ↵
                      </Text>
                    }
                    color={
                      connection.environment === 'production' && methodKind(method) !== 'read'
                        ? 'red'
                        : undefined
                    }
                  >
                    Run
                  </Button>
                )}
              </Group>
            </Group>
          </Stack>
        ) : (
          <Stack align="center" gap="xs" py="xl" ta="center">
            <IconListSearch size={28} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text fw={500}>Choose a method</Text>
            <Text size="sm" c="dimmed" maw={380}>
              {definition.name} {definition.version} has {definition.methods.length}{' '}
              {definition.methods.length === 1 ? 'method' : 'methods'}. Pick one above to get a form built
              from its input schema, or open a past call from the history.
            </Text>
          </Stack>
        )}
      </Card>
      <Card withBorder padding="lg" component="section" aria-label="Result">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="response">Response</Tabs.Tab>
            <Tabs.Tab value="request" disabled={!result?.request}>
              Request
            </Tabs.Tab>
            <Tabs.Tab value="history">History{entries?.length ? ` (${entries.length})` : ''}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="response">
            {run.isPending && run.variables?.methodId === method?.id ? (
              <Center py="xl">
                <Stack align="center" gap="xs" role="status" aria-live="polite">
                  <Loader size="sm" />
                  <Text size="sm">
                    {run.cancelling
                      ? 'Cancelling…'
                      : run.variables?.mock
                        ? 'Generating mock data…'
                        : `Calling ${definition.name}…`}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Press <Kbd size="xs">Esc</Kbd> to cancel.
                  </Text>
                </Stack>
              </Center>
            ) : result ? (
              <ResponsePanel call={result} />
            ) : (
              <Stack align="center" gap="xs" py="xl" ta="center">
                <IconSend size={26} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text size="sm" c="dimmed" maw={360}>
                  {method ? (
                    <>
                      Run the method to see its status, duration, headers and output here. Press{' '}
                      <Kbd size="xs">{mod}</Kbd> + <Kbd size="xs">Enter</Kbd> from anywhere on the page.
                    </>
                  ) : (
                    'Nothing run yet.'
                  )}
                </Text>
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="request">
            {result?.request ? (
              <Suspense
                fallback={
                  <Center py="md" role="status">
                    <Loader size="sm" aria-label="Loading the request" />
                  </Center>
                }
              >
                <RequestView request={result.request} />
              </Suspense>
            ) : (
              <Text size="sm" c="dimmed">
                Nothing was sent.
              </Text>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <HistoryPanel
              entries={entries}
              loading={history.isPending}
              error={history.error}
              onOpen={open}
              onRerun={rerun}
              disabled={run.isPending}
            />
          </Tabs.Panel>
        </Tabs>
      </Card>
      {pending && pendingMethod && (
        <ConfirmRunModal
          opened
          connection={connection}
          methodName={pendingMethod.name}
          methodId={pendingMethod.id}
          kind={methodKind(pendingMethod)}
          onClose={() => setPending(null)}
          onConfirm={() => {
            setPending(null)
            execute(pending)
          }}
        />
      )}
    </SimpleGrid>
  )
}
