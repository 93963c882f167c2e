// Production must never be mistaken for sandbox: a filled red badge in capitals against an outlined
// grey one.
import { Badge, type MantineSize } from '@mantine/core'
import { IconAlertTriangleFilled, IconFlask } from '@tabler/icons-react'
import type { Environment } from '../../../src-main/contract/types.ts'

export function EnvironmentBadge({
  environment,
  size = 'sm',
}: {
  environment: Environment
  size?: MantineSize
}) {
  if (environment === 'production') {
    return (
      <Badge
        color="red"
        variant="filled"
        size={size}
        leftSection={<IconAlertTriangleFilled size={12} aria-hidden />}
        aria-label="Environment: production"
      >
        Production
      </Badge>
    )
  }
  return (
    <Badge
      color="gray"
      variant="outline"
      size={size}
      tt="none"
      leftSection={<IconFlask size={12} aria-hidden />}
      aria-label="Environment: sandbox"
    >
      sandbox
    </Badge>
  )
}
