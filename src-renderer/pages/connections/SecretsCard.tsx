// A connection's credentials as masked hints and ages — never the values — with the way to replace
// them (and the warnings when some are missing or no longer open).
import { Badge, Button, Card, Group, Modal, Table, Text, Title } from '@mantine/core'
import { IconKey } from '@tabler/icons-react'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../src-main/contract/types.ts'
import { connectionName } from './names.ts'
import { RotateSecretForm } from './RotateSecretForm.tsx'
import { secretFields } from './SecretsForm.tsx'
import { exactTime, timeAgo } from './time.ts'
import { secretSchemaOf } from '../../../src-main/contract/definition-defaults.ts'

export function RotateSecretModal({
  connection,
  definition,
  opened,
  onClose,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  opened: boolean
  onClose: () => void
}) {
  const title = connection.secrets.length ? 'Replace credentials' : 'Enter credentials'
  return (
    <Modal opened={opened} onClose={onClose} title={`${title} of ${connectionName(connection)}`} size="lg">
      <RotateSecretForm connection={connection} definition={definition} onDone={onClose} onCancel={onClose} />
    </Modal>
  )
}

export function SecretsCard({
  connection,
  definition,
  onRotate,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  onRotate: () => void
}) {
  const fields = secretFields(secretSchemaOf(definition))
  const hints = new Map(connection.secrets.map((secret) => [secret.field, secret]))
  // Fields of the schema, then any stored field the current schema no longer lists.
  const rows = [
    ...fields,
    ...connection.secrets
      .filter((secret) => !fields.some((f) => f.field === secret.field))
      .map((secret) => ({ field: secret.field, title: secret.title, required: false })),
  ]
  return (
    <Card withBorder padding="lg" component="section" aria-label="Credentials">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Credentials
        </Title>
        {rows.length > 0 && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconKey size={14} aria-hidden />}
            onClick={onRotate}
          >
            {connection.secrets.length ? 'Rotate secret' : 'Enter credentials'}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {definition.name} needs no credentials.
        </Text>
      ) : (
        <Table layout="fixed" verticalSpacing={6} aria-label="Stored credentials">
          <Table.Tbody>
            {rows.map(({ field, title, required }) => {
              const hint = hints.get(field)
              return (
                <Table.Tr key={field}>
                  <Table.Th w="38%" fw={500} fz="sm">
                    {title}
                  </Table.Th>
                  <Table.Td>
                    {hint ? (
                      <Group gap="xs" wrap="nowrap" justify="space-between">
                        <Text size="sm" ff="monospace" truncate="end">
                          {hint.hint}
                        </Text>
                        <Text
                          size="xs"
                          c="dimmed"
                          title={exactTime(hint.setAt)}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          set {timeAgo(hint.setAt)} · v{hint.version}
                        </Text>
                      </Group>
                    ) : (
                      <Badge variant="light" color={required ? 'orange' : 'gray'} size="sm" tt="none">
                        {required ? 'missing (required)' : 'not set'}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Stored encrypted in your vault. Switchboard shows only these masked hints, never the values.
      </Text>
    </Card>
  )
}
