// The connector framework: the conformance suite on every built-in and on the manifest's code
// connector, the manifest registry's per-entry failures, deterministic transport routing, Google
// Sheets values as typed rows, and config fields filled after sign-in (needs setup until then).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import { certify } from '../../src-main/core/connectors/certify.ts'
import { googleSheetsConnector } from '../../src-main/core/connectors/code/google-sheets.ts'
import { httpConnector } from '../../src-main/core/connectors/http/index.ts'
import { mockConnector } from '../../src-main/core/connectors/mock.ts'
import { createConnectorRegistry } from '../../src-main/core/connectors/registry.ts'
import { routeTransport } from '../../src-main/core/runtime/transport.ts'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider } from '../support/provider.ts'
import { tempDir } from '../support/temp-core.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

describe('connector certification', () => {
  it.each([
    ['http', httpConnector],
    ['mock', mockConnector],
    ['google-sheets', googleSheetsConnector],
  ])('%s passes the conformance suite', async (_name, connector) => {
    const report = await certify(connector)
    expect(report.checks.filter((c) => !c.ok)).toEqual([])
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'contract',
        'unknown method',
        'cancellation',
        'revoke idempotent',
        'no secret in logs',
      ]),
    )
  })

  it('fails a connector that swallows errors, leaks the credential or ignores cancellation', async () => {
    const sloppy = {
      name: 'sloppy',
      unsupported: ['auth', 'connect', 'fetch', 'push', 'sync', 'revoke'] as const,
      invoke: async (
        _methodId: string,
        _input: unknown,
        ctx: {
          http: typeof httpConnector extends never ? never : { send: (r: unknown) => Promise<unknown> }
        },
      ) => {
        try {
          return await ctx.http.send({
            method: 'GET',
            url: new URL('http://127.0.0.1:9/none'),
            headers: new Headers(),
          })
        } catch (error) {
          console.log('failed with Bearer', String(error))
          return null
        }
      },
      healthCheck: async () => ({ ok: true, message: 'fine' }),
    }
    const report = await certify(sloppy as never)
    expect(report.ok).toBe(false)
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.name)
    expect(failed).toEqual(expect.arrayContaining(['unknown method', 'provider error']))
  })
})

describe('the manifest registry', () => {
  it('loads the bundled manifest: the Google Sheets code connector', async () => {
    const registry = createConnectorRegistry()
    const loaded = await registry.discover(resolve(import.meta.dirname, '../../definitions'))
    expect(loaded).toEqual(['google-sheets'])
    expect(registry.report().failures).toEqual([])
    expect(registry.get('google-sheets').name).toBe('google-sheets')
  })

  it('fails each bad entry alone, with its reason, and loads the good ones', async () => {
    const dir = tempDir('switchboard-manifest-')
    cleanups.push(() => void 0)
    writeFileSync(
      join(dir, 'good.mjs'),
      `export const good = { name: 'good', unsupported: ['auth','connect','fetch','push','sync','revoke'], invoke: async () => ({}), healthCheck: async () => ({ ok: true, message: '' }) }\n`,
    )
    writeFileSync(
      join(dir, 'half.mjs'),
      `export const half = { name: 'half', invoke: async () => ({}) }\nexport default 1\n`,
    )
    writeFileSync(join(dir, 'broken.mjs'), `throw new Error('boom at import')\n`)
    writeFileSync(
      join(dir, 'connectors.manifest.json'),
      JSON.stringify({
        connectors: {
          good: { module: './good.mjs', export: 'good' },
          missing: { module: './nowhere.mjs' },
          noexport: { module: './good.mjs', export: 'other' },
          half: { module: './half.mjs', export: 'half' },
          broken: { module: './broken.mjs' },
          nomodule: {},
        },
      }),
    )
    const registry = createConnectorRegistry()
    expect(await registry.loadManifest(join(dir, 'connectors.manifest.json'))).toEqual(['good'])
    const reasons = Object.fromEntries(registry.report().failures.map((f) => [f.name, f.reason]))
    expect(reasons.missing).toMatch(/module not found/)
    expect(reasons.noexport).toMatch(/no export "other"/)
    expect(reasons.half).toMatch(/does not implement the connector contract: it neither implements auth/)
    expect(reasons.half).toMatch(/has no healthCheck function/)
    expect(reasons.broken).toMatch(/could not be loaded: boom at import/)
    expect(reasons.nomodule).toMatch(/no "module" path/)
    expect(() => registry.get('missing')).toThrow(/failed to load: module not found/)

    const other = tempDir('switchboard-manifest-')
    writeFileSync(join(other, 'connectors.manifest.json'), '{ not json')
    const second = createConnectorRegistry()
    expect(await second.loadManifest(join(other, 'connectors.manifest.json'))).toEqual([])
    expect(second.report().failures[0]?.reason).toMatch(/is not JSON/)
    expect(await second.loadManifest(join(other, 'absent.json'))).toEqual([])
    expect(second.report().failures[1]?.reason).toMatch(/does not exist/)
    mkdirSync(join(other, 'nested'))
    expect(await createConnectorRegistry().discover(join(other, 'nested'))).toEqual([])
  })
})

