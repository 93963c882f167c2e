// The two reference formats through the real core: a definition in exactly the reference structure
// (no category, docsUrl, api, secretSchema, healthCheck or bindings) and a ContractSpec IntegrationSpec,
// imported, looked up, used by connections and exported back.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  baseUrlOf,
  endpointNeed,
  secretFieldsOf,
  secretSchemaOf,
} from '../../src-main/contract/definition-defaults.ts'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { specsToJson } from '../../src-main/core/definitions/contractspec/index.ts'
import { exportBundle } from '../../src-main/core/definitions/export/index.ts'
import { validateDefinition } from '../../src-main/core/definitions/validate.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const reference = join(import.meta.dirname, '../support/reference')
const text = (name: string) => readFileSync(join(reference, name), 'utf8')
const json = (name: string) => JSON.parse(text(name)) as Record<string, unknown>

let temp: TempCore
beforeEach(async () => {
  temp = createTempCore()
  await temp.core.vault.setup('correct horse battery')
})
afterEach(() => temp.dispose())

describe('the reference structure, as written', () => {
  it('validates with only its own fields', () => {
    const xero = json('xero.json')
    expect(Object.keys(xero).sort()).toEqual(
      [
        'authType',
        'configSchema',
        'description',
        'integrationId',
        'methods',
        'name',
        'oauth2Config',
        'version',
      ].sort(),
    )
    expect(validateDefinition(xero)).toMatchObject({ ok: true })
  })

  it('imports, lists, shows and exports unchanged; its methods need an endpoint', async () => {
    const report = await temp.core.definitions.importFiles([
      { name: 'xero.json', content: text('xero.json') },
    ])
    expect(report.files[0]).toMatchObject({ status: 'upgraded', issues: [] })
    expect(report.files[0]?.warnings).toContainEqual({
      path: 'api',
      message: expect.stringMatching(/^No base URL is given\. Needs an endpoint: a baseUrl/),
    })
    const summary = temp.core.definitions.summaryOf('xero')
    expect(summary).toMatchObject({ category: 'other', docsUrl: null, needsEndpoint: true, version: '1.2.0' })
    expect(temp.core.definitions.catalog('', 'other').definitions.map((d) => d.integrationId)).toContain(
      'xero',
    )
    const stored = temp.core.definitions.get('xero', '1.2.0')
    expect(stored).toEqual(json('xero.json'))
    expect(endpointNeed(stored, stored.methods[0])).toMatch(/^Needs an endpoint/)
    // What a connection's config supplies counts: a baseUrl for bound methods, an MCP server's URL
    // for a definition the mcp connector runs; a code connector knows its own way.
    const bound = { ...stored.methods[0]!, http: { method: 'GET' as const, path: '/x' } }
    expect(endpointNeed(stored, bound, { baseUrl: 'https://api.xero.com' })).toBeNull()
    expect(endpointNeed(stored, stored.methods[0], { baseUrl: 'https://api.xero.com' })).toMatch(
      /HTTP binding/,
    )
    const remote = { ...stored, connector: 'mcp' }
    expect(endpointNeed(remote, stored.methods[0])).toMatch(/MCP server’s URL/)
    expect(endpointNeed(remote, stored.methods[0], { mcpUrl: 'http://127.0.0.1:9/mcp' })).toBeNull()
    expect(endpointNeed({ ...stored, connector: 'google-sheets' }, stored.methods[0])).toBeNull()
    const bundle = JSON.parse(exportBundle(temp.core.definitions.exportRows(['xero']))) as {
      definitions: unknown[]
    }
    expect(bundle.definitions).toEqual([json('xero.json')])
  })

  it('accepts additionalParameters.grant_type and warns that it is ignored', async () => {
    const report = await temp.core.definitions.importFiles([
      { name: 'cc.json', content: text('client-credentials.json') },
    ])
    expect(report.files[0]).toMatchObject({ status: 'imported', issues: [] })
    expect(report.files[0]?.warnings).toContainEqual({
      path: 'oauth2Config.additionalParameters.grant_type',
      message: expect.stringContaining('grant_type is set by Switchboard'),
    })
    // A parameter the protocol does not own is not mentioned.
    expect(JSON.stringify(report.files[0]?.warnings)).not.toContain('audience')
  })

  it('derives the secret fields from authType where secretSchema is left out', () => {
    const base = json('xero.json') as unknown as IntegrationDefinition
    expect(secretSchemaOf(base).properties).toEqual({})
    const apikey: IntegrationDefinition = {
      ...base,
      authType: 'apikey',
      oauth2Config: undefined,
      apiKeyConfig: { in: 'query', name: 'key', secretField: 'token' },
    }
    delete apikey.oauth2Config
    expect(secretSchemaOf(apikey)).toMatchObject({
      properties: { token: { type: 'string', description: 'Sent in the key query parameter.' } },
      required: ['token'],
    })
    const custom: IntegrationDefinition = {
      ...apikey,
      authType: 'custom',
      customAuth: { scheme: 'headers', headers: { 'X-Auth': '{{secret.user}}:{{secret.pass}}' } },
    }
    delete custom.apiKeyConfig
    expect(secretFieldsOf(custom).map((f) => [f.name, f.required])).toEqual([
      ['user', true],
      ['pass', true],
    ])
    expect(baseUrlOf(base, 'sandbox', { baseUrl: 'https://x.example' })).toBe('https://x.example')
    expect(baseUrlOf(base, 'sandbox')).toBeNull()
  })

  it('connections validate secrets against the derived fields', async () => {
    const definition = {
      ...json('xero.json'),
      integrationId: 'keyed',
      authType: 'apikey',
      apiKeyConfig: { in: 'header', name: 'X-Api-Key' },
      oauth2Config: undefined,
    }
    delete definition.oauth2Config
    const report = await temp.core.definitions.importFiles([
      { name: 'keyed.json', content: JSON.stringify(definition) },
    ])
    expect(report.files[0]?.issues).toEqual([])
    temp.core.clients.create({ name: 'Acme' })
    const config = { tenantId: 't-1' }
    expect(() =>
      temp.core.connections.create({
        clientId: 'acme',
        integrationId: 'keyed',
        environment: 'sandbox',
        config,
        secrets: { wrong: 'x' },
      }),
    ).toThrow(/not valid/)
    const view = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'keyed',
      environment: 'sandbox',
      config,
      secrets: { apiKey: 'k-123456789' },
    })
    expect(view.missingSecrets).toEqual([])
    expect(view.secrets.map((s) => [s.field, s.title])).toEqual([['apiKey', 'API key']])
  })
})

