import type { ConnectionView, Environment } from '../../../src-main/contract/types.ts'

/** "Payments (Stripe)" when labelled, else "Stripe". */
export const connectionName = (connection: Pick<ConnectionView, 'label' | 'integrationName'>) =>
  connection.label ? `${connection.label} (${connection.integrationName})` : connection.integrationName

export const otherEnvironment = (environment: Environment): Environment =>
  environment === 'sandbox' ? 'production' : 'sandbox'

/** The id the core gives a connection when none is chosen (core/connections/ids.ts). */
export const defaultConnectionId = (integrationId: string, clientId: string, environment: Environment) =>
  `conn_${integrationId}_${clientId}_${environment}`

export const connectionIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/

/** Why a custom connection id is refused, or null when it is fine (empty means automatic). */
export function connectionIdProblem(id: string): string | null {
  if (!id) return null
  if (!connectionIdPattern.test(id))
    return 'Use letters, digits, “_”, “.” and “-” only, starting with a letter or digit (at most 128).'
  return null
}

/** The id the core derives from a new client's name (core/connections/ids.ts), before any "-2" suffix. */
export function clientSlug(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return base || 'client'
}