describe('transport routing', () => {
  const definition = makeDefinition('multi', {
    transports: [
      { kind: 'official-api' },
      { kind: 'aggregator-api', connector: 'mock' },
      { kind: 'unofficial' },
    ],
  })
  it('takes the first allowed transport the definition offers, in the connection’s order', () => {
    expect(routeTransport(definition, {}).kind).toBe('official-api')
    expect(routeTransport(definition, { defaultTransport: 'aggregator-api' }).kind).toBe('aggregator-api')
    expect(routeTransport(definition, { strategyOrder: ['unofficial', 'aggregator-api'] }).kind).toBe(
      'aggregator-api',
    )
  })
  it('uses an unofficial transport only when both gates allow it', () => {
    const only = makeDefinition('multi', { transports: [{ kind: 'unofficial' }] })
    expect(() => routeTransport(only, {})).toThrow(/unofficial needs allowUnofficial/)
    expect(() => routeTransport(only, { allowUnofficial: true })).toThrow(/does not allow/)
    expect(() => routeTransport(only, { unofficialAllowList: ['multi'] })).toThrow(/does not allow/)
    expect(routeTransport(only, { allowUnofficial: true, unofficialAllowList: ['multi'] }).kind).toBe(
      'unofficial',
    )
    expect(
      routeTransport(definition, {
        strategyOrder: ['unofficial'],
        allowUnofficial: true,
        unofficialAllowList: ['multi'],
      }).kind,
    ).toBe('unofficial')
  })
})

