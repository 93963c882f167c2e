// Small visual vocabulary shared by the catalog and the detail page.
import { Avatar, Badge, type MantineColor } from '@mantine/core'
import type { DefinitionSource, DefinitionSummary } from '../../../src-main/contract/types.ts'

const authLabels: Record<DefinitionSummary['authType'], string> = {
  oauth2: 'OAuth 2.0',
  apikey: 'API key',
  custom: 'Custom auth',
  none: 'No sign-in',
}

export function AuthTypeBadge({ authType }: { authType: DefinitionSummary['authType'] }) {
  return (
    <Badge variant="outline" color="gray" size="sm" tt="none">
      {authLabels[authType]}
    </Badge>
  )
}

const sourceColors: Record<DefinitionSource, MantineColor | null> = {
  bundled: null,
  imported: 'grape',
  openapi: 'orange',
}
const sourceLabels: Record<DefinitionSource, string> = {
  bundled: 'Bundled',
  imported: 'Imported',
  openapi: 'From OpenAPI',
}

export function SourceBadge({ source }: { source: DefinitionSource }) {
  return (
    <Badge
      variant={sourceColors[source] ? 'light' : 'default'}
      color={sourceColors[source] ?? undefined}
      size="sm"
      tt="none"
    >
      {sourceLabels[source]}
    </Badge>
  )
}

const kindColors: Record<string, MantineColor> = { read: 'teal', write: 'blue', delete: 'red' }

export function KindBadge({ kind }: { kind: string | undefined }) {
  if (!kind) return null
  return (
    <Badge variant="light" color={kindColors[kind] ?? 'gray'} size="sm" w={64}>
      {kind}
    </Badge>
  )
}

const verbColors: Record<string, MantineColor> = {
  GET: 'teal',
  POST: 'blue',
  PUT: 'orange',
  PATCH: 'yellow',
  DELETE: 'red',
}

export function VerbBadge({ verb }: { verb: string }) {
  return (
    <Badge variant="filled" color={verbColors[verb] ?? 'gray'} size="sm" radius="sm" w={64} ff="monospace">
      {verb}
    </Badge>
  )
}

const avatarColors: MantineColor[] = ['indigo', 'cyan', 'teal', 'grape', 'orange', 'pink', 'lime', 'violet']

/** The definition's icon when it is a data: URI (the CSP allows no remote images), else its initials. */
export function DefinitionAvatar({
  name,
  icon,
  size = 40,
}: {
  name: string
  icon: string | null
  size?: number
}) {
  const hash = [...name].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7)
  const initials = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('')
  return (
    <Avatar
      src={icon?.startsWith('data:image/') ? icon : null}
      alt=""
      size={size}
      radius="md"
      color={avatarColors[hash % avatarColors.length]}
      variant="light"
      aria-hidden
    >
      {initials}
    </Avatar>
  )
}
