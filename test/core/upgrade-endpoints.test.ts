// An upgrade (or an import taking a bundled integration's id) must not move endpoints silently: the
// next token refresh would send the refresh token and client secret to the new host. The plan lists
// every endpoint whose origin changes, and applying needs an explicit confirmation.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntegrationDefinition } from '../../src-main/contract/definition-format.ts'
import type { UpgradePlan } from '../../src-main/contract/types.ts'
import { runCli } from '../support/cli.ts'
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

describe('a remote MCP server’s URL is an endpoint', () => {
  // The mcp connector sends the connection's mcpAccessToken to the definition's mcpUrl.
  const remote = (version: string, mcpUrl: string): IntegrationDefinition => {
    const { api: _api, ...base } = makeDefinition('remote-crm', {
      version,
      connector: 'mcp',
      mcpUrl,
      apiKeyConfig: { in: 'header', name: 'Authorization', prefix: 'Bearer ', secretField: 'mcpAccessToken' },
      secretSchema: { type: 'object', properties: { mcpAccessToken: { type: 'string' } } },
    })
    return base
  }

  it('an upgrade that moves mcpUrl to another origin lists it and needs confirmation', async () => {
    const temp = await start()
    await temp.core.definitions.importFiles([
      asFile('v1.json', remote('1.0.0', 'https://mcp.crm.example/mcp')),
    ])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'remote-crm',
      environment: 'production',
    })
    const report = await temp.core.definitions.importFiles([
      asFile('v2.json', remote('2.0.0', 'https://mcp.elsewhere.example/mcp')),
    ])
    expect(report.stored).toBe(1)
    const refused = await temp.core.dispatch('connections.upgrade', { id, apply: true })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: expect.stringContaining(
          'mcpUrl moves from https://mcp.crm.example to https://mcp.elsewhere.example',
        ),
        details: {
          endpointChanges: [
            {
              path: 'mcpUrl',
              from: 'https://mcp.crm.example/mcp',
              to: 'https://mcp.elsewhere.example/mcp',
              fromOrigin: 'https://mcp.crm.example',
              toOrigin: 'https://mcp.elsewhere.example',
            },
          ],
        },
      },
    })
    expect(temp.core.connections.get(id).definitionVersion).toBe('1.0.0')
    const applied = await temp.core.dispatch('connections.upgrade', {
      id,
      apply: true,
      confirmEndpoints: true,
    })
    expect(applied).toMatchObject({ ok: true, value: { applied: true, to: '2.0.0' } })
  })
})

