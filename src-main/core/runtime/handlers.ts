// The contract's runtime.* calls, connections.test, connections.configChoices and connectors.list.
import type { Handlers } from '../../contract/api.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { ConfigChoices, ConnectionTestResult } from '../../contract/types.ts'
import type { Connections } from '../connections/connections.ts'
import { evaluate } from '../connectors/http/response.ts'
import type { ConnectorRegistry } from '../connectors/registry.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import { AppError } from '../errors.ts'
import { CallFailure } from './errors.ts'
import type { Runtime } from './index.ts'

type Prefixed = Extract<
  keyof Handlers,
  `runtime.${string}` | 'connections.test' | 'connections.configChoices' | `connectors.${string}`
>

/** The definition's health check method, else its first read method that needs no input. */
export function healthMethodIn(
  definition: IntegrationDefinition,
): { methodId: string; input: Record<string, unknown> } | null {
  if (definition.healthCheck)
    return { methodId: definition.healthCheck.method, input: definition.healthCheck.input ?? {} }
  const candidate = definition.methods.find(
    (m) => m.kind === 'read' && ((m.inputSchema as { required?: unknown[] }).required ?? []).length === 0,
  )
  return candidate ? { methodId: candidate.id, input: {} } : null
}

export interface RuntimeServicesDeps {
  runtime: Runtime
  connections: Connections
  definitions: DefinitionRegistry
  connectors: ConnectorRegistry
  /** Resolves when the connectors manifest has been read (its failures are kept, never thrown). */
  connectorsLoaded: Promise<unknown>
}

export function createRuntimeServices({
  runtime,
  connections,
  definitions,
  connectorsLoaded,
}: RuntimeServicesDeps) {
  const definitionOf = (connectionId: string) => {
    const row = connections.row(connectionId)
    return definitions.get(row.integrationId, row.definitionVersion)
  }

  const healthMethodOf = (connectionId: string) => healthMethodIn(definitionOf(connectionId))

  const test = async (
    connectionId: string,
    onChecked: (ok: boolean, message: string | null) => void,
  ): Promise<ConnectionTestResult> => {
    await connectorsLoaded
    const check = healthMethodOf(connectionId)
    if (!check) {
      const message = `${definitionOf(connectionId).name} names no health check and has no read method without input to use as one.`
      onChecked(false, message)
      return {
        connectionId,
        ok: false,
        methodId: null,
        message,
        call: null,
        connection: connections.get(connectionId),
      }
    }
    const call = await runtime.invoke(connectionId, check.methodId, check.input, { operation: 'healthCheck' })
    const ok = call.status === 'success' || call.status === 'output-mismatch'
    const message = ok
      ? `${check.methodId} succeeded in ${Math.round(call.durationMs)} ms${call.status === 'output-mismatch' ? ' (its answer does not match the outputSchema)' : ''}.`
      : (call.error?.message ?? `${check.methodId} failed.`)
    onChecked(ok, ok ? null : message)
    return {
      connectionId,
      ok,
      methodId: check.methodId,
      message,
      call,
      connection: connections.get(connectionId),
    }
  }

  const configChoices = async (connectionId: string, field: string): Promise<ConfigChoices> => {
    await connectorsLoaded
    const definition = definitionOf(connectionId)
    const source = definition.configChoices?.[field]
    if (!source) {
      throw new AppError(
        'NOT_FOUND',
        `${definition.name}'s config field ${field} has no choices to pick from.`,
        {
          issues: [{ path: 'field', message: 'is not a config field filled after sign-in' }],
        },
      )
    }
    const call = await runtime.invoke(connectionId, source.method, {})
    if (call.status !== 'success' && call.status !== 'output-mismatch') {
      const error = call.error ?? { code: 'PROVIDER' as const, message: `${source.method} failed.` }
      throw new AppError(
        error.code,
        `Could not list the choices for ${field}: ${error.message}`,
        error.details,
      )
    }
    let items: unknown
    try {
      items = await evaluate(source.items, call.output, 'choices expression')
    } catch (failure) {
      if (failure instanceof CallFailure) throw new AppError('OUTPUT_MISMATCH', failure.message)
      throw failure
    }
    const list = items === undefined || items === null ? [] : Array.isArray(items) ? items : [items]
    const choices = []
    for (const item of list) {
      const value = await evaluate(source.value, item, 'choice value expression')
      if (value === undefined || value === null || value === '') continue
      const label = source.label ? await evaluate(source.label, item, 'choice label expression') : undefined
      choices.push({
        value: String(value),
        label: label === undefined || label === null || label === '' ? String(value) : String(label),
      })
    }
    return { connectionId, field, methodId: source.method, choices }
  }

  return { test, configChoices, healthMethodOf }
}

export type RuntimeServices = ReturnType<typeof createRuntimeServices>

export function runtimeHandlers(
  deps: RuntimeServicesDeps & {
    services: RuntimeServices
    onChecked(connectionId: string, ok: boolean, message: string | null): void
  },
): Pick<Handlers, Prefixed> {
  const { runtime, connections, connectors, connectorsLoaded, services } = deps
  return {
    'runtime.invoke': async ({ connectionId, methodId, input, mock, timeoutMs, callId }) => {
      await connectorsLoaded
      return runtime.invoke(connectionId, methodId, input, {
        ...(mock !== undefined ? { mock } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(callId !== undefined ? { callId } : {}),
      })
    },
    'runtime.cancel': ({ callId }) => ({ cancelled: runtime.cancel(callId) }),
    'runtime.history': ({ connectionId, query, limit, before }) => {
      connections.row(connectionId)
      return runtime.history(connectionId, {
        ...(query !== undefined ? { query } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(before !== undefined ? { before } : {}),
      })
    },
    'connections.test': ({ connectionId }) =>
      services.test(connectionId, (ok, message) => deps.onChecked(connectionId, ok, message)),
    'connections.configChoices': ({ connectionId, field }) => services.configChoices(connectionId, field),
    'connectors.list': async () => {
      await connectorsLoaded
      return connectors.report()
    },
  }
}
