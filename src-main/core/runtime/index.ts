// The connector runtime: invoke(connectionId, methodId, input, {timeoutMs, signal, mock}).
//   1. the connection's pinned definition version and method;
//   2. the input validated (defaults applied) before any network — every failing path, in sentences;
//   3. the transport routed (transport.ts) and the connector chosen (mock when asked);
//   4. the connector run, connect → invoke → close, with credentials from the auth layer, a timeout,
//      cancellation and retries where safe (provider-http.ts);
//   5. the output validated against outputSchema (a mismatch is reported beside the raw response);
//   6. the call recorded in call_history (input with secret fields redacted) and the connection's
//      health moved (status module).
// A call's own failures come back as the result's typed `error`; a missing connection or method throws.
import { randomUUID } from 'node:crypto'
import type { IntegrationDefinition, MethodDefinition } from '../../contract/definition-format.ts'
import type { CallError, CallResult, CallStatus, HealthState, TransportKind } from '../../contract/types.ts'
import type { Auth } from '../auth/index.ts'
import type { Connections } from '../connections/connections.ts'
import type { ConnectorContext } from '../connectors/contract.ts'
import { baseUrlOf, fillConfig } from '../connectors/http/binding.ts'
import { seedOf } from '../connectors/mock.ts'
import type { ConnectorRegistry } from '../connectors/registry.ts'
import type { DefinitionRegistry } from '../definitions/index.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import { AppError } from '../errors.ts'
import type { Clock, Logger } from '../host.ts'
import { describeIssues, problemCount, toIssues } from '../validation/ajv.ts'
import { CallFailure } from './errors.ts'
import { createCallHistory } from './history.ts'
import { redactInput, scrub, scrubValue, secretInputValues } from './mask.ts'
import { createProviderHttp, createTrace, type CallTrace } from './provider-http.ts'
import { defaultRetry, type RetryOptions } from './retry.ts'
import { routeTransport, transportSettings } from './transport.ts'

export const defaultTimeoutMs = 30_000

export interface InvokeOptions {
  timeoutMs?: number
  signal?: AbortSignal
  mock?: boolean
  /** Chosen by the caller to cancel the call by id (runtime.cancel). */
  callId?: string
  /** Run the connector's healthCheck instead of invoke (connections.test). */
  operation?: 'invoke' | 'healthCheck'
}

export interface RuntimeDeps {
  db: Db
  writer: Writer
  connections: Connections
  definitions: DefinitionRegistry
  auth: Auth
  connectors: ConnectorRegistry
  clock: Clock
  logger: Logger
  /**
   * Told of every finished call (the status module moves the connection's health); `before` is the
   * connection's health state when the call started.
   */
  onCallFinished?(
    result: CallResult,
    operation: 'invoke' | 'healthCheck',
    before: { healthState: HealthState; lastErrorMessage: string | null },
  ): void
  retry?: RetryOptions
  historyRetention?: number
  bodyCap?: number
  fetch?: typeof fetch
}

const isReadLike = (method: MethodDefinition): boolean =>
  method.kind === 'read' || (method.kind === undefined && method.http?.method === 'GET')