describe('a forced re-import of a stored version', () => {
  const movedSameVersion = { ...moved, version: '1.0.0' }

  async function pinned() {
    const temp = await start()
    await temp.core.definitions.importFiles([asFile('v1.json', oauth('1.0.0'))])
    const { id } = temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'ledger',
      environment: 'production',
    })
    return { temp, id }
  }
  const tokenUrlOf = (temp: TempCore) => temp.core.definitions.get('ledger', '1.0.0').oauth2Config?.tokenUrl

  it('that moves endpoints under connections pinned to it is refused unless confirmed, naming the moves', async () => {
    const { temp, id } = await pinned()
    const events = () => temp.core.audit.list({}).events.map((e) => e.action)
    const before = events()
    const refused = await temp.core.dispatch('definitions.import', {
      files: [
        asFile('same-version.json', movedSameVersion),
        asFile('other.json', makeDefinition('own-thing')),
      ],
      force: true,
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIRMATION_REQUIRED',
        message: expect.stringContaining(
          `ledger 1.0.0, which connection ${id} uses, would send requests or credentials to other hosts (oauth2Config.tokenUrl moves from https://login.ledger.example to https://tokens.elsewhere.example`,
        ),
        details: {
          issues: [{ path: 'confirmEndpoints', message: expect.any(String) }],
          endpointChanges: expect.arrayContaining([
            expect.objectContaining({
              path: 'oauth2Config.tokenUrl',
              toOrigin: 'https://tokens.elsewhere.example',
            }),
          ]),
          replacements: [
            expect.objectContaining({ integrationId: 'ledger', version: '1.0.0', connections: [id] }),
          ],
        },
      },
    })
    // Nothing of the import was stored, not even the other file, and nothing was recorded.
    expect(tokenUrlOf(temp)).toBe('https://login.ledger.example/token')
    expect(temp.core.definitions.has('own-thing')).toBe(false)
    expect(events()).toEqual(before)
    // A dry run (definitions validate) says so without refusing.
    const checked = await temp.core.definitions.importFiles([asFile('same-version.json', movedSameVersion)], {
      force: true,
      dryRun: true,
    })
    expect(checked.files[0]?.warnings).toContainEqual({
      path: 'version',
      message: expect.stringContaining('importing it needs the new endpoints confirmed'),
    })

    const confirmed = await temp.core.definitions.importFiles(
      [asFile('same-version.json', movedSameVersion)],
      {
        force: true,
        confirmEndpoints: true,
      },
    )
    expect(confirmed.stored).toBe(1)
    expect(tokenUrlOf(temp)).toBe('https://tokens.elsewhere.example/token')
    const event = temp.core.audit.list({}).events.find((e) => e.action === 'definitions.upgraded')
    expect(event?.details).toMatchObject({
      force: true,
      endpointsConfirmed: [
        {
          integrationId: 'ledger',
          version: '1.0.0',
          connections: [id],
          paths: expect.arrayContaining(['oauth2Config.tokenUrl', 'api.baseUrl.production']),
        },
      ],
    })
  })

  it('needs no confirmation when no connection uses it, or when every endpoint keeps its origin', async () => {
    const temp = await start()
    await temp.core.definitions.importFiles([asFile('v1.json', oauth('1.0.0'))])
    const unused = await temp.core.definitions.importFiles([asFile('same-version.json', movedSameVersion)], {
      force: true,
    })
    expect(unused.stored).toBe(1)

    const other = await pinned()
    const samePlaces = oauth('1.0.0', { api: { baseUrl: { production: 'https://api.ledger.example/v2' } } })
    const kept = await other.temp.core.definitions.importFiles([asFile('same-origins.json', samePlaces)], {
      force: true,
    })
    expect(kept.stored).toBe(1)
    expect(other.temp.core.definitions.get('ledger', '1.0.0').api?.baseUrl.production).toBe(
      'https://api.ledger.example/v2',
    )
  })

  it('also guards a kept version above the current one (after a rollback), forced or not', async () => {
    const { temp, id } = await pinned()
    await temp.core.definitions.importFiles([asFile('v1.1.json', oauth('1.1.0'))])
    expect(await temp.core.dispatch('connections.upgrade', { id, apply: true })).toMatchObject({ ok: true })
    temp.core.definitions.rollback('ledger', '1.0.0')
    // 1.1.0 is newer than the current 1.0.0 again, and the connection is pinned to the kept 1.1.0.
    await expect(
      temp.core.definitions.importFiles([asFile('v1.1-moved.json', { ...moved, version: '1.1.0' })]),
    ).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(temp.core.definitions.get('ledger', '1.1.0').oauth2Config?.tokenUrl).toBe(
      'https://login.ledger.example/token',
    )
  })
})

describe('switchboard definitions import --confirm-endpoints', () => {
  it('a forced re-import that moves a pinned version’s endpoints fails without it and stores with it', async () => {
    const temp = await start()
    await temp.core.definitions.importFiles([asFile('v1.json', oauth('1.0.0'))])
    temp.core.connections.create({ clientId: 'acme', integrationId: 'ledger', environment: 'production' })
    temp.core.close()
    const file = join(tempDir('switchboard-defs-'), 'same-version.json')
    writeFileSync(file, JSON.stringify({ ...moved, version: '1.0.0' }))
    const run = (...args: string[]) =>
      runCli(['--data-dir', temp.dataDir, 'definitions', 'import', file, ...args], {
        env: { SWITCHBOARD_PASSPHRASE: 'correct horse battery' },
      })
    const refused = run('--force')
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/oauth2Config\.tokenUrl moves from https:\/\/login\.ledger\.example/)
    expect(run('--force', '--confirm-endpoints')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^upgraded/),
    })
  })
})
