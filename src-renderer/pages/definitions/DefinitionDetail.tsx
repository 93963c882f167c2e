// One definition: what it is, how it signs in, its settings form, its methods and its versions.
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { IconBookOff, IconExternalLink, IconPlugConnectedX } from '@tabler/icons-react'
import { endpointNeed } from '../../../src-main/contract/definition-defaults.ts'
import type { DefinitionDetail as Detail } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { BackLink, useBackHotkeys } from '../../components/BackLink.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { AuthSummary } from './AuthSummary.tsx'
import { AuthTypeBadge, DefinitionAvatar, SourceBadge } from './badges.tsx'
import { ConfigPreview } from './ConfigPreview.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { ExportMenu } from './ExportMenu.tsx'
import { MethodList } from './MethodList.tsx'
import { useDefinition } from './queries.ts'
import { VersionHistory } from './VersionHistory.tsx'

function Header({ detail }: { detail: Detail }) {
  const { summary, definition } = detail
  return (
    <Stack gap="xs" mb="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group gap="md" wrap="nowrap" miw={0}>
          <DefinitionAvatar name={summary.name} icon={summary.icon} size={52} />
          <Stack gap={4} miw={0}>
            <Title order={2}>{summary.name}</Title>
            <Group gap={6}>
              <Badge variant="filled" size="sm" tt="none" ff="monospace">
                v{summary.version}
              </Badge>
              <Badge variant="light" size="sm" tt="none">
                {summary.category}
              </Badge>
              <AuthTypeBadge authType={summary.authType} />
              <SourceBadge source={summary.source} />
              <Text size="xs" c="dimmed" ff="monospace">
                {summary.integrationId}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {definition.docsUrl && (
            <Button
              component="a"
              href={definition.docsUrl}
              target="_blank"
              rel="noreferrer"
              variant="default"
              rightSection={<IconExternalLink size={14} aria-hidden />}
            >
              API docs
            </Button>
          )}
          <ExportMenu definition={{ integrationId: summary.integrationId, name: summary.name }} />
        </Group>
      </Group>
      {summary.description && (
        <Text size="sm" maw={820}>
          {summary.description}
        </Text>
      )}
      {summary.capabilities.length > 0 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            Provides
          </Text>
          {summary.capabilities.map((capability) => (
            <Badge key={capability} variant="outline" color="indigo" size="sm" tt="none">
              {capability}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  )
}

export function DefinitionDetail({ integrationId }: { integrationId: string }) {
  const query = useDefinition(integrationId)
  useBackHotkeys()

  if (query.isPending) {
    return (
      <>
        <BackLink>All definitions</BackLink>
        <Center py="xl" role="status" aria-live="polite">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      </>
    )
  }
  if (query.isError) {
    return (
      <>
        <BackLink>All definitions</BackLink>
        {query.error instanceof ApiError && query.error.code === 'NOT_FOUND' ? (
          <EmptyState icon={IconBookOff} title="No such definition">
            There is no integration definition “{integrationId}”. It may have been removed, or the link is
            mistyped.
          </EmptyState>
        ) : (
          <ErrorAlert title="Could not load this definition" error={query.error} />
        )}
      </>
    )
  }
  const detail = query.data
  const { definition, summary } = detail
  const need = endpointNeed(definition)
  return (
    <>
      <BackLink>All definitions</BackLink>
      <Header detail={detail} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <AuthSummary definition={definition} />
          <ConfigPreview
            schema={definition.configSchema}
            formKey={`${summary.integrationId}-${summary.version}`}
          />
        </SimpleGrid>
        <Card withBorder padding="lg" component="section" aria-label="Methods">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4">
              Methods
            </Title>
            <Text size="sm" c="dimmed">
              {definition.methods.length === 1 ? '1 method' : `${definition.methods.length} methods`}
            </Text>
          </Group>
          {need && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconPlugConnectedX size={18} aria-hidden />}
              title="These methods need an endpoint"
              mb="sm"
            >
              {definition.name} gives no base URL. {need.replace(/^Needs an endpoint: /, 'Give it ')}
            </Alert>
          )}
          <MethodList methods={definition.methods} needOf={(method) => endpointNeed(definition, method)} />
        </Card>
        <VersionHistory
          integrationId={summary.integrationId}
          name={summary.name}
          versions={detail.versions}
        />
      </Stack>
    </>
  )
}