describe('code connector and config after sign-in, through the runtime', () => {
  it('reads Google Sheets values as typed rows through the manifest-loaded connector', async () => {
    const provider = await startProvider()
    cleanups.push(() => provider.close())
    provider.route(
      'GET',
      '/v4/spreadsheets/sheet-1/values/Clients!A1%3AC4',
      json(200, {
        range: 'Clients!A1:C4',
        majorDimension: 'ROWS',
        values: [['Name', 'Retainer', 'Active'], ['Acme', 1200, true], ['Globex', '950', false], ['Initech']],
      }),
    )
    const temp = await coreWith([])
    cleanups.push(temp.dispose)
    const sheets = temp.core.definitions.current('google-sheets')
    const local: IntegrationDefinition = {
      ...sheets,
      integrationId: 'google-sheets-local',
      api: { baseUrl: { production: `${provider.url}/v4` } },
      authType: 'apikey',
      apiKeyConfig: { in: 'query', name: 'key' },
      oauth2Config: undefined,
      secretSchema: { type: 'object', properties: { apiKey: { type: 'string' } }, required: ['apiKey'] },
    }
    await temp.core.definitions.importFiles([{ name: 'local.json', content: JSON.stringify(local) }])
    const id = connectionOf(temp, 'google-sheets-local', { apiKey: 'AIzaSyLocalKey000000000' })
    const result = await temp.core.handlers['runtime.invoke']({
      connectionId: id,
      methodId: 'values.rows',
      input: { spreadsheetId: 'sheet-1', range: 'Clients!A1:C4', types: { Retainer: 'number' } },
    })
    expect(result.error).toBeNull()
    expect(result.output).toEqual({
      range: 'Clients!A1:C4',
      columns: ['Name', 'Retainer', 'Active'],
      rows: [
        { Name: 'Acme', Retainer: 1200, Active: true },
        { Name: 'Globex', Retainer: 950, Active: false },
        { Name: 'Initech', Retainer: null, Active: null },
      ],
    })
    expect(provider.seen[0]?.query.get('valueRenderOption')).toBe('UNFORMATTED_VALUE')
    expect(result.request?.url).toContain('key=****')
  })

  it('a config field filled after sign-in: needs setup, then picked from its method’s output', async () => {
    const provider = await startProvider()
    cleanups.push(() => provider.close())
    provider.route('GET', '/connections', (req, res, seen) => {
      // The tenant header is left off until the tenant is chosen.
      json(200, [
        {
          id: 'c1',
          tenantId: 'tenant-a',
          tenantName: 'Acme Ltd',
          header: seen.headers['xero-tenant-id'] ?? null,
        },
        { id: 'c2', tenantId: 'tenant-b', tenantName: null },
      ])(req, res, seen)
    })
    provider.route('GET', '/org', (req, res, seen) =>
      json(200, { id: String(seen.headers['xero-tenant-id']), value: 1 })(req, res, seen),
    )
    const definition = makeDefinition('tenanted', {
      api: { baseUrl: { production: provider.url }, headers: { 'xero-tenant-id': '{{config.tenantId}}' } },
      configSchema: { type: 'object', properties: { tenantId: { type: 'string' } }, required: ['tenantId'] },
      configChoices: {
        tenantId: { method: 'tenants.list', items: '$', value: 'tenantId', label: 'tenantName' },
      },
      methods: [
        {
          id: 'tenants.list',
          name: 'Tenants',
          description: 'The tenants.',
          kind: 'read',
          inputSchema: { type: 'object', properties: {} },
          outputSchema: { type: 'array' },
          http: { method: 'GET', path: '/connections' },
        },
        {
          id: 'org.get',
          name: 'Organisation',
          description: 'The organisation.',
          kind: 'read',
          inputSchema: { type: 'object', properties: {} },
          outputSchema: { type: 'object', required: ['id'] },
          http: { method: 'GET', path: '/org' },
        },
      ],
    })
    const temp = await coreWith([definition])
    cleanups.push(temp.dispose)
    const id = connectionOf(temp, 'tenanted', { apiKey: 'key-0000000000000000' })
    const created = temp.core.connections.get(id)
    expect(created.state).toBe('needs-setup')
    expect(created.setupNeeded).toEqual(['tenantId'])

    const picked = await temp.core.handlers['connections.configChoices']({
      connectionId: id,
      field: 'tenantId',
    })
    expect(picked.choices).toEqual([
      { value: 'tenant-a', label: 'Acme Ltd' },
      { value: 'tenant-b', label: 'tenant-b' },
    ])
    expect(provider.seen[0]?.headers['xero-tenant-id']).toBeUndefined()
    await expect(
      temp.core.handlers['connections.configChoices']({ connectionId: id, field: 'region' }),
    ).rejects.toThrow(/no choices/)

    const updated = await temp.core.handlers['connections.updateConfig']({
      id,
      config: { tenantId: 'tenant-a' },
    })
    expect(updated.setupNeeded).toEqual([])
    // Listing the tenants succeeded with these credentials: that already proves them.
    expect(updated.state).toBe('healthy')
    const result = await temp.core.handlers['runtime.invoke']({
      connectionId: id,
      methodId: 'org.get',
      input: {},
    })
    expect(result.output).toEqual({ id: 'tenant-a', value: 1 })
    expect(temp.core.connections.get(id).state).toBe('healthy')
  })
})
