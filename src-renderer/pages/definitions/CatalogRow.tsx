// One definition in the catalog: icon, name and version, description, and why it matched.
import { Badge, Group, Highlight, Text } from '@mantine/core'
import type { CSSProperties } from 'react'
import type { DefinitionSearchHit } from '../../../src-main/contract/types.ts'
import { AuthTypeBadge, DefinitionAvatar, SourceBadge } from './badges.tsx'
import classes from './catalog.module.css'

export const rowHeight = 84

export const optionId = (integrationId: string) => `definition-option-${integrationId}`

export function CatalogRow({
  hit,
  words,
  active,
  index,
  count,
  style,
  onOpen,
  onHover,
}: {
  hit: DefinitionSearchHit
  words: string[]
  active: boolean
  index: number
  count: number
  style: CSSProperties
  onOpen: () => void
  onHover: () => void
}) {
  const detail = hit.matchedMethods.length
    ? `Methods: ${hit.matchedMethods.join(' · ')}`
    : hit.capabilities.length
      ? hit.capabilities.join(' · ')
      : ''
  return (
    <div
      role="option"
      id={optionId(hit.integrationId)}
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-active={active || undefined}
      className={classes.row}
      style={{ ...style, height: rowHeight }}
      onClick={onOpen}
      onMouseMove={active ? undefined : onHover}
    >
      <DefinitionAvatar name={hit.name} icon={hit.icon} />
      <div className={classes.main}>
        <Group gap={8} wrap="nowrap">
          <Highlight highlight={words} fw={600} size="sm" truncate="end">
            {hit.name}
          </Highlight>
          <Text size="xs" c="dimmed" ff="monospace" style={{ flexShrink: 0 }}>
            v{hit.version}
          </Text>
          {hit.source !== 'bundled' && <SourceBadge source={hit.source} />}
        </Group>
        <Highlight highlight={words} size="sm" c="dimmed" truncate="end">
          {hit.description || '—'}
        </Highlight>
        {detail && (
          <Highlight
            highlight={words}
            size="xs"
            c={hit.matchedMethods.length ? undefined : 'dimmed'}
            truncate="end"
          >
            {detail}
          </Highlight>
        )}
      </div>
      <div className={classes.aside}>
        <Badge variant="light" size="sm" tt="none">
          {hit.category}
        </Badge>
        <AuthTypeBadge authType={hit.authType} />
        <Text size="xs" c="dimmed">
          {hit.methodCount === 1 ? '1 method' : `${hit.methodCount} methods`}
        </Text>
      </div>
    </div>
  )
}
