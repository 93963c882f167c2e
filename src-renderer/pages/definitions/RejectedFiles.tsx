// Bundled definition files the core refused at start-up, each with the JSON path and the reason.
import { Alert, Anchor, Collapse, ScrollArea, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { RejectedFile } from '../../../src-main/contract/types.ts'
import { IssueList } from '../../components/IssueList.tsx'

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file

export function RejectedFiles({ rejected }: { rejected: RejectedFile[] }) {
  const [open, { toggle }] = useDisclosure(rejected.length <= 3)
  if (rejected.length === 0) return null
  const count =
    rejected.length === 1
      ? 'One bundled definition file was'
      : `${rejected.length} bundled definition files were`
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={`${count} not loaded`}
      mb="md"
    >
      <Text size="sm" mb={open ? 'xs' : 0}>
        The other definitions work as usual. Fix the files below and restart Switchboard to load them.{' '}
        <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={open}>
          {open ? 'Hide details' : 'Show details'}
        </Anchor>
      </Text>
      <Collapse expanded={open}>
        {/* Bounded, so a long list of broken files never pushes the catalog off the page. */}
        <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
          <Stack gap="sm">
            {rejected.map((file) => (
              <div key={file.file}>
                <Text size="sm" fw={600} title={file.file}>
                  {baseName(file.file)}
                </Text>
                <IssueList issues={file.issues} />
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Collapse>
    </Alert>
  )
}
