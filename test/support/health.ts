// A definition for health tests and benchmarks: one read method (GET /me) named as the health check,
// its base URL taken from each connection's config.baseUrl (a loopback provider's path).
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { makeDefinition } from './definitions.ts'

export function healthDefinition(
  integrationId = 'svc',
  overrides: Partial<IntegrationDefinition> = {},
): IntegrationDefinition {
  return makeDefinition(integrationId, {
    configSchema: { type: 'object', properties: { baseUrl: { type: 'string' } } },
    methods: [
      {
        id: 'me',
        name: 'Who am I',
        description: 'The account the key belongs to.',
        kind: 'read',
        inputSchema: { type: 'object', properties: {}, additionalProperties: false },
        outputSchema: { type: 'object' },
        http: { method: 'GET', path: '/me' },
      },
    ],
    healthCheck: { method: 'me' },
    ...overrides,
  })
}
