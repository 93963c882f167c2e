// "Needs setup": config fields that can only be filled after sign-in (Xero's organisation, a Slack
// workspace), each with a picker of the choices the signed-in account offers.
import { Alert, Stack, Text } from '@mantine/core'
import { IconAdjustments } from '@tabler/icons-react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { ConnectionView } from '../../../../src-main/contract/types.ts'
import { useAuthStatus } from '../auth/queries.ts'
import { fieldTitle, missingChoiceFields } from './choice-fields.ts'
import { ConfigChoicePicker } from './ConfigChoicePicker.tsx'

export function NeedsSetup({
  connection,
  definition,
  onSaved,
}: {
  connection: ConnectionView
  definition: IntegrationDefinition
  onSaved?: (saved: ConnectionView) => void
}) {
  const missing = missingChoiceFields(definition, connection.config)
  const auth = useAuthStatus(connection.id)
  if (!missing.length) return null
  const signedIn = auth.data?.signedIn ?? false
  const names = missing.map((field) => fieldTitle(definition, field)).join(', ')
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAdjustments size={18} aria-hidden />}
      title="Needs setup"
      aria-label="Needs setup"
    >
      <Stack gap="sm">
        <Text size="sm">
          {signedIn
            ? `Choose ${names}: ${definition.name} lists the choices now that the connection is signed in.`
            : `${names} can only be chosen after signing in with ${definition.name}. Sign in, then pick it here.`}
        </Text>
        {signedIn &&
          missing.map((field) => (
            <ConfigChoicePicker
              key={field}
              connection={connection}
              definition={definition}
              field={field}
              {...(onSaved ? { onSaved } : {})}
            />
          ))}
      </Stack>
    </Alert>
  )
}
