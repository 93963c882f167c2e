import { Anchor } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { IconArrowLeft } from '@tabler/icons-react'
import { Link, useLocation } from 'wouter'

/** Escape (or Alt+←) goes back to the list, unless it is closing a dialog, a menu or a dropdown. */
export function useBackHotkeys(): void {
  const [, navigate] = useLocation()
  const back = (event: KeyboardEvent) => {
    const target = event.target instanceof Element ? event.target : null
    if (!target?.closest('[role="dialog"], [role="menu"], [aria-modal="true"], [role="listbox"]'))
      navigate('/')
  }
  useHotkeys([
    ['Escape', back],
    ['alt+ArrowLeft', back],
  ])
}

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
