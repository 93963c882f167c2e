// The connection's past calls, newest first: search by method, status or input; open one to load its
// method and input, or run it again as it was.
import {
  ActionIcon,
  Badge,
  Center,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import { IconHistory, IconPlayerPlay, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { exactTime, timeAgo } from '../connections/time.ts'
import { formatDuration, statusColor } from './call-view.ts'

export interface HistoryEntryView {
  id: string
  at: string
  methodId: string
  methodName: string
  ok: boolean
  status: number | null
  errorCode: string | null
  durationMs: number | null
  mock: boolean
  /** The input as recorded (secret fields redacted by the core). */
  input: unknown
}

/** Whether an entry matches a search: every word must appear in its method, status or input. */
export function matchesSearch(entry: HistoryEntryView, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const haystack = [
    entry.methodId,
    entry.methodName,
    entry.status ?? '',
    entry.errorCode ?? '',
    entry.ok ? 'ok success' : 'failed error',
    entry.mock ? 'mock' : '',
    JSON.stringify(entry.input ?? null),
  ]
    .join(' ')
    .toLowerCase()
  return words.every((word) => haystack.includes(word))
}

export function HistoryPanel({
  entries,
  loading,
  error,
  onOpen,
  onRerun,
  disabled,
}: {
  entries: HistoryEntryView[] | undefined
  loading: boolean
  error: Error | null
  onOpen: (entry: HistoryEntryView) => void
  onRerun: (entry: HistoryEntryView) => void
  disabled?: boolean
}) {
  const [search, setSearch] = useState('')
  const shown = useMemo(() => (entries ?? []).filter((e) => matchesSearch(e, search)), [entries, search])
  return (
    <Stack gap="xs" role="region" aria-label="History">
      <TextInput
        size="xs"
        type="search"
        aria-label="Search history"
        placeholder="Search by method, status or input"
        leftSection={<IconSearch size={14} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        disabled={!entries?.length}
      />
      {loading ? (
        <Center py="md" role="status">
          <Loader size="sm" aria-label="Loading the history" />
        </Center>
      ) : error ? (
        <Text size="sm" c="red" role="alert">
          Could not load the history: {error.message}
        </Text>
      ) : !entries?.length ? (
        <Stack align="center" gap={4} py="md">
          <IconHistory size={22} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed" ta="center">
            No calls on this connection yet. Each run is kept here, with its input.
          </Text>
        </Stack>
      ) : !shown.length ? (
        <Text size="sm" c="dimmed" py="sm" ta="center">
          No call matches “{search}”.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {shown.map((entry) => (
              <Group
                key={entry.id}
                component="li"
                gap="xs"
                wrap="nowrap"
                justify="space-between"
                px={6}
                py={4}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                aria-label={`${entry.methodName}, ${entry.ok ? `status ${entry.status ?? 'ok'}` : `failed ${entry.errorCode ?? ''}`}, ${timeAgo(entry.at)}`}
              >
                <UnstyledButton
                  onClick={() => onOpen(entry)}
                  style={{ flex: 1, minWidth: 0 }}
                  aria-label={`Open ${entry.methodName} from ${timeAgo(entry.at)}`}
                >
                  <Group gap="xs" wrap="nowrap">
                    <Badge
                      size="sm"
                      variant="light"
                      color={entry.ok ? statusColor(entry.status) : 'red'}
                      tt="none"
                      miw={44}
                    >
                      {entry.status ?? entry.errorCode ?? 'error'}
                    </Badge>
                    <Stack gap={0} miw={0}>
                      <Text size="sm" truncate>
                        {entry.methodName}
                      </Text>
                      <Text size="xs" c="dimmed" title={exactTime(entry.at)}>
                        {timeAgo(entry.at)} · {formatDuration(entry.durationMs)}
                        {entry.mock ? ' · mock' : ''}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
                <Tooltip label="Run again with this input" withArrow>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Run ${entry.methodName} again`}
                    onClick={() => onRerun(entry)}
                    disabled={disabled}
                  >
                    <IconPlayerPlay size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  )
}
