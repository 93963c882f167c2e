// Import definitions from files or a URL, optionally converting OpenAPI, optionally forced; then show
// the report file by file.
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core'
import { IconFileUpload, IconLink, IconUpload, IconX } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState, type DragEvent, type FormEvent } from 'react'
import type { ImportReport } from '../../../src-main/contract/types.ts'
import { ApiError } from '../../api/client.ts'
import { useClient } from '../../api/context.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { ImportReportView } from './ImportReportView.tsx'
import { useRefreshDefinitions } from './queries.ts'

type Source = 'file' | 'url'

/** The contract takes at most 200 files per call. */
const batchSize = 200

const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`

function mergeReports(reports: ImportReport[]): ImportReport {
  return {
    files: reports.flatMap((report) => report.files),
    stored: reports.reduce((sum, report) => sum + report.stored, 0),
    rejected: reports.reduce((sum, report) => sum + report.rejected, 0),
  }
}

function FilePicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const add = (added: File[]) => {
    const names = new Set(added.map((file) => file.name))
    onChange([...files.filter((file) => !names.has(file.name)), ...added])
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    add([...event.dataTransfer.files])
  }
  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="lg"
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Stack align="center" gap={6}>
          <IconFileUpload size={28} stroke={1.5} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" ta="center">
            Drop definition files here, or
          </Text>
          <Button size="xs" variant="light" onClick={() => input.current?.click()}>
            Choose files…
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            .json files: one definition, a bundle, or an OpenAPI document
          </Text>
        </Stack>
        <input
          ref={input}
          type="file"
          multiple
          accept=".json,application/json"
          aria-label="Definition files"
          hidden
          onChange={(event) => {
            add([...(event.currentTarget.files ?? [])])
            event.currentTarget.value = ''
          }}
        />
      </Paper>
      {files.length > 0 && (
        <ScrollArea.Autosize mah={160}>
          <Stack gap={4} aria-label="Chosen files">
            {files.map((file) => (
              <Group key={file.name} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate="end" title={file.name}>
                  {file.name}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {formatSize(file.size)}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Remove ${file.name}`}
                    onClick={() => onChange(files.filter((other) => other !== file))}
                  >
                    <IconX size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  )
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useClient()
  const refresh = useRefreshDefinitions()
  const [source, setSource] = useState<Source>('file')
  const [files, setFiles] = useState<File[]>([])
  const [url, setUrl] = useState('')
  const [openapi, setOpenapi] = useState(false)
  const [force, setForce] = useState(false)

  const importing = useMutation({
    // confirmEndpoints: the person read which endpoints move and chose to import anyway.
    mutationFn: async ({ confirmEndpoints }: { confirmEndpoints?: boolean }): Promise<ImportReport> => {
      const options = {
        ...(force ? { force } : {}),
        ...(openapi ? { openapi } : {}),
        ...(confirmEndpoints ? { confirmEndpoints } : {}),
      }
      if (source === 'url') return client.definitions.importUrl({ url: url.trim(), ...options })
      const contents = await Promise.all(
        files.map(async (file) => ({ name: file.name, content: await file.text() })),
      )
      const reports: ImportReport[] = []
      for (let start = 0; start < contents.length; start += batchSize)
        reports.push(
          await client.definitions.import({ files: contents.slice(start, start + batchSize), ...options }),
        )
      return mergeReports(reports)
    },
    onSuccess: () => refresh(),
  })

  const close = () => {
    onClose()
    // Start afresh next time, once the closing animation no longer shows the old content.
    setTimeout(() => {
      importing.reset()
      setFiles([])
      setUrl('')
    }, 200)
  }
  const ready = source === 'file' ? files.length > 0 : url.trim().length > 0
  const movesEndpoints =
    importing.error instanceof ApiError && importing.error.code === 'CONFIRMATION_REQUIRED'
      ? importing.error
      : null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (ready && !importing.isPending) importing.mutate({})
  }

  return (
    <Modal opened={opened} onClose={close} title="Import definitions" size="lg">
      {importing.data ? (
        <Stack>
          <ImportReportView report={importing.data} onOpen={close} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                importing.reset()
                setFiles([])
              }}
            >
              Import more
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Tabs value={source} onChange={(value) => setSource((value as Source | null) ?? 'file')}>
              <Tabs.List mb="md">
                <Tabs.Tab value="file" leftSection={<IconUpload size={16} aria-hidden />}>
                  Files
                </Tabs.Tab>
                <Tabs.Tab value="url" leftSection={<IconLink size={16} aria-hidden />}>
                  URL
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="file">
                <FilePicker files={files} onChange={setFiles} />
              </Tabs.Panel>
              <Tabs.Panel value="url">
                <TextInput
                  label="URL"
                  description="An https address that returns a definition, a bundle or an OpenAPI document."
                  placeholder="https://example.com/acme.switchboard.json"
                  type="url"
                  value={url}
                  onChange={(event) => setUrl(event.currentTarget.value)}
                  data-autofocus
                />
              </Tabs.Panel>
            </Tabs>
            <Switch
              label="OpenAPI document"
              description="Convert an OpenAPI 3.x or Swagger 2.0 document into a definition. Usually detected on its own."
              checked={openapi}
              onChange={(event) => setOpenapi(event.currentTarget.checked)}
            />
            <Checkbox
              label="Force: replace even if not newer"
              description="Install a version that is the same as or older than the installed one. The installed version stays in the history."
              checked={force}
              onChange={(event) => setForce(event.currentTarget.checked)}
            />
            {importing.error && !movesEndpoints && (
              <ErrorAlert title="Nothing was imported" error={importing.error} />
            )}
            {movesEndpoints && (
              <Alert color="orange" variant="light" title="Endpoints would move" role="alert">
                <Stack gap="xs">
                  <Text size="sm">{movesEndpoints.message}</Text>
                  <Text size="sm">
                    Requests and credentials of those connections would go to the new hosts. Import only if
                    you trust them.
                  </Text>
                  <Group justify="flex-end">
                    <Button color="orange" onClick={() => importing.mutate({ confirmEndpoints: true })}>
                      Import and use the new endpoints
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={!ready} loading={importing.isPending}>
                {source === 'file' && files.length > 1 ? `Import ${files.length} files` : 'Import'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
