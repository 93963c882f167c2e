// Small, valid definitions for tests and benchmarks, varied by id, version and method count.
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'

export function makeDefinition(
  integrationId: string,
  overrides: Partial<IntegrationDefinition> = {},
  methodCount = 3,
): IntegrationDefinition {
  return {
    integrationId,
    name: `Service ${integrationId}`,
    description: `A test service called ${integrationId}.`,
    version: '1.0.0',
    category: 'testing',
    docsUrl: `https://docs.example.com/${integrationId}`,
    authType: 'apikey',
    apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ', secretField: 'apiKey' },
    api: { baseUrl: { production: `https://api.example.com/${integrationId}` } },
    configSchema: { type: 'object', properties: { region: { type: 'string', default: 'eu' } } },
    secretSchema: { type: 'object', properties: { apiKey: { type: 'string' } }, required: ['apiKey'] },
    methods: Array.from({ length: methodCount }, (_, i) => ({
      id: `items.get${i}`,
      name: `Get item kind ${i}`,
      description: `Fetches one item of kind ${i}.`,
      capability: `testing.items${i}`,
      kind: 'read' as const,
      inputSchema: {
        type: 'object',
        properties: { itemId: { type: 'string', minLength: 1 }, expand: { type: 'boolean' } },
        required: ['itemId'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: { id: { type: 'string' }, value: { type: 'number' } },
        required: ['id'],
      },
      http: {
        method: 'GET' as const,
        path: `/kind${i}/items/{itemId}`,
        query: ['expand'],
        response: '{ "id": id, "value": value }',
      },
    })),
    ...overrides,
  }
}

export const asFile = (name: string, value: unknown) => ({ name, content: JSON.stringify(value, null, 2) })
