import { Anchor } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { Link } from 'wouter'

/** "← All …": back to the list a detail or wizard page was opened from (the nested route's root). */
export function BackLink({ children }: { children: string }) {
  return (
    <Anchor
      component={Link}
      href="/"
      size="sm"
      mb="sm"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} aria-hidden />
      {children}
    </Anchor>
  )
}
