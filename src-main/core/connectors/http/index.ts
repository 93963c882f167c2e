// The built-in `http` connector: runs a method through its declarative binding (binding.ts), maps the
// answer with the binding's JSONata expression and walks pagination up to a limit (pagination.ts).
import type { MethodDefinition } from '../../../contract/definition-format.ts'
import { CallFailure } from '../../runtime/errors.ts'
import type { Connector, ConnectorContext } from '../contract.ts'
import { buildRequest } from './binding.ts'
import { walkPages } from './pagination.ts'
import { evaluate, jsonBody, requireSuccess } from './response.ts'

function methodOf(ctx: ConnectorContext, methodId: string): MethodDefinition {
  const method =
    ctx.method?.id === methodId ? ctx.method : ctx.definition.methods.find((m) => m.id === methodId)
  if (!method)
    throw new CallFailure('ENDPOINT_MISSING', `${ctx.definition.integrationId} has no method "${methodId}".`)
  return method
}

async function invoke(methodId: string, input: unknown, ctx: ConnectorContext): Promise<unknown> {
  const method = methodOf(ctx, methodId)
  const binding = method.http
  if (!binding) {
    throw new CallFailure(
      'ENDPOINT_MISSING',
      `${ctx.definition.name}'s method ${methodId} has no HTTP binding, so the http connector cannot call it.`,
    )
  }
  if (!ctx.baseUrl) {
    throw new CallFailure('ENDPOINT_MISSING', `${ctx.definition.name} has no base URL for this connection.`)
  }
  const request = buildRequest(binding, input, ctx.baseUrl, ctx.definition, ctx.config)
  let body: unknown
  if (binding.pagination) {
    body = await walkPages(request, binding.pagination, ctx)
  } else {
    const response = await ctx.http.send(request)
    requireSuccess(response)
    body = jsonBody(response)
  }
  return binding.response ? await evaluate(binding.response, body, 'response mapping') : body
}

export const httpConnector: Connector = {
  name: 'http',
  // Stateless: nothing to set up per call, and OAuth revocation is the auth layer's (RFC 7009).
  unsupported: ['connect', 'sync', 'revoke'],
  auth: async (ctx) => {
    const d = ctx.definition
    const missing =
      (d.authType === 'apikey' && !d.apiKeyConfig && 'apiKeyConfig') ||
      (d.authType === 'custom' && !d.customAuth && 'customAuth') ||
      (d.authType === 'oauth2' && !d.oauth2Config && 'oauth2Config')
    return missing
      ? { ok: false, message: `${d.name} says authType ${d.authType} but has no ${missing}.` }
      : { ok: true, message: `Credentials are applied by the auth layer (${d.authType}).` }
  },
  invoke,
  fetch: ({ methodId, input }, ctx) => invoke(methodId, input, ctx),
  push: ({ methodId, input }, ctx) => invoke(methodId, input, ctx),
  healthCheck: async (ctx) => {
    const check = ctx.definition.healthCheck
    const methodId = check?.method ?? ctx.method?.id
    if (!methodId) return { ok: false, message: `${ctx.definition.name} names no health check method.` }
    const output = await invoke(methodId, check?.input ?? {}, ctx)
    return { ok: true, message: `${methodId} succeeded.`, output }
  },
}