export function createRuntime(deps: RuntimeDeps) {
  const { connections, definitions, auth, connectors, clock, logger } = deps
  const history = createCallHistory(deps.db, deps.writer, deps.historyRetention)
  // The registry's validators: compiled once per definition content (a forced re-import of the same
  // version is seen at once), for the connection's pinned version.
  const schemaOf = (definition: IntegrationDefinition, method: MethodDefinition, which: 'input' | 'output') =>
    definitions.validatorFor(definition.integrationId, definition.version, method.id, which)
  const running = new Map<string, () => void>()

  const methodOf = (definition: IntegrationDefinition, methodId: string): MethodDefinition => {
    const method = definition.methods.find((m) => m.id === methodId)
    if (!method) {
      throw new AppError(
        'NOT_FOUND',
        `${definition.name} ${definition.version} has no method "${methodId}".`,
        {
          issues: [{ path: 'methodId', message: "is not a method of the connection's definition" }],
        },
      )
    }
    return method
  }

  const invoke = async (
    connectionId: string,
    methodId: string,
    rawInput: unknown,
    options: InvokeOptions = {},
  ): Promise<CallResult> => {
    const row = connections.row(connectionId)
    const definition = definitions.get(row.integrationId, row.definitionVersion)
    const method = methodOf(definition, methodId)
    const callId = options.callId ?? randomUUID()
    if (running.has(callId))
      throw new AppError('CONFLICT', `A call with the id ${callId} is already running.`)
    const operation = options.operation ?? 'invoke'
    const started = performance.now()
    const startedAt = clock.now().toISOString()
    const trace: CallTrace = createTrace()
    const secrets: string[] = []
    /** The stored secret fields this call used, for the audit trail's secret.used event. */
    const secretFields: string[] = []
    let stored: Record<string, string> | undefined
    let transport: TransportKind = options.mock ? 'mock' : 'official-api'
    let output: unknown = null
    let outputValidation: CallResult['outputValidation'] = null
    let error: CallError | null = null
    let status: CallStatus = 'success'
    const input = rawInput === undefined ? {} : structuredClone(rawInput)

    const controller = new AbortController()
    let abortReason: 'timeout' | 'cancelled' | null = null
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
    const timer = setTimeout(() => {
      abortReason ??= 'timeout'
      controller.abort(new CallFailure('TIMEOUT', `The provider did not answer within ${timeoutMs} ms.`))
    }, timeoutMs)
    const onCancel = () => {
      abortReason ??= 'cancelled'
      controller.abort(new CallFailure('CANCELLED', 'The call was cancelled.'))
    }
    if (options.signal?.aborted) onCancel()
    options.signal?.addEventListener('abort', onCancel, { once: true })
    running.set(callId, onCancel)

    try {
      const validateInput = schemaOf(definition, method, 'input')
      if (!validateInput(input)) {
        const issues = toIssues(validateInput.errors)
        throw new CallFailure('INPUT_INVALID', `The input is not valid (${problemCount(issues)}).`, {
          issues,
        })
      }
      secrets.push(...secretInputValues(method.inputSchema, input))
      const route = options.mock ? null : routeTransport(definition, transportSettings(row.config))
      if (route) transport = route.kind
      const connectorName = options.mock ? 'mock' : (route?.connector ?? definition.connector ?? 'http')
      if (!connectors.has(connectorName)) {
        const failure = connectors.report().failures.find((f) => f.name === connectorName)
        throw new CallFailure(
          'ENDPOINT_MISSING',
          failure
            ? `${definition.name} runs on the connector "${connectorName}", which failed to load: ${failure.reason}.`
            : `${definition.name} runs on the connector "${connectorName}", which is not installed.`,
        )
      }
      const connector = connectors.get(connectorName)
      const needsCredentials = !options.mock && definition.authType !== 'none'
      if (needsCredentials) {
        try {
          stored = connections.readSecrets(connectionId)
          secrets.push(...Object.values(stored))
          secretFields.push(...Object.keys(stored))
        } catch (failure) {
          if (failure instanceof AppError)
            throw new CallFailure('AUTH_REQUIRED', failure.message, { reason: failure.code })
          throw failure
        }
      }
      const baseTemplate = route?.baseUrl
        ? row.environment === 'sandbox'
          ? (route.baseUrl.sandbox ?? route.baseUrl.production)
          : route.baseUrl.production
        : null
      const http = createProviderHttp(
        {
          connectionId,
          authorize: needsCredentials
            ? (request) => auth.authorize(connectionId, request, stored ? { secrets: stored } : undefined)
            : null,
          afterRejection: (rejected) => auth.afterRejection(connectionId, rejected),
          secrets,
          signal: controller.signal,
          abortReason: () => abortReason,
          timeoutMs,
          retry: isReadLike(method) || method.idempotent === true ? (deps.retry ?? defaultRetry) : null,
          ...(deps.bodyCap !== undefined ? { bodyCap: deps.bodyCap } : {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        },
        trace,
      )
      const ctx: ConnectorContext = {
        connectionId,
        definition,
        environment: row.environment,
        config: row.config,
        baseUrl: options.mock
          ? null
          : baseTemplate
            ? fillConfig(baseTemplate, row.config, 'the base URL')
            : baseUrlOf(definition, row.environment, row.config),
        transport,
        signal: controller.signal,
        http,
        seed: seedOf(`${connectionId}\u0000${method.id}`),
        method,
      }
      const aborted = new Promise<never>((_, reject) => {
        const fail = () =>
          reject(
            abortReason === 'timeout'
              ? new CallFailure('TIMEOUT', `The provider did not answer within ${timeoutMs} ms.`, {
                  timeoutMs,
                })
              : new CallFailure('CANCELLED', 'The call was cancelled.'),
          )
        if (controller.signal.aborted) fail()
        controller.signal.addEventListener('abort', fail, { once: true })
      })
      aborted.catch(() => {})
      // The lifecycle is the runtime's: connect, use, close — whatever happens in between.
      await Promise.race([connector.connect?.(ctx), aborted])
      try {
        if (operation === 'healthCheck') {
          const health = await Promise.race([connector.healthCheck(ctx), aborted])
          if (!health.ok) throw new CallFailure('PROVIDER', health.message)
          output = health.output ?? null
        } else {
          output = await Promise.race([connector.invoke(method.id, input, ctx), aborted])
        }
      } finally {
        await connector.close?.(ctx)
      }
      output = scrubValue(output, secrets)
      const validateOutput = schemaOf(definition, method, 'output')
      if (validateOutput(structuredClone(output))) outputValidation = { valid: true, issues: [] }
      else {
        const issues = toIssues(validateOutput.errors, 'output')
        outputValidation = { valid: false, issues }
        status = 'output-mismatch'
        error = {
          code: 'OUTPUT_MISMATCH',
          message: `The provider's answer does not match ${method.id}'s outputSchema: ${describeIssues(issues)}.`,
          details: { issues },
        }
      }
    } catch (failure) {
      const typed =
        failure instanceof CallFailure
          ? failure
          : failure instanceof AppError
            ? new CallFailure('AUTH_REQUIRED', failure.message, { reason: failure.code })
            : new CallFailure(
                'PROVIDER',
                `The ${definition.connector ?? 'http'} connector failed: ${failure instanceof Error ? failure.message : String(failure)}`,
              )
      if (!(failure instanceof CallFailure) && !(failure instanceof AppError)) {
        logger.warn('connector failed', {
          connection: connectionId,
          method: methodId,
          error: scrub(String(failure), secrets),
        })
      }
      const body = typed.toCallError()
      error = {
        ...body,
        message: scrub(body.message, secrets),
        ...(body.details ? { details: scrubValue(body.details, secrets) as CallError['details'] } : {}),
      }
      status = typed.code === 'CANCELLED' ? 'cancelled' : 'failed'
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onCancel)
      running.delete(callId)
    }

    const result: CallResult = {
      callId,
      connectionId,
      integrationId: definition.integrationId,
      definitionVersion: definition.version,
      methodId: method.id,
      status,
      startedAt,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      transport,
      mock: options.mock === true,
      attempts: trace.attempts,
      output,
      outputValidation,
      request: trace.request,
      response: trace.response,
      error,
    }
    // A read's record may wait a moment to commit with others (writer.writeSoon); anything that may
    // have changed something at the provider is on disk before the caller hears about it.
    const deferred = operation === 'healthCheck' || isReadLike(method)
    history.record(result, trace, redactInput(method.inputSchema, input), secretFields, deferred)
    deps.onCallFinished?.(result, operation, row)
    return result
  }

  return {
    invoke,
    cancel: (callId: string): boolean => {
      const cancel = running.get(callId)
      if (!cancel) return false
      cancel()
      return true
    },
    running: () => running.size,
    history: history.list,
  }
}

export type Runtime = ReturnType<typeof createRuntime>
