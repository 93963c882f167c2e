// The built-in `mock` connector: answers any method with data generated from its outputSchema by
// json-schema-faker, the same data for the same seed (the runtime derives it from the connection and
// method, so a demo shows the same answer every time). No network, no credentials.
import { generate, type JsonSchema } from 'json-schema-faker'
import { CallFailure } from '../runtime/errors.ts'
import type { Connector, ConnectorContext } from './contract.ts'

async function invoke(methodId: string, _input: unknown, ctx: ConnectorContext): Promise<unknown> {
  const method =
    ctx.method?.id === methodId ? ctx.method : ctx.definition.methods.find((m) => m.id === methodId)
  if (!method)
    throw new CallFailure('ENDPOINT_MISSING', `${ctx.definition.integrationId} has no method "${methodId}".`)
  if (ctx.signal.aborted) throw new CallFailure('CANCELLED', 'The call was cancelled.')
  return generate(method.outputSchema as JsonSchema, { seed: ctx.seed, alwaysFakeOptionals: false })
}

export const mockConnector: Connector = {
  name: 'mock',
  offline: true,
  unsupported: ['connect', 'sync'],
  auth: async () => ({ ok: true, message: 'The mock connector needs no credentials.' }),
  invoke,
  fetch: ({ methodId, input }, ctx) => invoke(methodId, input, ctx),
  push: ({ methodId, input }, ctx) => invoke(methodId, input, ctx),
  revoke: async () => {},
  healthCheck: async (ctx) => {
    const methodId = ctx.definition.healthCheck?.method ?? ctx.definition.methods[0]?.id
    if (!methodId) return { ok: false, message: 'The definition has no methods.' }
    return {
      ok: true,
      message: `${methodId} answered with generated data.`,
      output: await invoke(methodId, {}, ctx),
    }
  },
}

/** A stable 32-bit seed from text (FNV-1a), so one connection and method always get the same data. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
