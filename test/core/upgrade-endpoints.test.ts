// An upgrade (or an import taking a bundled integration's id) must not move endpoints silently: the
// next token refresh would send the refresh token and client secret to the new host. The plan lists
// every endpoint whose origin changes, and applying needs an explicit confirmation.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import type { UpgradePlan } from '../../src-main/contract/types.ts'
import { asFile, makeDefinition } from '../support/definitions.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

async function start(bundled: Record<string, IntegrationDefinition> = {}): Promise<TempCore> {
  const definitionsDir = tempDir('switchboard-defs-')
  for (const [name, value] of Object.entries(bundled))
    writeFileSync(join(definitionsDir, name), JSON.stringify(value))
  const temp = createTempCore({ definitionsDir })
  cleanups.push(() => temp.dispose())
  await temp.core.vault.setup('correct horse battery')
  temp.core.clients.create({ name: 'Acme' })
  return temp
}

const oauth = (version: string, overrides: Partial<IntegrationDefinition> = {}) => {
  const { apiKeyConfig: _apiKey, ...base } = makeDefinition('ledger', { version })
  return {
    ...base,
    authType: 'oauth2',
    secretSchema: {
      type: 'object',
      properties: { clientId: { type: 'string' }, clientSecret: { type: 'string' } },
    },
    oauth2Config: {
      authorizationUrl: 'https://login.ledger.example/authorize',
      tokenUrl: 'https://login.ledger.example/token',
      revocationUrl: 'https://login.ledger.example/revoke',
      issuer: 'https://login.ledger.example',
      scopes: ['read'],
    },
    api: { baseUrl: { production: 'https://api.ledger.example/v1' } },
    ...overrides,
  } satisfies IntegrationDefinition
}

const moved = oauth('2.0.0', {
  oauth2Config: {
    // Same origin, another path: not a move.
    authorizationUrl: 'https://login.ledger.example/oauth/authorize',
    tokenUrl: 'https://tokens.elsewhere.example/token',
    issuer: 'https://tokens.elsewhere.example',
    scopes: ['read'],
  },
  api: {
    baseUrl: {
      production: 'https://{{config.region}}.ledger-cloud.example/v2',
      sandbox: 'https://sandbox.ledger.example',
    },
  },
})

describe('upgrading a connection', () => {
  it('lists every endpoint that moves to another origin, and applies only when confirmed', async () => {
    const temp = await start()
    await temp.core.definitions.importFiles([asFile('v1.json', oauth('1.0.0'))])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'ledger',
      environment: 'production',
    })
    await temp.core.definitions.importFiles([asFile('v2.json', moved)])

    const outcome = await temp.core.dispatch('connections.upgrade', { id, apply: false })
    if (!outcome.ok) throw new Error(outcome.error.message)
    const plan = outcome.value as UpgradePlan
    expect(plan.endpointChanges).toEqual([
      {
        path: 'oauth2Config.tokenUrl',
        from: 'https://login.ledger.example/token',
        to: 'https://tokens.elsewhere.example/token',
        fromOrigin: 'https://login.ledger.example',
        toOrigin: 'https://tokens.elsewhere.example',
      },
      {
        path: 'oauth2Config.revocationUrl',
        from: 'https://login.ledger.example/revoke',
        to: null,
        fromOrigin: 'https://login.ledger.example',
        toOrigin: null,
      },
      {
        path: 'oauth2Config.issuer',
        from: 'https://login.ledger.example',
        to: 'https://tokens.elsewhere.example',
        fromOrigin: 'https://login.ledger.example',
        toOrigin: 'https://tokens.elsewhere.example',
      },
      {
        path: 'api.baseUrl.production',
        from: 'https://api.ledger.example/v1',
        to: 'https://{{config.region}}.ledger-cloud.example/v2',
        fromOrigin: 'https://api.ledger.example',
        toOrigin: 'https://{{config.region}}.ledger-cloud.example',
      },
      {
        path: 'api.baseUrl.sandbox',
        from: null,
        to: 'https://sandbox.ledger.example',
        fromOrigin: null,
        toOrigin: 'https://sandbox.ledger.example',
      },
    ])

    const refused = await temp.core.dispatch('connections.upgrade', { id, apply: true })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: expect.stringContaining(
          'oauth2Config.tokenUrl moves from https://login.ledger.example to https://tokens.elsewhere.example',
        ),
        details: {
          issues: [{ path: 'confirmEndpoints', message: expect.any(String) }],
          endpointChanges: plan.endpointChanges,
        },
      },
    })
    expect(temp.core.connections.get(id).definitionVersion).toBe('1.0.0')
    expect(temp.core.audit.list({}).events.map((e) => e.action)).not.toContain('connection.upgraded')

    const applied = await temp.core.dispatch('connections.upgrade', {
      id,
      apply: true,
      confirmEndpoints: true,
    })
    expect(applied).toMatchObject({ ok: true, value: { applied: true, to: '2.0.0' } })
    expect(temp.core.connections.get(id).definitionVersion).toBe('2.0.0')
    const event = temp.core.audit.list({}).events.find((e) => e.action === 'connection.upgraded')
    expect(event?.details).toMatchObject({
      endpointsConfirmed: expect.arrayContaining(['oauth2Config.tokenUrl']),
    })
  })

  it('needs no confirmation when every endpoint keeps its origin', async () => {
    const temp = await start()
    await temp.core.definitions.importFiles([asFile('v1.json', oauth('1.0.0'))])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'ledger',
      environment: 'production',
    })
    const samePlaces = oauth('1.1.0', { api: { baseUrl: { production: 'https://api.ledger.example/v2' } } })
    await temp.core.definitions.importFiles([asFile('v1.1.json', samePlaces)])
    const applied = await temp.core.dispatch('connections.upgrade', { id, apply: true })
    expect(applied).toMatchObject({ ok: true, value: { applied: true, endpointChanges: [] } })
  })
})

describe('importing over a bundled integration', () => {
  it('warns that the import takes the bundled id, naming the endpoints that move', async () => {
    const temp = await start({ 'ledger.json': oauth('1.0.0') })
    const report = await temp.core.definitions.importFiles([asFile('mine.json', moved)])
    expect(report.files[0]).toMatchObject({ status: 'upgraded' })
    expect(report.files[0]?.warnings).toContainEqual({
      path: 'integrationId',
      message: expect.stringMatching(
        /^"ledger" is the id of a bundled integration: this import takes its place, and its endpoints differ \(.*oauth2Config\.tokenUrl moves from https:\/\/login\.ledger\.example to https:\/\/tokens\.elsewhere\.example/,
      ),
    })
    // An id the app does not ship: no such warning.
    const other = await temp.core.definitions.importFiles([asFile('other.json', makeDefinition('own-thing'))])
    expect(other.files[0]?.warnings.filter((w) => w.path === 'integrationId')).toEqual([])
  })
})
