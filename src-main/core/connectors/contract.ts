// The reference connector contract. A connector knows how to talk to one kind of service; the runtime
// drives its lifecycle (connect → use → close, revoke on disconnect), validates what goes in and out,
// applies credentials, retries, records. A connector never sees a secret: it sends requests through
// `ctx.http`, which the runtime authorizes, caps, times out and records.
import type { IntegrationDefinition, MethodDefinition } from '../../contract/definition-format.ts'
import type { Environment, TransportKind } from '../../contract/types.ts'

export const connectorOperations = [
  'auth',
  'connect',
  'fetch',
  'push',
  'sync',
  'revoke',
  'invoke',
  'healthCheck',
] as const
export type ConnectorOperation = (typeof connectorOperations)[number]

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request to the provider, before credentials. Bodies are text so that a retry can resend them. */
export interface ProviderRequest {
  method: HttpVerb
  url: URL
  headers: Headers
  body?: string | null
}

/** A provider's answer, read (up to the runtime's cap) before the connector sees it. */
export interface ProviderResponse {
  status: number
  statusText: string
  headers: Headers
  text: string
  /** Bytes received, up to the cap. */
  size: number
  /** The body was over the cap and was cut off. */
  truncated: boolean
}

export interface ConnectorHttp {
  /** Sends with the connection's credentials; throws CallFailure (NETWORK, TIMEOUT, CANCELLED…). */
  send(request: ProviderRequest): Promise<ProviderResponse>
}

export interface ConnectorContext {
  connectionId: string
  definition: IntegrationDefinition
  environment: Environment
  config: Record<string, unknown>
  /** The base URL for this environment and transport, config placeholders filled; null when none. */
  baseUrl: string | null
  transport: TransportKind
  /** Aborted on timeout or cancellation: pass it on to anything long-running. */
  signal: AbortSignal
  http: ConnectorHttp
  /** For generated data: the same seed gives the same data. */
  seed: number
  /** The method being run (set for invoke, fetch, push, sync and healthCheck). */
  method: MethodDefinition | null
}

export interface MethodCall {
  methodId: string
  input: unknown
}

export interface SyncState extends MethodCall {
  cursor?: string | null
}

export interface SyncResult {
  items: unknown[]
  cursor: string | null
}

export interface HealthResult {
  ok: boolean
  message: string
  output?: unknown
}

/**
 * Every operation is either implemented or named in `unsupported`: the certification suite checks
 * that, so a caller can always tell "not offered" from "broken".
 */
export interface Connector {
  readonly name: string
  readonly unsupported?: readonly ConnectorOperation[]
  /** True for connectors that answer without a provider (mock): certification skips the network checks. */
  readonly offline?: boolean
  /** Checks that the credentials the runtime holds suit this connector (no network needed). */
  auth?(ctx: ConnectorContext): Promise<{ ok: boolean; message: string }>
  /** Prepares a session for a call (e.g. discovers an upload URL); the runtime calls close after. */
  connect?(ctx: ConnectorContext): Promise<void>
  fetch?(query: MethodCall, ctx: ConnectorContext): Promise<unknown>
  push?(payload: MethodCall, ctx: ConnectorContext): Promise<unknown>
  sync?(state: SyncState, ctx: ConnectorContext): Promise<SyncResult>
  /** Forgets or revokes what the connector holds for a token; calling it twice is harmless. */
  revoke?(token: string, ctx: ConnectorContext): Promise<void>
  invoke(methodId: string, input: unknown, ctx: ConnectorContext): Promise<unknown>
  healthCheck(ctx: ConnectorContext): Promise<HealthResult>
  close?(ctx: ConnectorContext): Promise<void>
}

/** Which problems keep a value from being a Connector; empty when it is one. */
export function contractProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['is not an object']
  const candidate = value as Record<string, unknown>
  const problems: string[] = []
  if (typeof candidate.name !== 'string' || candidate.name === '') problems.push('has no name')
  const unsupported = candidate.unsupported ?? []
  if (!Array.isArray(unsupported) || unsupported.some((op) => !connectorOperations.includes(op))) {
    problems.push(`"unsupported" must list operations among ${connectorOperations.join(', ')}`)
    return problems
  }
  for (const op of connectorOperations) {
    const present = typeof candidate[op] === 'function'
    const declared = (unsupported as string[]).includes(op)
    if (op === 'invoke' || op === 'healthCheck') {
      if (!present) problems.push(`has no ${op} function (every connector must implement it)`)
    } else if (!present && !declared) problems.push(`neither implements ${op} nor declares it unsupported`)
    else if (present && declared) problems.push(`implements ${op} but also declares it unsupported`)
  }
  return problems
}
