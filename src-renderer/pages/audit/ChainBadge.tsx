// The verify badge: whether the trail's chain holds (links, vault-keyed hashes, the head kept outside
// the database). Click to check again.
import { Badge, Tooltip, UnstyledButton } from '@mantine/core'
import { IconLock, IconShieldCheck, IconShieldX } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useClient } from '../../api/context.tsx'

export const verifyKey = ['audit', 'verify'] as const

export function ChainBadge() {
  const client = useClient()
  const verification = useQuery({ queryKey: verifyKey, queryFn: () => client.audit.verify() })
  const result = verification.data
  if (!result) return null
  const n = `${result.checked} ${result.checked === 1 ? 'event' : 'events'}`
  const badge = result.ok ? (
    <Badge color="teal" variant="light" size="lg" leftSection={<IconShieldCheck size={14} aria-hidden />}>
      Chain intact · {n}
    </Badge>
  ) : result.brokenAt === null && !result.keyChecked ? (
    <Badge color="yellow" variant="light" size="lg" leftSection={<IconLock size={14} aria-hidden />}>
      Unlock the vault to verify
    </Badge>
  ) : (
    <Badge color="red" variant="filled" size="lg" leftSection={<IconShieldX size={14} aria-hidden />}>
      {result.brokenAt !== null ? `Chain broken at event ${result.brokenAt}` : 'Chain not verified'}
    </Badge>
  )
  return (
    <Tooltip
      label={result.reason ?? 'Every event links to the one before it and carries the vault’s key.'}
      multiline
      w={320}
    >
      <UnstyledButton aria-label="Verify the audit trail again" onClick={() => void verification.refetch()}>
        {badge}
      </UnstyledButton>
    </Tooltip>
  )
}