describe('ContractSpec IntegrationSpec', () => {
  it('imports the Stripe spec by detection, saying what went where', async () => {
    const report = await temp.core.definitions.importFiles([
      { name: 'stripe-spec.json', content: text('stripe-spec.json') },
    ])
    const file = report.files[0]
    expect(file).toMatchObject({ status: 'upgraded', issues: [] })
    expect(file?.notes.map((n) => n.path)).toEqual(
      expect.arrayContaining(['id', 'label', 'secretSchema', 'providesCapabilities', 'methods', 'webhooks']),
    )
    const definition = temp.core.definitions.get('stripe', '2.1.0')
    expect(definition.methods.map((m) => m.id)).toEqual([
      'payments.charges.create',
      'payments.refunds.create',
      'payments.customers.list',
    ])
    expect(definition.methods.map((m) => m.kind)).toEqual(['write', 'write', 'read'])
    expect(definition.secretSchema).toMatchObject({
      properties: { apiKey: { type: 'string' }, webhookSecret: { type: 'string' } },
      required: ['apiKey'],
    })
    expect(definition.webhooks).toMatchObject({ scheme: 'stripe', signatureHeader: 'Stripe-Signature' })
    expect(temp.core.definitions.summaryOf('stripe').needsEndpoint).toBe(true)
  })

  it('exports back what it imported: id, capabilities, required secrets, webhook events', async () => {
    await temp.core.definitions.importFiles([{ name: 'stripe-spec.json', content: text('stripe-spec.json') }])
    const [spec] = JSON.parse(specsToJson(temp.core.definitions.exportRows(['stripe']))) as Record<
      string,
      unknown
    >[]
    const source = json('stripe-spec.json')
    for (const key of [
      'id',
      'label',
      'category',
      'providesCapabilities',
      'secretSchema',
      'webhooks',
      'version',
    ])
      expect(spec?.[key], key).toEqual(source[key])
    expect(spec?.configSchema).toEqual(source.configSchema)
  })

  it('takes --format contractspec, and refuses a broken spec with the spec’s own paths', async () => {
    const broken = { ...json('stripe-spec.json'), secretSchema: { apiKey: { type: 'text' } } }
    const report = await temp.core.definitions.importFiles(
      [{ name: 'broken.json', content: JSON.stringify(broken) }],
      { format: 'contractspec' },
    )
    expect(report.files[0]?.status).toBe('rejected')
    expect(report.files[0]?.issues.map((i) => i.path)).toContain('secretSchema.apiKey.type')
    const empty = { id: 'nothing', label: 'Nothing', providesCapabilities: [] }
    const none = await temp.core.definitions.importFiles([{ name: 'e.json', content: JSON.stringify(empty) }])
    expect(none.files[0]?.issues).toEqual([
      { path: 'providesCapabilities', message: expect.stringContaining('at least one method') },
    ])
    const badId = { ...json('stripe-spec.json'), id: 'Not An Id' }
    const named = await temp.core.definitions.importFiles([
      { name: 'b.json', content: JSON.stringify(badId) },
    ])
    expect(named.files[0]?.issues.map((i) => i.path)).toEqual(['id'])
  })

  it('reports keys that have no place in a definition', async () => {
    const extra = { ...json('stripe-spec.json'), id: 'stripe-extra', owner: 'payments-team' }
    const report = await temp.core.definitions.importFiles([
      { name: 'x.json', content: JSON.stringify(extra) },
    ])
    expect(report.files[0]?.warnings).toContainEqual({
      path: 'owner',
      message: 'owner has no place in a definition; dropped.',
    })
  })
})
