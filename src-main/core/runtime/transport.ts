// Transport routing: deterministic. The connection's config may carry defaultTransport, strategyOrder,
// allowUnofficial (default false) and unofficialAllowList; the first transport in that order which the
// definition offers and the gates allow serves the call. An unofficial transport needs both gates:
// allowUnofficial true AND the integration on unofficialAllowList.
import type { IntegrationDefinition, Transport, TransportName } from '../../contract/definition-format.ts'
import { transportKinds } from '../../contract/definition-format.ts'
import { CallFailure } from './errors.ts'

export interface TransportSettings {
  defaultTransport?: TransportName
  strategyOrder?: TransportName[]
  allowUnofficial?: boolean
  unofficialAllowList?: string[]
}

const isKind = (value: unknown): value is TransportName => transportKinds.includes(value as TransportName)

/** The transport settings in a connection's config (unknown or malformed values are ignored). */
export function transportSettings(config: Record<string, unknown>): TransportSettings {
  const settings: TransportSettings = {}
  if (isKind(config.defaultTransport)) settings.defaultTransport = config.defaultTransport
  if (Array.isArray(config.strategyOrder)) settings.strategyOrder = config.strategyOrder.filter(isKind)
  if (config.allowUnofficial === true) settings.allowUnofficial = true
  if (Array.isArray(config.unofficialAllowList)) {
    settings.unofficialAllowList = config.unofficialAllowList.filter(
      (v): v is string => typeof v === 'string',
    )
  }
  return settings
}

export function offeredTransports(definition: IntegrationDefinition): Transport[] {
  return definition.transports ?? [{ kind: 'official-api' }]
}

/** The transport that serves a call, or ENDPOINT_MISSING saying why none may. */
export function routeTransport(definition: IntegrationDefinition, settings: TransportSettings): Transport {
  const offered = offeredTransports(definition)
  const order: TransportName[] = [
    ...(settings.defaultTransport ? [settings.defaultTransport] : []),
    ...(settings.strategyOrder ?? offered.map((t) => t.kind)),
  ]
  const unofficialAllowed =
    settings.allowUnofficial === true &&
    (settings.unofficialAllowList ?? []).includes(definition.integrationId)
  for (const kind of order) {
    if (kind === 'unofficial' && !unofficialAllowed) continue
    const transport = offered.find((t) => t.kind === kind)
    if (transport) return transport
  }
  throw new CallFailure(
    'ENDPOINT_MISSING',
    `${definition.name} offers only ${offered.map((t) => t.kind).join(', ')}, which this connection does not allow` +
      (offered.some((t) => t.kind === 'unofficial')
        ? ' (unofficial needs allowUnofficial and the integration on unofficialAllowList).'
        : '.'),
  )
}
