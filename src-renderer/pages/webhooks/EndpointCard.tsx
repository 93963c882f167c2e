// A connection's receiving end: the receiver (start/stop, its loopback URL), where accepted events
// are forwarded, and the policy (which types), with retries before dead-lettering.
import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconCopy, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { WebhookEndpointView } from '../../../src-main/contract/webhooks.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useRefreshWebhooks } from './queries.ts'

function ReceiverControls({ endpoint }: { endpoint: WebhookEndpointView }) {
  const client = useClient()
  const refresh = useRefreshWebhooks()
  const toggle = useMutation({
    mutationFn: () =>
      endpoint.receiver.running
        ? client.webhooks.stopReceiver({ connectionId: endpoint.connectionId })
        : client.webhooks.startReceiver({ connectionId: endpoint.connectionId }),
    onSuccess: () => refresh(),
  })
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Badge color={endpoint.receiver.running ? 'teal' : 'gray'} variant="dot" size="lg">
            {endpoint.receiver.running ? 'Receiving' : 'Stopped'}
          </Badge>
          {endpoint.receiver.url && (
            <Group gap={4}>
              <Text ff="monospace" size="sm" data-testid="receiver-url">
                {endpoint.receiver.url}
              </Text>
              <CopyButton value={endpoint.receiver.url}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={copy}
                    leftSection={<IconCopy size={14} />}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          )}
        </Group>
        <Button
          size="xs"
          color={endpoint.receiver.running ? 'red' : undefined}
          variant={endpoint.receiver.running ? 'light' : 'filled'}
          leftSection={
            endpoint.receiver.running ? <IconPlayerStop size={14} /> : <IconPlayerPlay size={14} />
          }
          loading={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {endpoint.receiver.running ? 'Stop receiver' : 'Start receiver'}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Listens on 127.0.0.1 only. To receive from the internet, point your own tunnel (e.g. cloudflared,
        ngrok, stripe listen) at this address.
      </Text>
      {toggle.error && <ErrorAlert title="The receiver did not change" error={toggle.error} />}
    </Stack>
  )
}

function SettingsForm({ endpoint }: { endpoint: WebhookEndpointView }) {
  const client = useClient()
  const refresh = useRefreshWebhooks()
  const { settings } = endpoint
  const [targetUrl, setTargetUrl] = useState(settings.targetUrl ?? '')
  const [acceptTypes, setAcceptTypes] = useState<string[]>(settings.acceptTypes ?? [])
  const [ignoreTypes, setIgnoreTypes] = useState<string[]>(settings.ignoreTypes)
  const [maxAttempts, setMaxAttempts] = useState<number>(settings.maxAttempts)
  const [port, setPort] = useState<number | ''>(settings.port ?? '')
  const save = useMutation({
    mutationFn: () =>
      client.webhooks.updateSettings({
        connectionId: endpoint.connectionId,
        targetUrl: targetUrl.trim() ? targetUrl.trim() : null,
        acceptTypes: acceptTypes.length ? acceptTypes : null,
        ignoreTypes,
        maxAttempts,
        port: port === '' ? null : port,
      }),
    onSuccess: () => refresh(),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <form onSubmit={submit} aria-label="Forwarding and policy">
      <Stack gap="sm">
        <TextInput
          label="Forward accepted events to"
          description="Each accepted event is POSTed here with its original headers and body, at least once, retried with backoff."
          placeholder="http://127.0.0.1:3000/webhooks"
          value={targetUrl}
          onChange={(e) => setTargetUrl(e.currentTarget.value)}
        />
        <TagsInput
          label="Accept only these types"
          description="Empty accepts every type. A trailing * matches a prefix, e.g. charge.*"
          data={endpoint.knownEvents}
          value={acceptTypes}
          onChange={setAcceptTypes}
          clearable
        />
        <TagsInput
          label="Ignore these types"
          description="Ignored events are stored and answered, but not forwarded."
          data={endpoint.knownEvents}
          value={ignoreTypes}
          onChange={setIgnoreTypes}
          clearable
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Attempts before dead letter"
            min={1}
            max={50}
            value={maxAttempts}
            onChange={(value) => setMaxAttempts(typeof value === 'number' ? value : 8)}
          />
          <NumberInput
            label="Receiver port"
            description="Empty picks a free port"
            min={1024}
            max={65535}
            value={port}
            onChange={(value) => setPort(typeof value === 'number' ? value : '')}
          />
        </Group>
        {save.error && <ErrorAlert title="Settings not saved" error={save.error} />}
        <Group justify="flex-end">
          {save.isSuccess && !save.isPending && (
            <Text size="sm" c="teal">
              Saved
            </Text>
          )}
          <Button type="submit" size="xs" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function EndpointCard({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Receiver
          </Title>
          <Text size="xs" c="dimmed">
            {endpoint.scheme} signatures · {endpoint.signatureHeader}
          </Text>
        </Group>
        {!endpoint.secretSet && (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="No signing secret">
            Every request will be refused until the connection’s “{endpoint.secretField}” secret is set (open
            the connection and rotate its secrets).
          </Alert>
        )}
        <ReceiverControls endpoint={endpoint} />
        <SettingsForm key={endpoint.connectionId} endpoint={endpoint} />
      </Stack>
    </Card>
  )
}
