/** "Acme Corp." → "acme-corp": readable ids for clients and connections. */
export function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return base || 'client'
}

export const defaultConnectionId = (integrationId: string, clientId: string, environment: string) =>
  `conn_${integrationId}_${clientId}_${environment}`

export const connectionIdPattern = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'

export const clientColours = [
  'indigo',
  'teal',
  'grape',
  'orange',
  'cyan',
  'pink',
  'lime',
  'violet',
  'blue',
  'red',
] as const
